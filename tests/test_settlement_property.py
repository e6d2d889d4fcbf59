"""Property tests of settlement against a slow, obviously correct reference written here.

Pure: over random shipments (legs carried by random members, some by the booking member itself,
paid and free handovers, fee payers named or not) and random completed steps, the line rules
make exactly the lines the reference derives from settlement-v1's table; each shipment's leg and
fee lines paid by its booking member sum to its price minus what the booking member earns
itself; COD lines equal the cash collected; netting figures equal the reference's.

Database (SQLite and PostgreSQL): the same random shipments written as rows, their steps recorded
through the recording service (repeated and shuffled, at random instants over three weeks),
then the API's figures compared with the reference over the expected lines; nets sum to zero;
the journal balances; closing a week is final (later steps and adjustments never change it).
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from datetime import datetime, timedelta
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.settlement import (
    HandoverFacts,
    LegFacts,
    LineKind,
    ShipmentFacts,
    delivery_lines,
    handover_fee_payee,
    handover_lines,
    net_pairs,
    period_id,
)
from jalin.settlement.periods import WIB, parse_period
from tests.budget import examples

MEMBERS = list(range(1, 7))


@st.composite
def shipments(draw, members=MEMBERS, number="JL000000001ID"):  # type: ignore[no-untyped-def]
    n_legs = draw(st.integers(1, 4))
    legs = tuple(
        LegFacts(i + 1, f"C{m}", m, draw(st.integers(0, 200_000)))
        for i, m in enumerate(draw(st.lists(st.sampled_from(members), min_size=n_legs, max_size=n_legs)))
    )
    hos = []
    for k in range(1, n_legs):
        fee = draw(st.sampled_from([0, 0, 1500, 2500, draw(st.integers(1, 10_000))]))
        payer = draw(st.sampled_from([None, legs[k - 1].member, legs[k].member]))
        # settlement-v1: the receiving carrier, or the giving one when the agreement names the
        # receiving carrier's member as fee payer (written out here, not the production rule).
        payee = legs[k - 1].member if payer is not None and payer == legs[k].member else legs[k].member
        hos.append(HandoverFacts(k, fee, payee))
    return ShipmentFacts(
        number=number,
        booked_by=draw(st.sampled_from(members)),
        test=draw(st.booleans()) and draw(st.booleans()),
        cancelled=draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans()),
        legs=legs,
        handovers=tuple(hos),
    )


@st.composite
def steps(draw, s: ShipmentFacts):  # type: ignore[no-untyped-def]
    """How far the shipment got: handovers 1..k confirmed, then maybe delivered with cash."""
    k = draw(st.integers(0, len(s.handovers)))
    delivered = k == len(s.handovers) and draw(st.booleans())
    cod = draw(st.sampled_from([None, 0, 150_000, draw(st.integers(1, 5_000_000))])) if delivered else None
    return k, delivered, cod


def reference_lines(s: ShipmentFacts, k: int, delivered: bool, cod: int | None) -> list[tuple]:
    """settlement-v1's table, read literally: (kind, seq, payer, payee, amount)."""
    if s.test or s.cancelled:
        return []
    out = []
    completed_legs = list(range(1, k + 1)) + ([len(s.legs)] if delivered else [])
    for seq in completed_legs:
        leg = s.legs[seq - 1]
        out.append((LineKind.LEG, seq, s.booked_by, leg.member, leg.price))
    for seq in range(1, k + 1):
        h = s.handovers[seq - 1]
        out.append((LineKind.HANDOVER_FEE, seq, s.booked_by, h.fee_payee, h.fee))
    if delivered and cod:
        out.append((LineKind.COD, 0, s.legs[-1].member, s.booked_by, cod))
    return [x for x in out if x[2] != x[3] and x[4] > 0]


def rules_lines(s: ShipmentFacts, k: int, delivered: bool, cod: int | None) -> list[tuple]:
    drafts = [d for seq in range(1, k + 1) for d in handover_lines(s, seq)]
    if delivered:
        drafts += delivery_lines(s, cod)
    return [(d.kind, d.seq, d.payer, d.payee, d.amount) for d in drafts]


def reference_figures(lines: list[tuple[int, int, int]]) -> dict:
    """(payer, payee, amount) -> gross, net per member, net_total, bilateral_total; the slow way."""
    members = {m for p, q, _ in lines for m in (p, q)}
    net = {m: sum(a for p, q, a in lines if q == m) - sum(a for p, q, a in lines if p == m) for m in members}
    owes = {(a, b): sum(x for p, q, x in lines if (p, q) == (a, b)) for a in members for b in members}
    return {
        "gross": sum(a for _, _, a in lines),
        "net": {m: v for m, v in net.items()},
        "net_total": sum(v for v in net.values() if v > 0),
        "bilateral_total": sum(abs(owes[(a, b)] - owes[(b, a)]) for a, b in combinations(sorted(members), 2)),
    }


@settings(max_examples=examples(300))
@given(st.data())
def test_line_rules_match_the_contract_table(data):
    s = data.draw(shipments())
    k, delivered, cod = data.draw(steps(s))
    got = rules_lines(s, k, delivered, cod)
    assert Counter(got) == Counter(reference_lines(s, k, delivered, cod))
    assert all(payer != payee and amount > 0 for _, _, payer, payee, amount in got)
    if not (s.test or s.cancelled) and delivered:
        price = sum(g.price for g in s.legs) + sum(h.fee for h in s.handovers)
        own = sum(g.price for g in s.legs if g.member == s.booked_by) + sum(
            h.fee for h in s.handovers if h.fee_payee == s.booked_by
        )
        paid = sum(a for kind, _, payer, _, a in got if payer == s.booked_by and kind != LineKind.COD)
        assert paid == price - own
        cash = sum(a for kind, *_, a in got if kind == LineKind.COD)
        assert cash == (cod or 0 if s.legs[-1].member != s.booked_by else 0)


@settings(max_examples=examples(200))
@given(
    st.lists(
        st.tuples(st.sampled_from(MEMBERS), st.sampled_from(MEMBERS), st.integers(1, 10**9)), max_size=40
    )
)
def test_netting_matches_the_reference(raw):
    lines = [(p, q, a) for p, q, a in raw if p != q]
    owed: dict[tuple[int, int], int] = {}
    for p, q, a in lines:
        owed[(p, q)] = owed.get((p, q), 0) + a
    n = net_pairs(owed)
    ref = reference_figures(lines)
    assert n.gross == ref["gross"] and n.net_total == ref["net_total"]
    assert n.bilateral_total == ref["bilateral_total"]
    assert {p.member: p.net for p in n.positions} == ref["net"]
    assert sum(p.net for p in n.positions) == 0
    assert len(n.instructions) == sum(1 for v in ref["net"].values() if v)
    assert n.net_total <= n.bilateral_total <= n.gross
    assert sum(i.amount for i in n.instructions if i.direction == "pay") == n.net_total


@given(st.sampled_from([None, 1, 2, 3]), st.sampled_from([1, 2]), st.sampled_from([2, 3]))
def test_the_fee_payee_follows_the_agreements_fee_payer(payer, giving, receiving):
    expected = giving if payer == receiving else receiving
    assert handover_fee_payee(receiving, giving, payer) == expected


def test_periods_are_iso_weeks_in_wib():
    # Sunday 23:59 WIB is still the week; Monday 00:00 WIB (Sunday 17:00 UTC) is the next.
    assert period_id(datetime.fromisoformat("2026-12-06T23:59:59+07:00")) == "2026-W49"
    assert period_id(datetime.fromisoformat("2026-12-06T17:00:00+00:00")) == "2026-W50"
    assert period_id(datetime.fromisoformat("2026-12-06T16:59:59+00:00")) == "2026-W49"
    assert period_id(datetime.fromisoformat("2027-01-01T10:00:00+07:00")) == "2026-W53"
    p = parse_period("2026-W53")
    assert p.starts_at == datetime(2026, 12, 28, tzinfo=WIB) and p.ends_at == datetime(2027, 1, 4, tzinfo=WIB)
    assert p.due_at == datetime(2027, 1, 11, tzinfo=WIB)


# -- against the database --------------------------------------------------------------------------
_COUNTER = itertools.count(1)


def _db_world(world):
    """World members with carriers (and the seller), as the members the random shipments use."""
    from jalin.storage.db import make_engine

    engine = make_engine(world.url)
    carriers = sorted(m for k, m in world.members.items() if k != "seller")[:5]
    return engine, [*carriers, world.members["seller"]]


def _insert(conn, s: ShipmentFacts, carrier_of: dict[int, str]) -> int:
    from jalin.storage.tables import handovers, manifests, shipment_legs, shipments

    now = datetime(2026, 1, 1, tzinfo=WIB)
    sid = conn.execute(
        shipments.insert().values(
            number=s.number,
            status="cancelled" if s.cancelled else "booked",
            test=s.test,
            booked_by=s.booked_by,
            created_at=now,
            origin="31.71.06",
            destination="74.71.01",
            weight_kg="1",
            ready_at=now,
            cod_amount=0,
            declared_value=0,
            price=sum(g.price for g in s.legs) + sum(h.fee for h in s.handovers),
            planned_delivery=now,
            eta=now,
            late=False,
            shipper_name="x",
            shipper_phone="+6281234567890",
            shipper_address="x",
            recipient_name="y",
            recipient_phone="+6281234567891",
            recipient_address="y",
            option=json.dumps({}),
        )
    ).inserted_primary_key[0]
    conn.execute(
        shipment_legs.insert(),
        [
            dict(
                shipment_id=sid,
                seq=g.seq,
                carrier=carrier_of[g.member],
                status="planned",
                start_kind="district",
                start_code="31.71.06",
                end_kind="district",
                end_code="74.71.01",
                start_area="31.71.06",
                end_area="74.71.01",
                price=g.price,
                planned_departure=now,
                planned_arrival=now,
                runs="[]",
            )
            for g in s.legs
        ],
    )
    if s.handovers:
        mid = f"MF-PROP-{s.number}"
        conn.execute(
            manifests.insert().values(
                id=mid,
                facility="F",
                date=now.date(),
                from_carrier="A",
                to_carrier="B",
                district="31.71.06",
                created_at=now,
            )
        )
        conn.execute(
            handovers.insert(),
            [
                dict(
                    shipment_id=sid,
                    seq=h.seq,
                    from_carrier="A",
                    from_facility="F",
                    to_carrier="B",
                    to_facility="F",
                    district="31.71.06",
                    planned_at=now,
                    fee=h.fee,
                    fee_payee=h.fee_payee,
                    status="planned",
                    manifest_id=mid,
                )
                for h in s.handovers
            ],
        )
    return int(sid)


def _view(world, week: str) -> dict:
    r = world.client.get(f"/v1/settlement/periods/{week}", headers=world.h("admin"))
    assert r.status_code == 200, r.text
    return r.json()


def _check_week(world, week: str, expected: list[tuple[int, int, int]]) -> dict:
    view = _view(world, week)
    ref = reference_figures(expected)
    assert (view["gross"], view["net_total"], view["bilateral_total"], view["line_count"]) == (
        ref["gross"], ref["net_total"], ref["bilateral_total"], len(expected),
    )  # fmt: skip
    assert {r["member"]: r["net"] for r in view["members"]} == {m: v for m, v in ref["net"].items()}
    assert sum(r["net"] for r in view["members"]) == 0
    return view


@settings(max_examples=examples(12))
@given(data=st.data())
def test_recorded_periods_match_the_reference_and_closing_is_final(world, data):
    from sqlalchemy import text

    from jalin.errors import JalinError
    from jalin.services.settlement import record_delivery, record_handover
    from jalin.storage import settlement as store
    from jalin.storage.uow import unit_of_work

    engine, members = _db_world(world)
    carriers = members[:-1]
    carrier_of = {m: c for c, m in world.members.items() if m in carriers}
    i = next(_COUNTER)
    monday = datetime(2000, 1, 3, tzinfo=WIB) + timedelta(weeks=3 * i)  # long ended, one set each
    weeks = [period_id(monday + timedelta(weeks=w)) for w in range(3)]
    moment = st.integers(0, 7 * 24 * 3600 - 1)
    try:
        plan = []  # (shipment facts, sid, k, delivered, cod, [at per step])
        for n in range(data.draw(st.integers(1, 5), label="shipments")):
            number = f"JL{i:04d}{n:05d}ID"
            s = data.draw(shipments(members=carriers, number=number), label=number)
            s = ShipmentFacts(
                s.number, data.draw(st.sampled_from(members)), s.test, s.cancelled, s.legs, s.handovers
            )
            k, delivered, cod = data.draw(steps(s))
            ats = [
                monday + timedelta(weeks=data.draw(st.integers(0, 1)), seconds=data.draw(moment))
                for _ in range(k + 1)
            ]
            with unit_of_work(engine) as uow:
                sid = _insert(uow.conn, s, carrier_of)
            plan.append((s, sid, k, delivered, cod, ats))

        def record(s, sid, k, delivered, cod, ats, shift=None):
            with unit_of_work(engine) as uow:
                for seq in range(1, k + 1):
                    record_handover(uow.conn, shipment=sid, seq=seq, at=shift or ats[seq - 1])
                if delivered:
                    record_delivery(uow.conn, shipment=sid, cod_collected=cod, at=shift or ats[k])

        for step in plan:
            record(*step)
        expected: dict[str, list[tuple[int, int, int]]] = {w: [] for w in weeks}
        for s, _sid, k, delivered, cod, ats in plan:
            for kind, seq, payer, payee, amount in reference_lines(s, k, delivered, cod):
                at = ats[k] if kind == LineKind.COD or (kind == LineKind.LEG and seq > k) else ats[seq - 1]
                expected[period_id(at)].append((payer, payee, amount))
        # The same steps again, later: nothing new.
        for step in plan:
            record(*step, shift=monday + timedelta(weeks=1, days=6))
        first = _check_week(world, weeks[0], expected[weeks[0]])
        _check_week(world, weeks[1], expected[weeks[1]])
        # Close the first week; then more steps land in the third; the first never changes.
        r = world.client.post(f"/v1/settlement/periods/{weeks[0]}/close", headers=world.h("admin"))
        assert r.status_code == 200
        s = data.draw(shipments(members=carriers, number=f"JL{i:04d}99999ID"), label="late")
        s = ShipmentFacts(s.number, members[-1], False, False, s.legs, s.handovers)
        with unit_of_work(engine) as uow:
            sid = _insert(uow.conn, s, carrier_of)
        late_at = monday + timedelta(days=3)
        try:
            with unit_of_work(engine) as uow:
                record_delivery(uow.conn, shipment=sid, cod_collected=150_000, at=late_at)
        except JalinError as e:
            assert e.code == "period_closed"
        else:
            assert not delivery_lines(s, 150_000), "a line in a closed week must be refused"
        third = monday + timedelta(weeks=2, hours=1)
        with unit_of_work(engine) as uow:
            record_delivery(uow.conn, shipment=sid, cod_collected=150_000, at=third)
        expected[weeks[2]] = [(p, q, a) for _k, _s, p, q, a in reference_lines(s, 0, True, 150_000)]
        _check_week(world, weeks[2], expected[weeks[2]])
        after = _view(world, weeks[0])
        assert after["status"] == "closed"
        assert {k: after[k] for k in ("gross", "net_total", "bilateral_total", "line_count", "members")} == {
            k: first[k] for k in ("gross", "net_total", "bilateral_total", "line_count", "members")
        }
        with engine.connect() as conn:
            assert sum(store.journal_balances(conn).values()) == 0
            n_lines = conn.execute(text("SELECT count(*) FROM settlement_lines")).scalar()
            n_posts = conn.execute(text("SELECT count(*) FROM journal_postings")).scalar()
            assert n_posts == 2 * n_lines
    finally:
        engine.dispose()
