"""Rows of agreements: parties, handover districts, documents; and the interline pairs the
planner may use. Callers own the transaction; a list is four queries whatever its length."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select

from jalin.network.agreements import InterlineAgreement
from jalin.registry.records import Agreement, Document, Party
from jalin.registry.rules import AgreementKind, AgreementStage, MemberStatus
from jalin.storage.db import insert_id
from jalin.storage.tables import (
    agreement_districts,
    agreement_documents,
    agreement_parties,
    agreements,
    members,
)

_AGREEMENT_COLUMNS = [c.name for c in agreements.c]


#: An agreement and where each of its parties is registered (for the access rules).
SeatedAgreement = tuple[Agreement, list[Party]]


def _agreements(conn: Connection, rows: Sequence[Any]) -> list[SeatedAgreement]:
    """Agreement rows with their parties (and seats), districts and documents: three queries."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    seats_of: dict[int, list[Party]] = defaultdict(list)
    for r in conn.execute(
        select(
            agreement_parties.c.agreement_id, members.c.id, members.c.regency_code, members.c.province_code
        )
        .join(members, members.c.id == agreement_parties.c.member_id)
        .where(agreement_parties.c.agreement_id.in_(ids))
        .order_by(members.c.id)
    ):
        seats_of[r.agreement_id].append(Party(r.id, r.regency_code, r.province_code))
    districts_of: dict[int, list[str]] = defaultdict(list)
    for aid, district in conn.execute(
        select(agreement_districts.c.agreement_id, agreement_districts.c.district_code)
        .where(agreement_districts.c.agreement_id.in_(ids))
        .order_by(agreement_districts.c.district_code)
    ):
        districts_of[aid].append(district)
    documents_of: dict[int, list[Document]] = defaultdict(list)
    for d in conn.execute(
        select(
            agreement_documents.c.agreement_id,
            agreement_documents.c.id,
            agreement_documents.c.filename,
            agreement_documents.c.sha256,
            agreement_documents.c.size,
            agreement_documents.c.uploaded_at,
        )
        .where(agreement_documents.c.agreement_id.in_(ids))
        .order_by(agreement_documents.c.id)
    ):
        documents_of[d.agreement_id].append(Document(d.id, d.filename, d.sha256, d.size, d.uploaded_at))
    return [
        (
            Agreement(
                **{k: getattr(r, k) for k in _AGREEMENT_COLUMNS if k not in ("kind", "stage")},
                kind=AgreementKind(r.kind),
                stage=AgreementStage(r.stage),
                parties=[p.member_id for p in seats_of[r.id]],
                districts=districts_of[r.id],
                documents=documents_of[r.id],
            ),
            seats_of[r.id],
        )
        for r in rows
    ]


def get_agreement(conn: Connection, agreement_id: int) -> SeatedAgreement | None:
    rows = conn.execute(select(agreements).where(agreements.c.id == agreement_id)).all()
    found = _agreements(conn, rows)
    return found[0] if found else None


def list_agreements(conn: Connection, *, after_id: int | None = None) -> list[SeatedAgreement]:
    """Every agreement by id (after `after_id`, for a keyset page), complete: four queries
    whatever the count."""
    q = select(agreements).order_by(agreements.c.id)
    if after_id is not None:
        q = q.where(agreements.c.id > after_id)
    return _agreements(conn, conn.execute(q).all())


def insert_agreement(
    conn: Connection, values: dict[str, Any], parties: Iterable[int], districts: Iterable[str]
) -> int:
    aid = insert_id(conn, agreements.insert().values(**values))
    conn.execute(agreement_parties.insert(), [{"agreement_id": aid, "member_id": m} for m in parties])
    set_districts(conn, aid, districts)
    return aid


def update_agreement(conn: Connection, agreement_id: int, **values: Any) -> None:
    conn.execute(agreements.update().where(agreements.c.id == agreement_id).values(**values))


def set_districts(conn: Connection, agreement_id: int, districts: Iterable[str]) -> None:
    conn.execute(agreement_districts.delete().where(agreement_districts.c.agreement_id == agreement_id))
    rows = [{"agreement_id": agreement_id, "district_code": d} for d in districts]
    if rows:
        conn.execute(agreement_districts.insert(), rows)


def insert_document(conn: Connection, content: bytes, values: dict[str, Any]) -> int:
    return insert_id(conn, agreement_documents.insert().values(content=content, **values))


def document_content(conn: Connection, agreement_id: int, document_id: int) -> dict[str, Any] | None:
    """A stored document with its bytes (`content`), or None."""
    r = (
        conn.execute(
            select(agreement_documents).where(
                agreement_documents.c.id == document_id, agreement_documents.c.agreement_id == agreement_id
            )
        )
        .mappings()
        .first()
    )
    return dict(r) if r else None


def stage_counts(conn: Connection) -> list[tuple[str | None, str, int]]:
    """(province_code, stage, agreements) over every agreement."""
    q = select(agreements.c.province_code, agreements.c.stage, func.count()).group_by(
        agreements.c.province_code, agreements.c.stage
    )
    return [(p, s, n) for p, s, n in conn.execute(q)]


def active_interline_pairs(
    conn: Connection, today: date
) -> list[tuple[str, str, int, frozenset[str] | None]]:
    """(carrier_a, carrier_b, fee, districts or None) for every pair of active members with
    carriers in an active interline_handover agreement valid today: exactly what the planner may
    use. The items are `InterlineAgreement`s, typed as the tuples the planner's policy takes."""
    rows = conn.execute(
        select(agreements.c.id, agreements.c.fee_per_parcel).where(
            agreements.c.kind == AgreementKind.INTERLINE_HANDOVER.value,
            agreements.c.stage == AgreementStage.ACTIVE.value,
            or_(agreements.c.valid_from.is_(None), agreements.c.valid_from <= today),
            or_(agreements.c.valid_until.is_(None), agreements.c.valid_until >= today),
        )
    ).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    carriers: dict[int, list[str]] = defaultdict(list)
    for aid, carrier in conn.execute(
        select(agreement_parties.c.agreement_id, members.c.carrier_id)
        .join(members, members.c.id == agreement_parties.c.member_id)
        .where(
            agreement_parties.c.agreement_id.in_(ids),
            members.c.carrier_id.is_not(None),
            members.c.status == MemberStatus.ACTIVE.value,
        )
    ):
        carriers[aid].append(carrier)
    districts: dict[int, set[str]] = {}
    for aid, d in conn.execute(
        select(agreement_districts.c.agreement_id, agreement_districts.c.district_code).where(
            agreement_districts.c.agreement_id.in_(ids)
        )
    ):
        districts.setdefault(aid, set()).add(d)
    out: list[tuple[str, str, int, frozenset[str] | None]] = []
    for r in rows:
        cs = sorted(carriers.get(r.id, []))
        where = frozenset(districts[r.id]) if r.id in districts else None
        out.extend(
            InterlineAgreement(a, b, r.fee_per_parcel, where) for i, a in enumerate(cs) for b in cs[i + 1 :]
        )
    return out


def interline_terms(conn: Connection) -> set[tuple[frozenset[int], int]]:
    """(parties, fee per parcel) of every interline_handover agreement that has not ended."""
    rows = conn.execute(
        select(agreements.c.id, agreements.c.fee_per_parcel, agreement_parties.c.member_id)
        .join(agreement_parties, agreement_parties.c.agreement_id == agreements.c.id)
        .where(
            agreements.c.kind == AgreementKind.INTERLINE_HANDOVER.value,
            agreements.c.stage != AgreementStage.ENDED.value,
        )
    ).all()
    parties: dict[int, set[int]] = {}
    fees: dict[int, int] = {}
    for agreement_id, fee, member_id in rows:
        parties.setdefault(agreement_id, set()).add(member_id)
        fees[agreement_id] = fee
    return {(frozenset(p), fees[a]) for a, p in parties.items()}
