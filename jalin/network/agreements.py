"""Interline agreements as the planner and the offline tools read them, and agreements.csv.

`agreements.csv` (next to a folder of feeds) lists which carriers may hand parcels to each
other: `carrier_a,carrier_b,fee` with the fee in rupiah per parcel. In the hub the same pairs
come from the registry's active interline_handover agreements, optionally limited to districts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple


class InterlineAgreement(NamedTuple):
    """Two carriers that may hand parcels over, the fee per parcel (rupiah) and where
    (district codes; None: at any shared facility). A tuple, so the planner's policy takes it as is."""

    carrier_a: str
    carrier_b: str
    fee: int
    districts: frozenset[str] | None = None


def write_agreements(agreements: Iterable[InterlineAgreement], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["carrier_a", "carrier_b", "fee"])
        w.writerows([a.carrier_a, a.carrier_b, a.fee] for a in agreements)


def read_agreements(path: Path) -> list[InterlineAgreement]:
    """The rows of an agreements.csv; a missing column or a fee that is not a whole number
    raises KeyError or ValueError naming it."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [
            InterlineAgreement(r["carrier_a"].strip(), r["carrier_b"].strip(), int(r["fee"]))
            for r in csv.DictReader(fh)
        ]
