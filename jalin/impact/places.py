"""Published lists the impact summaries rely on, read from the CSV files beside this module.

`province_capitals.csv`: the 38 provinces' capitals and the district of each seat of government
(the default origins). `daerah_tertinggal.csv`: the 62 disadvantaged regencies of Perpres
63/2020 (2020-2024), mapped to today's Kemendagri codes; each file's header notes its source.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

#: How reports cite the list of disadvantaged regencies.
DISADVANTAGED_SOURCE = "Perpres 63/2020 tentang Penetapan Daerah Tertinggal Tahun 2020-2024 (62 kabupaten)"


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
