"""The one-to-all tariff book: from one origin, for every district, the cheapest price and the
earliest delivery; as JSON rows or as CSV (the same rows, the same columns)."""

from __future__ import annotations

import csv
import io
from typing import Any

from jalin.geo.atlas import Atlas, Level
from jalin.routing import Planner, QuoteRequest
from jalin.services.quotes import Place, local

#: The columns of a tariff row, in the CSV's order.
COLUMNS = ("code", "name", "regency", "province", "zone", "earliest_delivery", "cheapest_price")


def tariff_book(planner: Planner, atlas: Atlas, request: QuoteRequest, origin: Place) -> dict[str, Any]:
    """`{origin, resolution, ready_at, weight_kg, reached, districts: [row, ...]}` with one row per
    district (`earliest_delivery` in the district's local time, `cheapest_price` in rupiah; both
    null where nothing arrives within the horizon)."""
    districts = atlas.areas(Level.DISTRICT)
    rows = []
    for area, (code, earliest, cheapest) in zip(
        districts, planner.tariff(request, [d.code for d in districts]), strict=True
    ):
        lineage = atlas.lineage(area)
        rows.append(
            {
                "code": code,
                "name": area.name,
                "regency": lineage[1].name,
                "province": lineage[0].name,
                "zone": area.zone.value,
                "earliest_delivery": local(earliest, code) if earliest else None,
                "cheapest_price": cheapest,
            }
        )
    return {
        "origin": origin.code,
        "resolution": {"origin": origin.to_dict()},
        "ready_at": local(request.ready_at, origin.code),
        "weight_kg": str(request.weight_kg),
        "reached": sum(1 for r in rows if r["cheapest_price"] is not None),
        "districts": rows,
    }


def tariff_csv(book: dict[str, Any]) -> str:
    """The book's rows as CSV with a header line (empty cells where nothing arrives)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(book["districts"])
    return buf.getvalue()


def hours_to_each(planner: Planner, atlas: Atlas, request: QuoteRequest) -> dict[str, float | None]:
    """The fastest delivery from the request's origin to every district, in hours from
    `request.ready_at` (rounded to 0.1 h); None where nothing arrives within the planner's horizon.
    The same one-to-all search as `tariff_book`."""
    codes = [d.code for d in atlas.areas(Level.DISTRICT)]
    return {
        code: round((earliest - request.ready_at).total_seconds() / 3600, 1) if earliest else None
        for code, earliest, _cheapest in planner.tariff(request, codes)
    }
