"""Changing a booking: cancelling it, and a carrier recording its own waybill number on its leg."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.services.shipments.access import load_visible
from jalin.services.shipments.views import shipment_view
from jalin.shipments import rules
from jalin.shipments.model import HandoverStatus, LegStatus, ShipmentErrorCode, ShipmentStatus
from jalin.storage import shipments as store
from jalin.storage.audit import record as audit_record
from jalin.storage.uow import unit_of_work


def cancel(engine: Engine, who: Principal, number: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Cancel while no event shows custody; cancelling a cancelled shipment changes nothing.

    The number stays taken for ever; legs and handovers are cancelled with it (they leave their
    manifests' open lines).
    """
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    with unit_of_work(engine) as uow:
        c, s, legs, hos = load_visible(uow.conn, who, number, lock=True)
        if not c.admin and s["booked_by"] != c.who.member_id:
            raise JalinError(
                ShipmentErrorCode.NOT_BOOKING_MEMBER,
                "Hanya anggota pemesan (atau admin) yang dapat membatalkan. / Only the booking member (or "
                "an admin) may cancel.",
            )
        status = ShipmentStatus(s["status"])
        if status is ShipmentStatus.CANCELLED:
            return shipment_view(s, legs, hos)
        if not rules.may_cancel(status):
            raise JalinError(
                ShipmentErrorCode.ALREADY_MOVING,
                f"Kiriman {s['number']} sudah dalam perjalanan ({status.value}); tidak bisa dibatalkan. / "
                f"Shipment {s['number']} is already moving ({status.value}); it cannot be cancelled.",
                shipment_status=status.value,
            )
        conn = uow.conn
        store.set_shipment(conn, s["id"], status=ShipmentStatus.CANCELLED.value, cancelled_at=now)
        store.set_legs(conn, s["id"], None, status=LegStatus.CANCELLED.value)
        store.set_handovers(conn, s["id"], None, status=HandoverStatus.CANCELLED.value)
        audit_record(
            conn, who.actor, "shipment.cancel", "shipment", s["number"], before={"status": status.value}
        )
        fresh = store.get_shipment(conn, s["number"])
        assert fresh is not None
        return shipment_view(
            fresh, store.legs_of(conn, [s["id"]])[s["id"]], store.handovers_of(conn, [s["id"]])[s["id"]]
        )


def set_carrier_ref(
    engine: Engine, who: Principal, number: str, seq: int, carrier_ref: object
) -> dict[str, Any]:
    """The leg's carrier (or an admin) records its own waybill number for the leg.

    A carrier's references are unique among its legs, so an event may name either number.
    """
    ref = carrier_ref.strip() if isinstance(carrier_ref, str) else None
    if not ref or not rules.CARRIER_REF.match(ref):
        raise JalinError(
            ShipmentErrorCode.INVALID_CARRIER_REF,
            "carrier_ref harus 1-64 karakter ASCII tanpa spasi, mis. JNE0012345678. / carrier_ref must "
            "be 1-64 ASCII characters without spaces, e.g. JNE0012345678.",
            field="carrier_ref",
        )
    with unit_of_work(engine) as uow:
        c, s, legs, hos = load_visible(uow.conn, who, number, lock=True)
        leg = next((leg for leg in legs if leg["seq"] == seq), None)
        if leg is None:
            raise JalinError(
                CommonErrorCode.NOT_FOUND,
                f"Kiriman {s['number']} tidak punya leg {seq}. / Shipment {s['number']} has no leg {seq}.",
                field="seq",
            )
        if not c.admin and leg["carrier"] != c.carrier:
            raise JalinError(
                ShipmentErrorCode.NOT_YOUR_LEG,
                f"Leg {seq} dibawa {leg['carrier']}; hanya kurir itu yang mencatat nomor resinya. / "
                f"Leg {seq} is carried by {leg['carrier']}; only that carrier records its waybill number.",
                field="seq",
            )
        if leg["carrier_ref"] != ref:
            taken = JalinError(
                ShipmentErrorCode.CARRIER_REF_TAKEN,
                f"{leg['carrier']} sudah memakai nomor {ref} untuk kiriman lain. / {leg['carrier']} "
                f"already uses {ref} for another shipment.",
                field="carrier_ref",
            )
            if store.carrier_ref_owner(uow.conn, leg["carrier"], ref) is not None:
                raise taken
            try:
                # Two legs claiming one reference at once: the unique index decides, and the
                # loser gets the same answer as if it had come second.
                with uow.conn.begin_nested():
                    store.set_legs(uow.conn, s["id"], [seq], carrier_ref=ref)
            except IntegrityError:
                raise taken from None
            audit_record(
                uow.conn,
                who.actor,
                "shipment.carrier_ref",
                "shipment",
                s["number"],
                after={"seq": seq, "ref": ref},
            )
            legs = store.legs_of(uow.conn, [s["id"]])[s["id"]]
        return shipment_view(s, legs, hos)
