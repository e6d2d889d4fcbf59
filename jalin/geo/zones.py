"""Indonesian time zones by province code (no daylight saving).

WIB = UTC+7, WITA = UTC+8, WIT = UTC+9, assigned by the two-digit Kemendagri province code as
the network feed contract states.
"""

from __future__ import annotations

from datetime import timedelta, timezone
from enum import StrEnum


class Zone(StrEnum):
    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"

    @property
    def offset_hours(self) -> int:
        return _OFFSET_HOURS[self]

    @property
    def tzinfo(self) -> timezone:
        return _TZINFO[self]


_OFFSET_HOURS = {Zone.WIB: 7, Zone.WITA: 8, Zone.WIT: 9}
_TZINFO = {z: timezone(timedelta(hours=h), z.value) for z, h in _OFFSET_HOURS.items()}

_WITA = {51, 52, 53, 63, 64, 65, 71, 72, 73, 74, 75, 76}
_WIT = {81, 82, 91, 92, 93, 94, 95, 96}
_WIB = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 61, 62}


def zone_of(code: str) -> Zone:
    """Zone of any region code (`NN`, `NN.NN`, ...): decided by its province, the first two digits.

    Raises ValueError for a province code outside the contract's lists.
    """
    try:
        province = int(code[:2])
    except ValueError:
        raise ValueError(f"not a region code: {code!r}") from None
    if province in _WIB:
        return Zone.WIB
    if province in _WITA:
        return Zone.WITA
    if province in _WIT:
        return Zone.WIT
    raise ValueError(f"province code {code[:2]} has no time zone in the contract")
