"""A proposal to the network, and the network it would give.

The network is its carriers (what a proposal and the ranking need of each: where it may hand
over, where it delivers) plus the interline pairs the planner may join, as
`(carrier_a, carrier_b, fee, districts)` with `districts` None meaning anywhere (the shape of the
registry's active agreements and of `HandoverPolicy.from_pairs`). The carriers come from feeds or
from a compiled network, so a question on the live network parses no feed but the newcomers'.
The network after a proposal names the feeds that join and the carriers that leave, so the
planner's network can be composed from today's (`jalin.routing.compose`). A proposal changes it in a
fixed order: members leave, members join (optionally with agreements to every carrier they meet),
agreements end, agreements get other terms, agreements are added. Every change must name
carriers of the resulting network, so a typo is one clear error rather than a silent no-op.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jalin.errors import JalinError
from jalin.impact.errors import ImpactErrorCode
from jalin.network.model import Feed, RunKind

Pair = tuple[str, str, int, frozenset[str] | None]


@dataclass(frozen=True, slots=True)
class AgreementTerms:
    """Handover terms between two carriers: a fee per parcel (rupiah) and where (None: anywhere)."""

    carrier_a: str
    carrier_b: str
    fee: int = 0
    districts: frozenset[str] | None = None

    def key(self) -> frozenset[str]:
        return frozenset((self.carrier_a, self.carrier_b))

    def pair(self) -> Pair:
        a, b = sorted((self.carrier_a, self.carrier_b))
        return (a, b, self.fee, self.districts)


@dataclass(frozen=True, slots=True)
class Joining:
    """A member joining with its feed; `neighbour_fee` not None adds an agreement at that fee with
    every carrier that has a handover facility in a district where the joining one has one."""

    feed: Feed
    neighbour_fee: int | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    add: tuple[AgreementTerms, ...] = ()
    end: tuple[tuple[str, str], ...] = ()
    change: tuple[AgreementTerms, ...] = ()
    join: tuple[Joining, ...] = ()
    leave: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.add or self.end or self.change or self.join or self.leave)

    def changes_feeds(self) -> bool:
        return bool(self.join or self.leave)


@dataclass(frozen=True, slots=True)
class Carrier:
    """What a proposal and the ranking need of a carrier: the districts where it may hand parcels
    over (its facilities marked for handover) and the areas its delivery runs name."""

    carrier_id: str
    handover_districts: frozenset[str]
    delivery_areas: frozenset[str]

    @classmethod
    def of_feed(cls, feed: Feed) -> Carrier:
        return cls(
            feed.carrier_id,
            frozenset(f.area_code for f in feed.facilities.values() if f.handover),
            frozenset(
                r.destination.area_code
                for r in feed.runs
                if r.kind is RunKind.DELIVERY and r.destination.area_code is not None
            ),
        )


@dataclass(frozen=True, slots=True)
class Network:
    """Carriers and interline pairs: what the planner is built from.

    After a proposal, `joined` holds the feeds of the members that joined and `left` the carriers
    that left, so the planner's network can be composed from today's.
    """

    carriers: tuple[Carrier, ...]
    pairs: tuple[Pair, ...]
    added: tuple[Pair, ...] = field(default=())  # the pairs this proposal brought in (for reports)
    joined: tuple[Feed, ...] = field(default=())
    left: tuple[str, ...] = field(default=())

    @classmethod
    def of_feeds(cls, feeds: list[Feed] | tuple[Feed, ...], pairs: list[Pair] | tuple[Pair, ...]) -> Network:
        return cls(tuple(Carrier.of_feed(f) for f in sorted(feeds, key=lambda f: f.carrier_id)), tuple(pairs))

    @property
    def carrier_ids(self) -> tuple[str, ...]:
        return tuple(c.carrier_id for c in self.carriers)


def _fail(code: ImpactErrorCode, message: str, where: str) -> JalinError:
    return JalinError(code, message, field=where)


def neighbours(carrier: Carrier, others: list[Carrier]) -> list[str]:
    """Carriers with a handover facility in a district where `carrier` has one, sorted."""
    mine = carrier.handover_districts
    return sorted(
        o.carrier_id for o in others if o.carrier_id != carrier.carrier_id and mine & o.handover_districts
    )


def apply_proposal(today: Network, proposal: Proposal) -> Network:
    """The network after `proposal`. Raises JalinError naming the first change that cannot apply."""
    by_id = {c.carrier_id: c for c in today.carriers}
    pairs = today.pairs
    left: list[str] = []
    joined: list[Feed] = []
    rules: dict[frozenset[str], list[Pair]] = {}
    for p in pairs:
        rules.setdefault(frozenset((p[0], p[1])), []).append(p)
    added: list[Pair] = []

    for cid in proposal.leave:
        if cid not in by_id:
            raise _fail(
                ImpactErrorCode.PROPOSAL_UNKNOWN_CARRIER,
                f"carrier '{cid}' cannot leave: it has no active feed; give a carrier_id of the network",
                "leave",
            )
        del by_id[cid]
        left.append(cid)
        for key in [k for k in rules if cid in k]:
            del rules[key]
    for j in proposal.join:
        cid = j.feed.carrier_id
        if cid in by_id:
            raise _fail(
                ImpactErrorCode.INVALID_PROPOSAL,
                f"carrier '{cid}' already has an active feed; a joining member needs a new carrier_id",
                "join",
            )
        if j.neighbour_fee is not None and j.neighbour_fee < 0:
            raise _fail(ImpactErrorCode.INVALID_PROPOSAL, "neighbour fee must be 0 or more", "join")
        others = list(by_id.values())
        by_id[cid] = Carrier.of_feed(j.feed)
        joined.append(j.feed)
        if j.neighbour_fee is not None:
            for other in neighbours(by_id[cid], others):
                terms = AgreementTerms(cid, other, j.neighbour_fee)
                rules.setdefault(terms.key(), []).append(terms.pair())
                added.append(terms.pair())

    def known(t: AgreementTerms | tuple[str, str], where: str) -> frozenset[str]:
        a, b = (t.carrier_a, t.carrier_b) if isinstance(t, AgreementTerms) else t
        for c in (a, b):
            if c not in by_id:
                raise _fail(
                    ImpactErrorCode.PROPOSAL_UNKNOWN_CARRIER,
                    f"carrier '{c}' in {where} has no feed in the network (after members join and leave); "
                    "check the carrier_id",
                    where,
                )
        if a == b:
            raise _fail(ImpactErrorCode.INVALID_PROPOSAL, f"{where} pairs '{a}' with itself", where)
        if isinstance(t, AgreementTerms) and t.fee < 0:
            raise _fail(ImpactErrorCode.INVALID_PROPOSAL, f"{where} {a}-{b}: fee must be 0 or more", where)
        return frozenset((a, b))

    for a, b in proposal.end:
        key = known((a, b), "end")
        if key not in rules:
            raise _fail(
                ImpactErrorCode.INVALID_PROPOSAL,
                f"{a} and {b} have no active agreement to end",
                "end",
            )
        del rules[key]
    for t in proposal.change:
        key = known(t, "change")
        if key not in rules:
            raise _fail(
                ImpactErrorCode.INVALID_PROPOSAL,
                f"{t.carrier_a} and {t.carrier_b} have no active agreement whose terms could change; "
                "add it instead",
                "change",
            )
        rules[key] = [t.pair()]
    for t in proposal.add:
        key = known(t, "add")
        if key in rules and t.pair() in rules[key]:
            raise _fail(
                ImpactErrorCode.INVALID_PROPOSAL,
                f"{t.carrier_a} and {t.carrier_b} already have an agreement with these terms",
                "add",
            )
        rules.setdefault(key, []).append(t.pair())
        added.append(t.pair())
    out = sorted(
        (p for ps in rules.values() for p in ps), key=lambda p: (p[0], p[1], p[2], sorted(p[3] or ()))
    )
    return Network(
        tuple(by_id[c] for c in sorted(by_id)), tuple(out), tuple(added), tuple(joined), tuple(left)
    )
