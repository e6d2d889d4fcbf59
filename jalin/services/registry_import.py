"""Bringing carriers and their interline pairs into the registry (demo data, migrations from CSV).

Each feed's carrier becomes a member (an existing member with that carrier_id is kept); each
agreements.csv row becomes an interline_handover agreement between the two members, unless one
with the same parties and fee is already recorded (and not ended): importing twice adds nothing.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, Engine, select

from jalin.geo.atlas import Atlas
from jalin.network.model import FacilityKind, Feed
from jalin.registry.access import Principal
from jalin.registry.rules import AgreementStage, MemberType
from jalin.services.registry import create_agreement, create_member
from jalin.storage.tables import agreement_parties, agreements, members


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


def members_for_feeds(engine: Engine, who: Principal, atlas: Atlas, feeds: list[Feed]) -> dict[str, int]:
    """carrier_id -> member id, creating the members that do not exist yet."""
    with engine.connect() as conn:
        have = dict(
            conn.execute(
                select(members.c.carrier_id, members.c.id).where(members.c.carrier_id.is_not(None))
            ).all()
        )
    for feed in sorted(feeds, key=lambda f: f.carrier_id):
        if feed.carrier_id in have:
            continue
        name = feed.info.carrier_name
        m = create_member(
            engine,
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
        have[feed.carrier_id] = m["id"]
    return have


def import_interline(
    engine: Engine,
    who: Principal,
    atlas: Atlas,
    pairs: list[tuple[str, str, int]],
    member_ids: dict[str, int],
    *,
    stage_of: dict[int, str] | None = None,
) -> int:
    """One interline_handover agreement per pair (stage `active` unless `stage_of[row]` says otherwise),
    carried by the DPW of the first carrier's home province."""
    with engine.connect() as conn:
        province = dict(conn.execute(select(members.c.id, members.c.province_code)).all())
        recorded = _recorded_interline(conn)
    n = 0
    for i, (a, b, fee) in enumerate(pairs):
        if a not in member_ids or b not in member_ids:
            continue
        key = (frozenset((member_ids[a], member_ids[b])), fee)
        if key in recorded:
            continue
        recorded.add(key)
        stage = (stage_of or {}).get(i, AgreementStage.ACTIVE.value)
        create_agreement(
            engine,
            who,
            atlas,
            title=f"Serah terima {a} - {b}",
            kind="interline_handover",
            parties=[member_ids[a], member_ids[b]],
            fee_per_parcel=fee,
            stage=stage,
            province_code=province[member_ids[a]],
        )
        n += 1
    return n


def _recorded_interline(conn: Connection) -> set[tuple[frozenset[int], int]]:
    """(parties, fee) of every interline_handover agreement that has not ended."""
    rows = conn.execute(
        select(agreements.c.id, agreements.c.fee_per_parcel, agreement_parties.c.member_id)
        .join(agreement_parties, agreement_parties.c.agreement_id == agreements.c.id)
        .where(
            agreements.c.kind == "interline_handover",
            agreements.c.stage != AgreementStage.ENDED.value,
        )
    ).all()
    parties: dict[int, set[int]] = {}
    fees: dict[int, int] = {}
    for aid, fee, member_id in rows:
        parties.setdefault(aid, set()).add(member_id)
        fees[aid] = fee
    return {(frozenset(p), fees[aid]) for aid, p in parties.items()}
