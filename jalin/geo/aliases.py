"""Former district names (renamed, split or merged) and the current districts that replaced them.

`data/district_aliases.csv` is built by `scripts/build_district_aliases.py` from the archived
Kemendagri lists packaged by cahyadsn/wilayah (MIT; Permendagri 56/2015 to Kepmendagri
100.1.1-6117/2022) compared with the current list (Kepmendagri 300.2.2-2138/2025). A former
name belongs to one regency; its successors are the current districts that now hold its
villages, so "Kecamatan Tampan, Pekanbaru" answers Binawidya and Tuahmadani.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class FormerDistrict:
    regency_code: str
    name: str
    successors: tuple[str, ...]  # current district codes, sorted
    former_code: str
    source: str  # the last regulation that still listed the name


@cache
def former_districts() -> tuple[FormerDistrict, ...]:
    path = resources.files("jalin.geo").joinpath("data", "district_aliases.csv")
    with path.open(encoding="utf-8") as fh:
        return tuple(
            FormerDistrict(
                row["regency_code"],
                row["former_name"],
                tuple(row["successors"].split(";")),
                row["former_code"],
                row["source"],
            )
            for row in csv.DictReader(fh)
        )
