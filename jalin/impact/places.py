"""Published lists the impact summaries rely on, read from the CSV files beside this module.

`province_capitals.csv`: the 38 provinces' capitals and the district of each seat of government
(the default origins). `daerah_tertinggal.csv`: the 62 disadvantaged regencies of Perpres
63/2020 (2020-2024). `perbatasan_darat.csv`: the 17 frontier regencies on the land borders, from
the three Perpres on the land-border areas' spatial plans. Codes are today's Kemendagri codes;
each file's header notes its source.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: How reports cite the list of disadvantaged regencies.
DISADVANTAGED_SOURCE = "Perpres 63/2020 tentang Penetapan Daerah Tertinggal Tahun 2020-2024 (62 kabupaten)"
#: How reports cite the list of frontier regencies.
FRONTIER_SOURCE = (
    "Kabupaten/kota perbatasan darat (17) menurut Perpres 31/2015 (Kalimantan), 179/2014 (NTT) dan "
    "32/2015 (Papua) tentang Rencana Tata Ruang Kawasan Perbatasan Negara"
)


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("jalin.impact").joinpath("data", name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@cache
def capitals() -> dict[str, tuple[str, str]]:
    """Province code -> (capital's name, district code of the seat of government)."""
    return {r["province_code"]: (r["capital"], r["district_code"]) for r in _rows("province_capitals.csv")}


def capital_districts() -> list[str]:
    """The 38 capitals' districts, by province code."""
    return [district for _, (_, district) in sorted(capitals().items())]


@cache
def disadvantaged_regencies() -> frozenset[str]:
    """Regency codes (NN.NN) of the daerah tertinggal of Perpres 63/2020."""
    return frozenset(r["regency_code"] for r in _rows("daerah_tertinggal.csv"))


@cache
def frontier_regencies() -> frozenset[str]:
    """Regency codes (NN.NN) on the land borders (`perbatasan_darat.csv`)."""
    return frozenset(r["regency_code"] for r in _rows("perbatasan_darat.csv"))


@dataclass(frozen=True, slots=True)
class Places:
    """The published lists a comparison marks districts with, and how reports cite them."""

    remote: frozenset[str]
    frontier: frozenset[str]
    remote_source: str = DISADVANTAGED_SOURCE
    frontier_source: str = FRONTIER_SOURCE


def published_places() -> Places:
    return Places(disadvantaged_regencies(), frontier_regencies())
