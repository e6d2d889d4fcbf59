"""Bringing carriers and their interline pairs into the registry (demo data, migrations from CSV).

Each feed's carrier becomes a member (an existing member with that carrier_id is kept); each
agreements.csv row becomes an interline_handover agreement between the two members.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sqlalchemy import Connection, Engine, select

from jalin.geo.atlas import Atlas
from jalin.network.model import FacilityKind, Feed
from jalin.registry.access import Principal
from jalin.registry.rules import AgreementKind, AgreementStage, MemberType
from jalin.services.registry import begin, create_agreement, create_member
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


def members_for_feeds(
    engine: Engine | Connection, who: Principal, atlas: Atlas, feeds: list[Feed]
) -> dict[str, int]:
    """carrier_id -> member id, creating the members that do not exist yet (carrier_id is the
    natural key: running it again adds nothing). One transaction: all members or none."""
    with begin(engine) as conn:
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
                conn,
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


def _live_interline_pairs(conn: Connection) -> set[frozenset[int]]:
    """The member pairs that already have an interline_handover agreement that has not ended."""
    rows = conn.execute(
        select(agreement_parties.c.agreement_id, agreement_parties.c.member_id)
        .join(agreements, agreements.c.id == agreement_parties.c.agreement_id)
        .where(
            agreements.c.kind == AgreementKind.INTERLINE_HANDOVER.value,
            agreements.c.stage != AgreementStage.ENDED.value,
        )
    ).all()
    parties: dict[int, set[int]] = {}
    for aid, mid in rows:
        parties.setdefault(aid, set()).add(mid)
    return {frozenset(p) for p in parties.values()}


def import_interline(
    engine: Engine | Connection,
    who: Principal,
    atlas: Atlas,
    pairs: list[tuple[str, str, int]],
    member_ids: dict[str, int],
    *,
    stage_of: dict[int, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """One interline_handover agreement per pair (stage `active` unless `stage_of[row]` says
    otherwise), carried by the DPW of the first carrier's home province; returns how many were added.

    Idempotent: the natural key of an imported agreement is its kind and its two members, so a
    pair that already has a live (not ended) interline agreement, in either order, is skipped.
    All-or-nothing: every row is written in one transaction, so a crash or kill mid-import
    leaves no agreement behind and the import can simply be run again. `progress(row, total)`
    is called after each agreement is written (inside the transaction)."""
    n = 0
    with begin(engine) as conn:
        province = dict(conn.execute(select(members.c.id, members.c.province_code)).all())
        live = _live_interline_pairs(conn)
        for i, (a, b, fee) in enumerate(pairs):
            if a not in member_ids or b not in member_ids:
                continue
            key = frozenset((member_ids[a], member_ids[b]))
            if key in live:
                continue
            create_agreement(
                conn,
                who,
                atlas,
                title=f"Serah terima {a} - {b}",
                kind="interline_handover",
                parties=[member_ids[a], member_ids[b]],
                fee_per_parcel=fee,
                stage=(stage_of or {}).get(i, AgreementStage.ACTIVE.value),
                province_code=province[member_ids[a]],
            )
            live.add(key)
            n += 1
            if progress is not None:
                progress(i + 1, len(pairs))
    return n


def import_network_agreements(
    engine: Engine,
    who: Principal,
    atlas: Atlas,
    feeds: list[Feed],
    pairs: list[tuple[str, str, int]],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """`jalin agreements import`: the feeds' carriers as members, then the pairs as agreements, in
    one transaction (a crash leaves nothing); returns the agreements added."""
    with engine.begin() as conn:
        ids = members_for_feeds(conn, who, atlas, feeds)
        return import_interline(conn, who, atlas, pairs, ids, progress=progress)
