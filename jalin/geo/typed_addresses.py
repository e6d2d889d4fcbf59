"""Seeded addresses written the way online sellers type them, with the answer attached.

Used by the resolver benchmark and by accuracy tests: each sample names a real village and
district, then garbles the text the usual ways (abbreviations, casing, a dropped level, a
typo in a long name, a street part, a postal code or not).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from jalin.geo.atlas import Atlas, Level

_STREETS = ["jl merdeka", "jln sudirman", "jl. ahmad yani", "gg mawar", "jl raya pos", "jl diponegoro"]
_PROVINCE_NICKNAMES = {
    "11": "aceh",
    "12": "sumut",
    "13": "sumbar",
    "14": "riau",
    "15": "jambi",
    "16": "sumsel",
    "17": "bengkulu",
    "18": "lampung",
    "19": "babel",
    "21": "kepri",
    "31": "dki jakarta",
    "32": "jabar",
    "33": "jateng",
    "34": "diy",
    "35": "jatim",
    "36": "banten",
    "51": "bali",
    "52": "ntb",
    "53": "ntt",
    "61": "kalbar",
    "62": "kalteng",
    "63": "kalsel",
    "64": "kaltim",
    "65": "kaltara",
    "71": "sulut",
    "72": "sulteng",
    "73": "sulsel",
    "74": "sultra",
    "75": "gorontalo",
    "76": "sulbar",
    "81": "maluku",
    "82": "malut",
}


@dataclass(frozen=True, slots=True)
class TypedAddress:
    text: str
    district_code: str
    village_code: str


def _typo(word: str, rng: random.Random) -> str:
    """One adjacent swap inside a word long enough that a reader still recognises it."""
    if len(word) < 7:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def typed_addresses(atlas: Atlas, *, seed: int, count: int) -> Iterator[TypedAddress]:
    rng = random.Random(seed)
    villages = atlas.areas(Level.VILLAGE)
    for _ in range(count):
        v = rng.choice(villages)
        province, regency, district = atlas.lineage(v)
        village_name = v.name.lower() if rng.random() < 0.7 else v.name.upper()
        if rng.random() < 0.15:
            village_name = _typo(village_name, rng)
        parts = [f"{rng.choice(_STREETS)} {rng.randint(1, 200)}"] if rng.random() < 0.7 else []
        parts.append(f"{rng.choice(['kel', 'ds', 'desa', 'kel.', ''])} {village_name}".strip())
        if rng.random() < 0.85:
            parts.append(f"{rng.choice(['kec', 'kec.', 'kecamatan', ''])} {district.name}".strip())
        regency_name = regency.name.replace("Kabupaten ", rng.choice(["kab ", "kab. ", ""]))
        regency_name = regency_name.replace("Kota Administrasi ", "").replace("Kota ", "kota ")
        parts.append(regency_name)
        if rng.random() < 0.6:
            parts.append(_PROVINCE_NICKNAMES.get(province.code, province.name))
        if rng.random() < 0.3 and v.postal_code:
            parts.append(v.postal_code)
        text = rng.choice([" ", ", "]).join(parts)
        yield TypedAddress(
            text=text if rng.random() < 0.5 else text.lower(),
            district_code=district.code,
            village_code=v.code,
        )
