"""Lines are recorded in the transaction of the step that earns them (settlement-v1), on SQLite
and PostgreSQL: handover confirmed -> the giving leg and the fee; delivered -> the last leg and
the COD cash. Nothing twice, nothing for sandbox or cancelled shipments, never payer == payee."""

from __future__ import annotations

from jalin.settlement import LineKind, period_id
from tests.settling import deliver, hand_over, lines_of

LATER = "2026-12-09T09:00:00+07:00"


def _interline(world):
    """A booked shipment with at least one handover."""
    s = world.book(ready_at=LATER)
    assert s["handovers"], "Menteng to Kendari crosses carriers in the small network"
    return s


def test_handover_and_delivery_record_the_contract_lines(world):
    s = _interline(world)
    booker = world.members["seller"]
    hand_over(world, s)
    lines = lines_of(world, s["number"])
    legs, hos = s["legs"], s["handovers"]
    expected = []
    for h in hos:
        leg = legs[h["seq"] - 1]
        expected.append((LineKind.LEG, booker, world.members[leg["carrier"]], leg["price"]))
        if h["fee"]:
            expected.append((LineKind.HANDOVER_FEE, booker, world.members[h["to_carrier"]], h["fee"]))
    assert [(x.kind, x.payer, x.payee, x.amount) for x in lines] == expected
    assert all(x.number == s["number"] and x.period == period_id(x.recorded_at) for x in lines)
    assert all(x.description and s["number"] in x.description for x in lines)
    # Confirming again records nothing.
    hand_over(world, s)
    assert len(lines_of(world, s["number"])) == len(expected)
    # Delivered with COD: the last leg and the cash; a second delivered event adds nothing.
    made = deliver(world, s["number"], 150000)
    last = legs[-1]
    assert [(x.kind, x.payer, x.payee, x.amount) for x in made] == [
        (LineKind.LEG, booker, world.members[last["carrier"]], last["price"]),
        (LineKind.COD, world.members[last["carrier"]], booker, 150000),
    ]
    assert deliver(world, s["number"], 150000) == []
    total = lines_of(world, s["number"])
    assert len(total) == len(expected) + 2
    paid = sum(x.amount for x in total if x.payer == booker and x.kind != LineKind.COD)
    assert paid == s["price"], "the booking member pays exactly the price it collected"


def test_no_lines_for_sandbox_or_cancelled_or_own_legs(world):
    sandbox = world.book(ready_at=LATER, test=True)
    hand_over(world, sandbox)
    assert deliver(world, sandbox["number"], 150000) == []
    assert lines_of(world, sandbox["number"]) == []
    cancelled = _interline(world)
    r = world.client.post(f"/v1/shipments/{cancelled['number']}/cancel", headers=world.h("seller"))
    assert r.status_code == 200
    assert deliver(world, cancelled["number"], 150000) == []
    assert lines_of(world, cancelled["number"]) == []
    # A carrier that books on its own network: its own legs make no line (payer == payee).
    first = _interline(world)["legs"][0]["carrier"]
    own = world.book(who=first, ready_at=LATER)
    hand_over(world, own)
    deliver(world, own["number"], 150000)
    mine = world.members[first]
    got = lines_of(world, own["number"])
    assert got and all(x.payer != x.payee for x in got)
    assert not any(x.kind == LineKind.LEG and x.payee == mine for x in got)


def test_the_agreement_names_the_receiving_member_as_fee_payer(world, atlas):
    """Then the fee is paid to the giving carrier (recorded at booking; a later change of the
    agreement does not move a booked shipment's fee). Last in this module: it changes terms."""
    from jalin.registry.access import CLI_ADMIN
    from jalin.services import registry as svc
    from jalin.storage.db import make_engine
    from tests.uow import in_uow

    probe = _interline(world)
    h = next((x for x in probe["handovers"] if x["fee"] > 0), None)
    if h is None:
        import pytest

        pytest.skip("no paid handover on this route in the small network")
    giving, receiving = world.members[h["from_carrier"]], world.members[h["to_carrier"]]
    engine = make_engine(world.url)
    try:
        agreements = in_uow(engine, svc.list_agreements, CLI_ADMIN)
        ag = next(
            a for a in agreements if set(a.parties) == {giving, receiving} and a.fee_per_parcel == h["fee"]
        )
        in_uow(
            engine, svc.set_terms, CLI_ADMIN, atlas, ag.id, fee_per_parcel=ag.fee_per_parcel,
            fee_payer=receiving, valid_from=ag.valid_from, valid_until=ag.valid_until, districts=ag.districts,
        )  # fmt: skip
    finally:
        engine.dispose()
    s = _interline(world)
    h2 = next(
        x
        for x in s["handovers"]
        if (x["from_carrier"], x["to_carrier"]) == (h["from_carrier"], h["to_carrier"])
    )
    hand_over(world, s, upto=h2["seq"])
    fee = next(
        x for x in lines_of(world, s["number"]) if x.kind == LineKind.HANDOVER_FEE and x.number == s["number"]
    )
    assert (fee.payer, fee.payee, fee.amount) == (world.members["seller"], giving, h2["fee"])
    hand_over(world, probe, upto=h["seq"])  # booked before the change: the receiving carrier is paid
    old = next(x for x in lines_of(world, probe["number"]) if x.kind == LineKind.HANDOVER_FEE)
    assert old.payee == receiving


def test_a_delivered_event_through_ingest_records_the_last_leg_and_cod(world):
    from datetime import UTC, datetime, timedelta

    s = _interline(world)
    hand_over(world, s)
    last = s["legs"][-1]
    at = (datetime.now(UTC) - timedelta(minutes=2)).replace(microsecond=0).isoformat()

    def post(event_id: str, cod: int) -> dict:
        event = {
            "event_id": event_id, "number": s["number"], "status": "delivered", "occurred_at": at,
            "location": s["to"], "received_by": "Budi", "cod_collected": cod,
        }  # fmt: skip
        r = world.client.post("/v1/events", json={"events": [event]}, headers=world.h(last["carrier"]))
        assert r.status_code == 200, r.text
        return r.json()

    assert post("DLV-1", 150000)["accepted"] == 1
    made = [
        x
        for x in lines_of(world, s["number"])
        if x.kind in (LineKind.COD,) or x.payee == world.members[last["carrier"]]
    ]
    cod = [x for x in made if x.kind == LineKind.COD]
    assert [(x.payer, x.payee, x.amount) for x in cod] == [
        (world.members[last["carrier"]], world.members["seller"], 150000)
    ]
    before = len(lines_of(world, s["number"]))
    assert post("DLV-1", 150000)["duplicates"] == 1
    post("DLV-2", 99000)  # a second delivered event: no new line
    assert len(lines_of(world, s["number"])) == before
