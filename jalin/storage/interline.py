"""Queries of impact reports: interline agreements not (yet) active (the association's pipeline),
whether a joining member's feed version is stored, and the names a proposal form shows."""

from __future__ import annotations

from sqlalchemy import Connection, select

from jalin.registry.rules import AgreementKind, AgreementStage, ApplicationStatus
from jalin.storage.tables import (
    active_feeds,
    agreement_parties,
    agreements,
    applications,
    feed_versions,
    members,
)

PENDING = (
    AgreementStage.EXPLORING,
    AgreementStage.NEGOTIATING,
    AgreementStage.SIGNED,
    AgreementStage.SUSPENDED,
)


def pending_interline_pairs(conn: Connection) -> dict[frozenset[str], tuple[str, int]]:
    """Carrier pair -> (stage, fee per parcel) of each interline agreement in a pending stage
    (exploring, negotiating, signed, suspended); the furthest stage wins when a pair has several."""
    rows = conn.execute(
        select(agreements.c.id, agreements.c.stage, agreements.c.fee_per_parcel).where(
            agreements.c.kind == AgreementKind.INTERLINE_HANDOVER.value,
            agreements.c.stage.in_([s.value for s in PENDING]),
        )
    ).all()
    if not rows:
        return {}
    carriers: dict[int, list[str]] = {}
    for aid, carrier in conn.execute(
        select(agreement_parties.c.agreement_id, members.c.carrier_id)
        .join(members, members.c.id == agreement_parties.c.member_id)
        .where(agreement_parties.c.agreement_id.in_([r.id for r in rows]), members.c.carrier_id.is_not(None))
    ):
        carriers.setdefault(aid, []).append(carrier)
    order = {s.value: i for i, s in enumerate(PENDING)}
    out: dict[frozenset[str], tuple[str, int]] = {}
    for r in rows:
        cs = sorted(carriers.get(r.id, []))
        for i, a in enumerate(cs):
            for b in cs[i + 1 :]:
                key = frozenset((a, b))
                if key not in out or order[r.stage] > order[out[key][0]]:
                    out[key] = (r.stage, r.fee_per_parcel)
    return out


def feed_version_exists(conn: Connection, version_id: int) -> bool:
    """Whether a feed version is stored (active or not): a joining member's feed in a proposal."""
    return (
        conn.execute(select(feed_versions.c.id).where(feed_versions.c.id == version_id)).first() is not None
    )


def carrier_names(conn: Connection) -> dict[str, str]:
    """carrier_id -> the name people know it by: the member's brand, else the active feed's
    carrier_name (a carrier publishing without a member record)."""
    names = dict(
        conn.execute(
            select(feed_versions.c.carrier_id, feed_versions.c.carrier_name).join(
                active_feeds, active_feeds.c.version_id == feed_versions.c.id
            )
        ).all()
    )
    names.update(
        conn.execute(
            select(members.c.carrier_id, members.c.brand).where(members.c.carrier_id.is_not(None))
        ).all()
    )
    return names


def pending_application_feeds(conn: Connection) -> list[tuple[int, str, str, str]]:
    """(feed version id, carrier_id, feed_version, applicant's brand) of every stored feed version
    whose carrier_id an open application (submitted or recommended) names, newest first."""
    open_ = [ApplicationStatus.SUBMITTED.value, ApplicationStatus.RECOMMENDED.value]
    rows = conn.execute(
        select(
            feed_versions.c.id, feed_versions.c.carrier_id, feed_versions.c.feed_version, applications.c.brand
        )
        .join(applications, applications.c.carrier_id == feed_versions.c.carrier_id)
        .where(applications.c.status.in_(open_))
        .order_by(feed_versions.c.id.desc())
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]
