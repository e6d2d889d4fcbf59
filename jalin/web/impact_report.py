"""The impact report for officers: CSV per destination district, and an HTML page in Indonesian
(English alongside) with a map of the districts and the ranked list of agreements.

The map is the portal's coverage map component (/static/peta.js on the vendored Leaflet, no
tiles, no inline script): every district a point coloured by what the proposal does there, the
points as JSON in the page (a `application/json` element, never executed), and beside it the
same classes counted per province in a table, which carries the figures without JavaScript.
Served by the API the page loads its scripts from /static under the strict CSP; written by the
CLI to a file, the scripts are copied into a folder beside it (`report_assets`) so it opens from
disk with no server and no network.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from jalin.geo import Atlas
from jalin.i18n import rupiah, t, thousands
from jalin.impact.ranking import RANKED_FIGURES

CSV_COLUMNS = [
    "code",
    "name",
    "regency",
    "province",
    "remote",
    "frontier",
    "reach_before",
    "reach_after",
    "days_before",
    "days_after",
    "price_before",
    "price_after",
    "newly_reachable",
    "lost",
    "faster",
    "slower",
    "cheaper",
    "pricier",
    "days_saved",
    "rupiah_saved",
    "gains",
]

#: What the proposal does to a district, most telling first (the map draws it on top): colour,
#: Indonesian and English label, and the table's short Indonesian header. Shared with the legend,
#: the table and /static/peta.js.
CLASSES = {
    "new": ("#1b7f3b", "terjangkau baru", "newly reachable", "baru"),
    "faster": ("#0b5d8c", "lebih cepat", "faster", "cepat"),
    "cheaper": ("#7c3aed", "lebih murah", "cheaper", "murah"),
    "worse": ("#b42318", "hilang, lebih lambat atau lebih mahal", "lost, slower or dearer", "buruk"),
    "none": ("#3e4c59", "tidak terjangkau", "not reachable", "tak sampai"),
    "same": ("#9aa5b1", "tidak berubah", "no change", "sama"),
}
#: The files the report's map needs, from jalin/web/static.
_ASSETS = ("peta.js", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/leaflet/LICENSE")


#: The ranking as CSV: one row per pair, best first.
RANKING_COLUMNS = [
    "rank",
    "carrier_a",
    "carrier_b",
    "stage",
    "fee_per_parcel",
    *RANKED_FIGURES,
    "screen_score",
]


def render_impact_csv(body: dict[str, Any], table: str = "districts") -> str:
    """`districts`: one row per destination district (`CSV_COLUMNS`); `ranking`: one row per
    ranked pair, best first (`RANKING_COLUMNS`)."""
    buf = io.StringIO()
    if table == "ranking":
        rows = [{"rank": i, **r} for i, r in enumerate(body["ranking"]["pairs"], 1)]
        columns = RANKING_COLUMNS
    else:
        rows, columns = body["districts"], CSV_COLUMNS
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def district_class(row: dict[str, Any]) -> str:
    """The district's class in `CLASSES`: newly reachable from some origin, else faster, else
    cheaper, else worse somewhere, else unchanged (reachable or not)."""
    if row["newly_reachable"]:
        return "new"
    if row["faster"]:
        return "faster"
    if row["cheaper"]:
        return "cheaper"
    if row["lost"] or row["slower"] or row["pricier"]:
        return "worse"
    return "same" if row["reach_after"] else "none"


def _days_text(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}".replace(".", ",")


def _tip(row: dict[str, Any], cls: str) -> str:
    """A district's tooltip on the map: what the proposal does there, in Indonesian / English."""
    place = f"{row['name']}, {row['regency']}"
    if cls == "new":
        n = row["newly_reachable"]
        return f"{place}: terjangkau baru dari {n} asal / newly reachable from {n} origin(s)"
    if cls == "faster":
        days, n = _days_text(row["days_saved"]), row["faster"]
        return f"{place}: {days} hari lebih cepat dari {n} asal / {days} days faster from {n} origin(s)"
    if cls == "cheaper":
        saved, n = rupiah(row["rupiah_saved"] or 0), row["cheaper"]
        return f"{place}: {saved} lebih murah dari {n} asal / {saved} cheaper from {n} origin(s)"
    return f"{place}: {CLASSES[cls][1]} / {CLASSES[cls][2]}"


def district_map(body: dict[str, Any], atlas: Atlas) -> dict[str, Any]:
    """The map's points (JSON for /static/peta.js) and the table beside it: per province the
    districts of each class, with the nation's total."""
    points = []
    table: dict[str, dict[str, Any]] = {}
    total = {k: 0 for k in CLASSES} | {"districts": 0}
    for row in body["districts"]:
        cls = district_class(row)
        prov = table.setdefault(row["province"], {k: 0 for k in CLASSES} | {"districts": 0})
        for counts in (prov, total):
            counts[cls] += 1
            counts["districts"] += 1
        p = atlas.point(row["code"])
        if p is not None:
            points.append({"lat": round(p.lat, 4), "lon": round(p.lon, 4), "c": cls, "tip": _tip(row, cls)})
    return {"points": points, "provinces": sorted(table.items()), "total": total}


def _figure(key: str, value: Any) -> str:
    """A ranked pair's figure (`RANKED_FIGURES`) as shown: days, rupiah or a count."""
    if key.startswith("days_"):
        return FORMATS["days"](value)
    if key.startswith("rupiah_"):
        return FORMATS["rupiah"](value)
    return FORMATS["thousands"](value)


#: How the report's figures are written (None, a figure not defined, as a dash).
FORMATS: dict[str, Callable[..., str]] = {
    "rupiah": lambda v: "–" if v is None else rupiah(int(v)),
    "thousands": lambda v: "–" if v is None else thousands(int(v)),
    "days": lambda v: "–" if v is None else _days_text(v),
    "pct": lambda v: "–" if v is None else f"{v * 100:.1f} %".replace(".", ","),
    "figure": _figure,
}


def report_parts(body: dict[str, Any], atlas: Atlas, *, top: int = 15) -> dict[str, Any]:
    """What a page shows of an answer besides its figures, for the report and the portal page:
    the map and its table (`map`, `classes`, `class_colours`), the `top` districts that gain most
    (`gaining`, of `gaining_total`), the provinces that gain most first, and the ranking's figures
    in order (`ranked`)."""
    gaining = sorted(
        (r for r in body["districts"] if r["gains"]),
        key=lambda r: (-r["newly_reachable"], -(r["days_saved"] or 0), -(r["rupiah_saved"] or 0), r["code"]),
    )
    return {
        "map": district_map(body, atlas),
        "classes": CLASSES,
        "class_colours": {k: c[0] for k, c in CLASSES.items()},
        "gaining": gaining[:top],
        "gaining_total": len(gaining),
        "provinces": sorted(body["provinces"], key=lambda p: (-p["districts_gaining"], p["code"])),
        "ranked": RANKED_FIGURES,
    }


def render_impact_html(body: dict[str, Any], atlas: Atlas, *, top: int = 15, static: str = "/static") -> str:
    """The report; `static` is where /static/peta.js and the vendored Leaflet are found (the
    server's /static, or the folder `report_assets` wrote beside a file)."""
    env = Environment(loader=PackageLoader("jalin.web"), autoescape=select_autoescape())
    env.filters.update(FORMATS)
    env.filters["stage"] = lambda v: (
        "belum ada / none"
        if v is None
        else f"{t('portal.stage.' + v, lang='id')} / {t('portal.stage.' + v, lang='en').lower()}"
    )
    return env.get_template("impact_report.html").render(
        body=body,
        static=static,
        both=lambda key: f"{t(key, lang='id')} / {t(key, lang='en').lower()}",
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **report_parts(body, atlas, top=top),
    )


def report_assets(html_file: Path) -> str:
    """Copy the map's scripts and styles into `<name>_files` beside a report written to a file;
    returns the relative folder to give `render_impact_html` as `static`."""
    folder = html_file.with_name(html_file.stem + "_files")
    source = resources.files("jalin.web").joinpath("static")
    for name in _ASSETS:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with resources.as_file(source.joinpath(name)) as path:
            shutil.copyfile(path, target)
    return folder.name
