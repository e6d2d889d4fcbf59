"""Cooperation agreements: parties, kind, stage (an enforced state machine), terms, documents.

An active `interline_handover` agreement valid today is what the planner may use; every write
that can change that bumps the `agreements` change counter in the same unit of work.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from datetime import date
from itertools import islice
from typing import Any

from jalin.errors import CommonErrorCode, JalinError, choice
from jalin.geo.atlas import Atlas, Level
from jalin.registry.access import Principal, may_act_on_agreement
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.records import Agreement, Party, StoredDocument, as_dict
from jalin.registry.rules import AGREEMENT_TRANSITIONS, AgreementKind, AgreementStage, Role
from jalin.registry.visibility import sees_agreement
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, page
from jalin.services.registry.common import audit, not_found, now, require, require_members
from jalin.storage import agreements as store
from jalin.storage import registry as registry_store
from jalin.storage.counters import bump
from jalin.storage.uow import UnitOfWork

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def _check_terms(
    atlas: Atlas, fee: int, valid_from: date | None, valid_until: date | None, districts: list[str]
) -> list[str]:
    """The handover districts, checked and sorted; or the first term that is wrong."""
    if fee < 0:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT,
            f"fee_per_parcel is {fee}; it must be 0 or more",
            field="fee_per_parcel",
        )
    if valid_from and valid_until and valid_from > valid_until:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT,
            f"valid_from {valid_from} is after valid_until {valid_until}; swap them",
            field="valid_from",
        )
    out = []
    for d in districts:
        area = atlas.get(d)
        if area is None or area.level != Level.DISTRICT:
            raise JalinError(
                RegistryErrorCode.UNKNOWN_REGION,
                f"handover district '{d}' is not a district code",
                field="districts",
            )
        out.append(area.code)
    return sorted(set(out))


def _visible(uow: UnitOfWork, who: Principal, agreement_id: int) -> Agreement:
    found = store.get_agreement(uow.conn, agreement_id)
    if found is None or not sees_agreement(who, *found):
        raise not_found("agreement", agreement_id)
    return found[0]


def _changeable(uow: UnitOfWork, who: Principal, agreement_id: int) -> Agreement:
    """An agreement the principal may see (else 404) and act on (else 403)."""
    found = store.get_agreement(uow.conn, agreement_id)
    if found is None or not sees_agreement(who, *found):
        raise not_found("agreement", agreement_id)
    agreement, seats = found
    _check_may_act(who, agreement.province_code, seats, len(agreement.parties))
    return agreement


def _check_may_act(who: Principal, carried_by: str | None, seats: Sequence[Party], parties: int) -> None:
    """Enforce `may_act_on_agreement` (403): the one check behind every agreement write."""
    unknown = len(seats) < parties and who.role is not Role.ADMIN
    if unknown or not may_act_on_agreement(who, carried_by, seats):
        raise JalinError(
            CommonErrorCode.FORBIDDEN,
            "an officer acts only on agreements whose every party is a member in the officer's region "
            "(and that their own DPW carries); agreements across regions are recorded by the DPP",
        )


def document_name(filename: str) -> str:
    """The stored name of an uploaded document: its last path part, refused (422) when it is empty,
    longer than 255 characters or holds control characters (NUL, escapes, bidi overrides)."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    bad = [c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    if not name or bad or len(name) > 255:
        why = (
            f"contains control character(s) {', '.join(repr(c) for c in bad[:3])}"
            if bad
            else ("is empty" if not name else "is longer than 255 characters")
        )
        raise JalinError(
            RegistryErrorCode.INVALID_FILENAME,
            f"the file name {why}; rename the file (letters, digits, spaces and - _ . are fine) "
            "and upload it again",
            field="file",
        )
    return name


def create_agreement(
    uow: UnitOfWork,
    who: Principal,
    atlas: Atlas,
    *,
    title: str,
    kind: AgreementKind | str,
    parties: list[int],
    fee_per_parcel: int = 0,
    fee_payer: int | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    districts: list[str] | None = None,
    province_code: str | None = None,
    stage: AgreementStage | str = AgreementStage.EXPLORING,
) -> Agreement:
    require(who, Role.ADMIN, Role.OFFICER)
    kind = choice(AgreementKind, kind, RegistryErrorCode.INVALID_AGREEMENT, "kind")
    if len(set(parties)) < 2:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT,
            "an agreement needs at least two different members",
            field="parties",
        )
    stage = choice(AgreementStage, stage, RegistryErrorCode.INVALID_AGREEMENT, "stage")
    if fee_payer is not None and fee_payer not in parties:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT, "the fee payer must be one of the parties", field="fee_payer"
        )
    cleaned = _check_terms(atlas, fee_per_parcel, valid_from, valid_until, districts or [])
    if province_code is not None and (atlas.get(province_code) is None or len(province_code) != 2):
        raise JalinError(
            RegistryErrorCode.UNKNOWN_REGION,
            f"province '{province_code}' does not exist",
            field="province_code",
        )
    if who.role is Role.OFFICER:
        province_code = province_code or (who.region_code or "")[:2]
    _check_may_act(who, province_code, registry_store.seats(uow.conn, set(parties)), len(set(parties)))
    require_members(uow, parties)
    values: dict[str, Any] = {
        "title": title,
        "kind": kind,
        "stage": stage,
        "province_code": province_code,
        "fee_per_parcel": fee_per_parcel,
        "fee_payer_member_id": fee_payer,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "created_at": now(),
    }
    aid = store.insert_agreement(uow.conn, values, sorted(set(parties)), cleaned)
    bump(uow.conn, "agreements")
    created = _visible(uow, who, aid)
    audit(uow, who, "agreement.create", "agreement", aid, None, as_dict(created))
    return created


def get_agreement(uow: UnitOfWork, who: Principal, agreement_id: int) -> Agreement:
    return _visible(uow, who, agreement_id)


def list_agreements(uow: UnitOfWork, who: Principal) -> list[Agreement]:
    """All (admin), those of the officer's region, or those the member is party to: a fixed
    number of queries whatever the count."""
    require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    return [a for a, seats in store.list_agreements(uow.conn) if sees_agreement(who, a, seats)]


def agreements_page(
    uow: UnitOfWork, who: Principal, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`list_agreements` a page at a time, by id."""
    require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    check_limit(limit)
    after = decode_cursor(cursor, "agreement")
    # Who sees an agreement is a rule over its parties' seats, not SQL: read the rows after the
    # cursor (four statements whatever their number) and keep the first visible ones.
    seen = (
        a for a, seats in store.list_agreements(uow.conn, after_id=after) if sees_agreement(who, a, seats)
    )
    return page(list(islice(seen, limit + 1)), limit, "agreement", lambda a: a.id)


def list_agreements_with_rights(uow: UnitOfWork, who: Principal) -> list[tuple[Agreement, bool]]:
    """As `list_agreements`, each with whether `who` may act on it (the rule every write enforces),
    so a page offers only the actions that would be accepted."""
    require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    out = []
    for a, seats in store.list_agreements(uow.conn):
        if sees_agreement(who, a, seats):
            unknown = len(seats) < len(a.parties) and who.role is not Role.ADMIN
            out.append((a, not unknown and may_act_on_agreement(who, a.province_code, seats)))
    return out


def move_agreement(uow: UnitOfWork, who: Principal, agreement_id: int, stage: str) -> Agreement:
    """One step of the stage machine; anything else is a 409 listing the allowed steps."""
    require(who, Role.ADMIN, Role.OFFICER)
    a = _changeable(uow, who, agreement_id)
    current = AgreementStage(a.stage)
    allowed = sorted(s.value for s in AGREEMENT_TRANSITIONS[current])
    if stage not in allowed:
        raise JalinError(
            RegistryErrorCode.ILLEGAL_TRANSITION,
            f"agreement {agreement_id} is {current}; it can move to {', '.join(allowed) or 'nothing'}",
            field="stage",
            allowed=allowed,
        )
    store.update_agreement(uow.conn, agreement_id, stage=stage)
    bump(uow.conn, "agreements")
    audit(uow, who, "agreement.stage", "agreement", agreement_id, {"stage": current.value}, {"stage": stage})
    return _visible(uow, who, agreement_id)


def set_terms(
    uow: UnitOfWork,
    who: Principal,
    atlas: Atlas,
    agreement_id: int,
    *,
    fee_per_parcel: int,
    fee_payer: int | None,
    valid_from: date | None,
    valid_until: date | None,
    districts: list[str],
) -> Agreement:
    require(who, Role.ADMIN, Role.OFFICER)
    cleaned = _check_terms(atlas, fee_per_parcel, valid_from, valid_until, districts)
    before = _changeable(uow, who, agreement_id)
    if fee_payer is not None and fee_payer not in before.parties:
        raise JalinError(
            RegistryErrorCode.INVALID_AGREEMENT, "the fee payer must be one of the parties", field="fee_payer"
        )
    store.update_agreement(
        uow.conn,
        agreement_id,
        fee_per_parcel=fee_per_parcel,
        fee_payer_member_id=fee_payer,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    store.set_districts(uow.conn, agreement_id, cleaned)
    bump(uow.conn, "agreements")
    after = _visible(uow, who, agreement_id)
    audit(uow, who, "agreement.terms", "agreement", agreement_id, as_dict(before), as_dict(after))
    return after


def add_document(
    uow: UnitOfWork, who: Principal, agreement_id: int, filename: str, content: bytes
) -> StoredDocument:
    """Attach a document (at most `MAX_DOCUMENT_BYTES`), stored with its sha256."""
    filename = document_name(filename)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise JalinError(
            CommonErrorCode.UPLOAD_TOO_LARGE,
            f"{filename} is {len(content):,} bytes; documents are limited to {MAX_DOCUMENT_BYTES:,}",
            field="file",
        )
    _changeable(uow, who, agreement_id)
    values = {
        "agreement_id": agreement_id,
        "filename": filename,
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "uploaded_at": now(),
    }
    did = store.insert_document(uow.conn, content, values)
    audit(uow, who, "agreement.document", "agreement", agreement_id, None, {"document_id": did, **values})
    return StoredDocument(id=did, **values)  # type: ignore[arg-type]


def get_document(uow: UnitOfWork, who: Principal, agreement_id: int, document_id: int) -> dict[str, Any]:
    """A stored document (with its bytes in `content`) of an agreement the principal may see."""
    _visible(uow, who, agreement_id)
    doc = store.document_content(uow.conn, agreement_id, document_id)
    if doc is None:
        raise JalinError(CommonErrorCode.NOT_FOUND, f"agreement {agreement_id} has no document {document_id}")
    return doc
