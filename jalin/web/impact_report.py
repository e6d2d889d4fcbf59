"""The impact report for officers: CSV per destination district, and an HTML page in Indonesian
(English alongside) with a map of the districts and the ranked list of agreements.

The map is server-side SVG: each district is a dot at its approximate point from the atlas,
coloured by what the proposal does there. No script, no tiles, no network access.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from jalin.geo import Atlas
from jalin.i18n import rupiah, thousands

CSV_COLUMNS = [
    "code",
    "name",
    "regency",
    "province",
    "remote",
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

# The map's frame: Indonesia from Sabang to Merauke (degrees), drawn equirectangular.
_LON0, _LON1, _LAT0, _LAT1 = 94.5, 141.5, -11.5, 6.5
_WIDTH = 1000
_HEIGHT = round(_WIDTH * (_LAT1 - _LAT0) / (_LON1 - _LON0))

STATUS_COLOURS = {
    "new": ("#1b7f3b", "terjangkau baru", "newly reachable"),
    "better": ("#43a047", "lebih cepat atau lebih murah", "faster or cheaper"),
    "worse": ("#c62828", "terjangkau hilang, lebih lambat atau lebih mahal", "lost, slower or dearer"),
    "same": ("#b0bec5", "tidak berubah", "unchanged"),
    "none": ("#37474f", "tidak terjangkau", "not reachable"),
}


def render_impact_csv(body: dict[str, Any]) -> str:
    """One row per destination district, the columns of `CSV_COLUMNS`."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(body["districts"])
    return buf.getvalue()


def _status(row: dict[str, Any]) -> str:
    if row["newly_reachable"]:
        return "new"
    if row["faster"] or row["cheaper"]:
        return "better"
    if row["lost"] or row["slower"] or row["pricier"]:
        return "worse"
    return "same" if row["reach_after"] else "none"


def district_map(body: dict[str, Any], atlas: Atlas) -> dict[str, Any]:
    """Dots for the SVG map: (x, y, colour, title), worst-drawn first so changes lie on top."""
    order = {"none": 0, "same": 1, "worse": 2, "better": 3, "new": 4}
    dots = []
    for row in body["districts"]:
        p = atlas.point(row["code"])
        if p is None:
            continue
        status = _status(row)
        x = (p.lon - _LON0) / (_LON1 - _LON0) * _WIDTH
        y = (_LAT1 - p.lat) / (_LAT1 - _LAT0) * _HEIGHT
        dots.append((order[status], round(x, 1), round(y, 1), STATUS_COLOURS[status][0], row))
    dots.sort(key=lambda d: d[0])
    origins = []
    for o in body["origins"]:
        p = atlas.point(o["code"])
        if p is not None:
            x = (p.lon - _LON0) / (_LON1 - _LON0) * _WIDTH
            y = (_LAT1 - p.lat) / (_LAT1 - _LAT0) * _HEIGHT
            origins.append((round(x, 1), round(y, 1), o))
    return {"width": _WIDTH, "height": _HEIGHT, "dots": dots, "origins": origins}


def render_impact_html(body: dict[str, Any], atlas: Atlas, *, top: int = 15) -> str:
    env = Environment(loader=PackageLoader("jalin.web"), autoescape=select_autoescape())
    env.filters["rupiah"] = lambda v: "–" if v is None else rupiah(int(v))
    env.filters["thousands"] = lambda v: "–" if v is None else thousands(int(v))
    env.filters["days"] = lambda v: "–" if v is None else f"{v:.2f}".replace(".", ",")
    env.filters["pct"] = lambda v: "–" if v is None else f"{v * 100:.1f} %".replace(".", ",")
    gaining = sorted(
        (r for r in body["districts"] if r["gains"]),
        key=lambda r: (-r["newly_reachable"], -(r["days_saved"] or 0), -(r["rupiah_saved"] or 0), r["code"]),
    )
    return env.get_template("impact_report.html").render(
        body=body,
        map=district_map(body, atlas),
        colours=STATUS_COLOURS,
        gaining=gaining[:top],
        gaining_total=len(gaining),
        provinces=sorted(body["provinces"], key=lambda p: (-p["districts_gaining"], p["code"])),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
