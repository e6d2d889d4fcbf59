"""The ETA re-plan on SQLite and PostgreSQL: an event at a facility re-plans the delivery from
there over the booked carriers' live feeds. On time at the booked handover facility, the re-plan
finds exactly the planned delivery (which the quote planner, written independently, found);
a day late, a later ETA, `late` set, and `shipment.eta_changed` queued."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select

from jalin.network.model import CalendarDate, Endpoint, Facility, FacilityKind, Feed, FeedInfo, Run, Service
from jalin.storage.db import make_engine
from jalin.tracking.replan import CarrierGraph, RemainingLeg, covers, earliest_delivery
from tests.test_tracking import _ev, _post

WIB = timezone(timedelta(hours=7))


def _feed() -> Feed:
    info = FeedInfo("TESTX", "Uji", "1", date(2026, 1, 1), date(2027, 12, 31))
    return Feed(
        info,
        {"REG": Service("REG", "Reguler", Decimal(30), 6000, True)},
        {
            "JKT": Facility("JKT", "Hub", FacilityKind.HUB, "31.71.06", None, None, True),
            "KDI": Facility("KDI", "Hub", FacilityKind.HUB, "74.71.01", None, None, True),
        },
        [
            Run(
                "L1",
                "REG",
                Endpoint(facility_id="JKT"),
                Endpoint(facility_id="KDI"),
                "1111100",
                22 * 60,
                60,
                300,
                0,
                0,
            ),
            Run(
                "D1",
                "REG",
                Endpoint(facility_id="KDI"),
                Endpoint(area_code="74.71"),
                "1111111",
                8 * 60,
                30,
                240,
                0,
                0,
            ),
        ],
        [CalendarDate("REG", date(2026, 12, 4), 2)],  # no linehaul on Friday 4 December
    )


def test_departures_follow_days_cutoff_and_calendar():
    g = CarrierGraph(_feed())
    l1 = g.linehauls["JKT"][0]
    # Tuesday 1 December 20:59 WIB: 60 minutes before 22:00 is 21:00, so it makes the 22:00.
    assert g.next_departure(l1, datetime(2026, 12, 1, 20, 59, tzinfo=WIB)) == datetime(
        2026, 12, 1, 22, 0, tzinfo=WIB
    )
    assert g.next_departure(l1, datetime(2026, 12, 1, 21, 0, tzinfo=WIB)) == datetime(
        2026, 12, 1, 22, 0, tzinfo=WIB
    )
    assert g.next_departure(l1, datetime(2026, 12, 1, 21, 1, tzinfo=WIB)) == datetime(
        2026, 12, 2, 22, 0, tzinfo=WIB
    )
    # Thursday too late; Friday is a calendar exception; weekend off: Monday 7 December.
    assert g.next_departure(l1, datetime(2026, 12, 3, 21, 30, tzinfo=WIB)) == datetime(
        2026, 12, 7, 22, 0, tzinfo=WIB
    )
    assert covers("74.71", "74.71.01") and covers("74.71.01", "74.71.01") and not covers("74.7", "74.71.01")


def test_earliest_delivery_on_one_leg_and_weight_limits():
    g = CarrierGraph(_feed())
    legs = [RemainingLeg(g, None, None)]
    ready = datetime(2026, 12, 1, 12, 0, tzinfo=WIB)
    # 22:00 WIB linehaul, 5 h: 04:00 WITA... arrives 2 Dec 04:00 WIB = 05:00 WITA; delivery 08:00 WITA + 4 h.
    eta = earliest_delivery(legs, 0, "JKT", ready, "74.71.01", weight_kg=Decimal(2))
    assert eta == datetime(2026, 12, 2, 12, 0, tzinfo=timezone(timedelta(hours=8)))
    assert earliest_delivery(legs, 0, "JKT", ready, "74.71.01", weight_kg=Decimal(31)) is None
    assert (
        earliest_delivery(legs, 0, "JKT", ready, "31.71.06", weight_kg=Decimal(2)) is None
    )  # no delivery there
    bulky = Decimal(60 * 60 * 60)  # 216000 cm3 / 6000 = 36 kg chargeable
    assert (
        earliest_delivery(legs, 0, "JKT", ready, "74.71.01", weight_kg=Decimal(2), volume_cm3=bulky) is None
    )
    assert earliest_delivery(legs, 0, "NOWHERE", ready, "74.71.01", weight_kg=Decimal(2)) is None


def _facility_of(endpoint: dict) -> str:
    return endpoint["facility"]


def test_an_on_time_event_keeps_the_plan_and_a_late_one_moves_the_eta(world):
    from jalin.storage import webhooks as hooks
    from jalin.storage.tables import webhook_messages
    from jalin.storage.uow import unit_of_work
    from jalin.webhooks import new_secret

    s = world.book()
    number = s["number"]
    a = s["legs"][0]["carrier"]
    engine = make_engine(world.url)
    with unit_of_work(engine) as uow:
        hooks.insert_endpoint(
            uow.conn,
            id=f"ep_eta{uuid.uuid4().hex[:12]}",
            member_id=world.members["seller"],
            url="https://example.com/hook",
            event_types=["shipment.eta_changed"],
            secret=new_secret(),
            now=datetime.now(UTC),
        )
    handover = _facility_of(s["legs"][0]["to"])
    on_time = datetime.fromisoformat(s["legs"][0]["planned_arrival"])
    got = _post(
        world, a, [_ev(number, "arrived", on_time, location=handover, event_id=f"eta-{uuid.uuid4().hex[:8]}")]
    )
    assert got["accepted"] == 1
    shown = world.client.get(f"/v1/shipments/{number}", headers=world.h("seller")).json()
    assert datetime.fromisoformat(shown["eta"]) == datetime.fromisoformat(s["planned_delivery"])
    assert shown["late"] is False
    # A day late at the same facility: a later ETA, late, and one eta_changed webhook queued.
    delayed = on_time + timedelta(days=1)
    _post(
        world, a, [_ev(number, "arrived", delayed, location=handover, event_id=f"eta-{uuid.uuid4().hex[:8]}")]
    )
    shown = world.client.get(f"/v1/shipments/{number}", headers=world.h("seller")).json()
    eta = datetime.fromisoformat(shown["eta"])
    assert eta > datetime.fromisoformat(s["planned_delivery"]) and shown["late"] is True
    assert shown["eta"].endswith(s["planned_delivery"][-6:])  # in the destination's zone
    tl = world.client.get(f"/v1/shipments/{number}/events", headers=world.h(a)).json()
    assert tl["late"] is True and datetime.fromisoformat(tl["eta"]) == eta
    public = world.client.get(f"/v1/track/{number}").json()
    assert public["late"] is True and datetime.fromisoformat(public["eta"]) == eta
    # An event in a district (not a facility) does not re-plan.
    _post(world, a, [_ev(number, "arrived", delayed + timedelta(hours=1), location="31.71.06")])
    assert (
        world.client.get(f"/v1/shipments/{number}", headers=world.h("seller")).json()["eta"] == shown["eta"]
    )
    with engine.connect() as conn:
        bodies = conn.execute(
            select(webhook_messages.c.body).where(
                webhook_messages.c.number == number, webhook_messages.c.event_type == "shipment.eta_changed"
            )
        ).all()
    engine.dispose()
    assert len(bodies) == 1, "the on-time event changed nothing; the late one changed the ETA once"
    data = json.loads(bodies[0][0])["data"]
    assert data["late"] is True and data["number"] == number
    assert datetime.fromisoformat(data["eta"].replace("Z", "+00:00")) == eta
    assert datetime.fromisoformat(data["previous_eta"].replace("Z", "+00:00")) == datetime.fromisoformat(
        s["planned_delivery"]
    )
