"""Bringing carriers and their interline pairs into the registry (demo data, migrations from CSV).

Each feed's carrier becomes a member (an existing member with that carrier_id is kept); each
agreements.csv row becomes an interline_handover agreement between the two members.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from jalin.geo.atlas import Atlas
from jalin.network.agreements import InterlineAgreement
from jalin.network.model import FacilityKind, Feed
from jalin.registry.access import Principal
from jalin.registry.rules import AgreementKind, AgreementStage, MemberType
from jalin.services.registry import create_agreement, create_member
from jalin.storage import agreements as agreement_store
from jalin.storage import registry as store
from jalin.storage.uow import UnitOfWork


def synthetic_nib(carrier_id: str) -> str:
    """A stable 13-digit NIB for generated carriers (demo data only)."""
    return "91" + str(int(hashlib.sha256(carrier_id.encode()).hexdigest(), 16))[:11]


def _member_type(feed: Feed) -> MemberType:
    if any(f.kind is FacilityKind.POST_OFFICE for f in feed.facilities.values()):
        return MemberType.POST
    hubs = {f.area_code[:2] for f in feed.facilities.values() if f.kind is FacilityKind.HUB}
    return MemberType.EXPRESS if len(hubs) >= 10 else MemberType.COURIER


def _home_regency(feed: Feed) -> str:
    """Where the carrier's DPD is: Jakarta for national networks, else the regency of its first hub."""
    hubs = sorted(f.area_code for f in feed.facilities.values() if f.kind is FacilityKind.HUB)
    if len({h[:2] for h in hubs}) >= 10 and any(h.startswith("31.71") for h in hubs):
        return "31.71"
    first = hubs[0] if hubs else sorted(f.area_code for f in feed.facilities.values())[0]
    return first[:5]


def members_for_feeds(uow: UnitOfWork, who: Principal, atlas: Atlas, feeds: list[Feed]) -> dict[str, int]:
    """carrier_id -> member id, creating the members that do not exist yet."""
    have = store.member_ids_by_carrier(uow.conn)
    for feed in sorted(feeds, key=lambda f: f.carrier_id):
        if feed.carrier_id in have:
            continue
        name = feed.info.carrier_name
        m = create_member(
            uow,
            who,
            atlas,
            {
                "legal_name": name if name.startswith("PT ") else f"PT {name}",
                "brand": name,
                "nib": synthetic_nib(feed.carrier_id),
                "type": _member_type(feed).value,
                "carrier_id": feed.carrier_id,
                "regency_code": _home_regency(feed),
                "contact_name": f"Operasional {name}",
            },
        )
        have[feed.carrier_id] = m.id
    return have


def _live_interline_pairs(uow: UnitOfWork) -> set[frozenset[int]]:
    """The member pairs that already have an interline_handover agreement that has not ended."""
    return {
        frozenset(a.parties)
        for a, _ in agreement_store.list_agreements(uow.conn)
        if a.kind == AgreementKind.INTERLINE_HANDOVER and a.stage != AgreementStage.ENDED
    }


def import_interline(
    uow: UnitOfWork,
    who: Principal,
    atlas: Atlas,
    pairs: list[InterlineAgreement],
    member_ids: dict[str, int],
    *,
    stage_of: dict[int, AgreementStage] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """One interline_handover agreement per pair (stage `active` unless `stage_of[row]` says otherwise),
    carried by the DPW of the first carrier's home province. Pairs naming a carrier that is not a
    member are skipped; returns how many agreements were recorded.

    Idempotent: an imported agreement's natural key is its kind and its two members, so a pair
    that already has a live (not ended) interline agreement, in either order, is skipped. All in
    the caller's unit of work: a crash or kill mid-import leaves nothing, and the import can be
    run again. `progress(row, total)` is called after each agreement is written."""
    province = store.member_provinces(uow.conn)
    live = _live_interline_pairs(uow)
    n = 0
    for i, pair in enumerate(pairs):
        if pair.carrier_a not in member_ids or pair.carrier_b not in member_ids:
            continue
        key = frozenset((member_ids[pair.carrier_a], member_ids[pair.carrier_b]))
        if key in live:
            continue
        create_agreement(
            uow,
            who,
            atlas,
            title=f"Serah terima {pair.carrier_a} - {pair.carrier_b}",
            kind=AgreementKind.INTERLINE_HANDOVER,
            parties=[member_ids[pair.carrier_a], member_ids[pair.carrier_b]],
            fee_per_parcel=pair.fee,
            stage=(stage_of or {}).get(i, AgreementStage.ACTIVE),
            province_code=province[member_ids[pair.carrier_a]],
        )
        live.add(key)
        n += 1
        if progress is not None:
            progress(i + 1, len(pairs))
    return n


def import_network_agreements(
    uow: UnitOfWork,
    who: Principal,
    atlas: Atlas,
    feeds: list[Feed],
    pairs: list[InterlineAgreement],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """`jalin agreements import`: the feeds' carriers as members, then the pairs as agreements, in
    one unit of work (all or nothing); returns the agreements added."""
    ids = members_for_feeds(uow, who, atlas, feeds)
    return import_interline(uow, who, atlas, pairs, ids, progress=progress)
