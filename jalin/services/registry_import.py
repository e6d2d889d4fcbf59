"""Bringing carriers and their interline pairs into the registry (demo data, migrations from CSV).

Each feed's carrier becomes a member (an existing member with that carrier_id is kept); each
agreements.csv row becomes an interline_handover agreement between the two members.
"""

from __future__ import annotations

import hashlib

from jalin.geo.atlas import Atlas
from jalin.network.agreements import InterlineAgreement
from jalin.network.model import FacilityKind, Feed
from jalin.registry.access import Principal
from jalin.registry.rules import AgreementKind, AgreementStage, MemberType
from jalin.services.registry import create_agreement, create_member
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


def import_interline(
    uow: UnitOfWork,
    who: Principal,
    atlas: Atlas,
    pairs: list[InterlineAgreement],
    member_ids: dict[str, int],
    *,
    stage_of: dict[int, AgreementStage] | None = None,
) -> int:
    """One interline_handover agreement per pair (stage `active` unless `stage_of[row]` says otherwise),
    carried by the DPW of the first carrier's home province. Pairs naming a carrier that is not a
    member are skipped; returns how many agreements were recorded."""
    province = store.member_provinces(uow.conn)
    n = 0
    for i, pair in enumerate(pairs):
        if pair.carrier_a not in member_ids or pair.carrier_b not in member_ids:
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
        n += 1
    return n
