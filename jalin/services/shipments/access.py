"""Who may see and change a shipment: its booking member, the carriers on its legs, admin.

Anyone else is told the shipment does not exist (404), so numbers do not leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.storage import shipments as store


@dataclass(frozen=True, slots=True)
class Caller:
    """The principal with its carrier (None for admins and members without one)."""

    who: Principal
    carrier: str | None

    @property
    def admin(self) -> bool:
        return self.who.role is Role.ADMIN


def caller(conn: Connection, who: Principal) -> Caller:
    if who.member_id is None:
        return Caller(who, None)
    return Caller(who, store.member_codes(conn, [who.member_id]).get(who.member_id))


def not_found(number: str) -> JalinError:
    return JalinError(
        CommonErrorCode.NOT_FOUND,
        f"Kiriman {number} tidak ditemukan. / Shipment {number} not found.",
        field="number",
    )


def visible(c: Caller, s: dict[str, Any], legs: list[dict[str, Any]]) -> bool:
    if c.admin:
        return True
    if c.who.member_id is not None and s["booked_by"] == c.who.member_id:
        return True
    return c.carrier is not None and any(leg["carrier"] == c.carrier for leg in legs)


def load_visible(
    conn: Connection, who: Principal, number: str, *, lock: bool = False
) -> tuple[Caller, dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The shipment with its legs and handovers, or 404 when the caller may not see it; `lock`
    holds the shipment row for a change that depends on what was read."""
    from jalin.shipments.numbers import normalize

    number = normalize(number)
    s = store.get_shipment(conn, number, lock=lock)
    c = caller(conn, who)
    if s is None:
        raise not_found(number)
    legs = store.legs_of(conn, [s["id"]])[s["id"]]
    if not visible(c, s, legs):
        raise not_found(number)
    return c, s, legs, store.handovers_of(conn, [s["id"]])[s["id"]]
