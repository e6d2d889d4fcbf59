"""Master numbers: UPU S10 format `XX123456785ID` with a random serial and its check digit.

Format `^[A-Z]{2}[0-9]{9}ID$`: a two-letter service indicator, an 8-digit serial, the S10
check digit, then `ID`. Serials are drawn at random (the caller keeps them unique with a
database constraint and never reuses one), so numbers cannot be enumerated.
"""

from __future__ import annotations

import re
import secrets

NUMBER = re.compile(r"^[A-Z]{2}[0-9]{9}ID$")
INDICATOR = re.compile(r"^[A-Z]{2}$")
_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def check_digit(serial: str) -> int:
    """The S10 check digit of an 8-digit serial: C = 11 - (sum of weighted digits mod 11);
    10 gives 0 and 11 gives 5."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError(f"an S10 serial is 8 digits, got {serial!r}")
    c = 11 - sum(int(d) * w for d, w in zip(serial, _WEIGHTS, strict=True)) % 11
    return 0 if c == 10 else 5 if c == 11 else c


def make_number(indicator: str, serial: str) -> str:
    """`indicator` + serial + check digit + `ID`."""
    if not INDICATOR.match(indicator):
        raise ValueError(f"the service indicator is two capital letters, got {indicator!r}")
    return f"{indicator}{serial}{check_digit(serial)}ID"


def random_number(indicator: str) -> str:
    """A fresh number with a uniformly random serial (the caller checks it is unused)."""
    return make_number(indicator, f"{secrets.randbelow(10**8):08d}")


def is_valid(number: str) -> bool:
    """True when `number` has the S10 shape and its check digit is right."""
    return bool(NUMBER.match(number)) and check_digit(number[2:10]) == int(number[10])


def normalize(text: str) -> str:
    """What a person types or a scanner reads, as stored: trimmed, upper case, no inner spaces."""
    return re.sub(r"[\s-]+", "", text).upper()
