"""The coverage map (docs/portal.md): every district as a point, coloured by how many carriers
deliver there (0: no service), or by the fastest delivery from an origin the visitor chooses.
Public like `GET /v1/coverage` and `GET /v1/quotes/one-to-all`, over the same services.

The page works without JavaScript: the legend and the per-province table carry the figures.
The map itself is Leaflet (vendored under /static/vendor/leaflet, no CDN) drawn by
/static/peta.js from the JSON at /portal/peta/data; the page has no inline script (CSP). Tiles
only when `JALIN_MAP_TILE_URL` is set (the page's CSP then allows that one host's images)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from jalin.errors import JalinError
from jalin.http.deps import AtlasDep, NetworkDep, ResolverDep, SettingsDep, StateDep
from jalin.http.session import AnyonePage
from jalin.services.coverage import coverage_points, coverage_summary
from jalin.services.quotes import QuoteInput, build_request
from jalin.services.tariffs import hours_to_each
from jalin.web.portal.common import error_text, lang_of, page

router = APIRouter(include_in_schema=False)

#: The weight the fastest-delivery colouring assumes, in kg (a small parcel).
WEIGHT_KG = "1"
#: Colour classes, shared with /static/peta.js and the legend: carriers delivering (0, 1, 2+)
#: and fastest delivery in hours (<= 24, <= 48, <= 96, more, none within the horizon).
CARRIER_CLASSES = ("0", "1", "2+")
HOUR_CLASSES = ("24", "48", "96", "more", "none")

Origin = Annotated[str | None, Query(alias="asal", max_length=500)]


@router.get("/portal/peta", response_class=HTMLResponse)
def coverage_map(
    request: Request,
    visitor: AnyonePage,
    network: NetworkDep,
    resolver: ResolverDep,
    settings: SettingsDep,
    asal: Origin = None,
) -> HTMLResponse:
    summary = coverage_summary(network)
    origin, error, status = None, None, 200
    if asal:
        try:
            _req, place, _same = build_request(resolver, QuoteInput(asal, None, WEIGHT_KG))
            origin = place.to_dict()
        except JalinError as exc:
            error, status = error_text(exc.code, lang_of(request), exc.message), 422
    data_url = "/portal/peta/data" + ("?" + urlencode({"asal": origin["code"]}) if origin else "")
    return page(
        request,
        visitor,
        "portal/peta.html",
        status_code=status,
        summary=summary,
        asal=asal or "",
        origin=origin,
        error=error,
        data_url=data_url,
        carrier_classes=CARRIER_CLASSES,
        hour_classes=HOUR_CLASSES if origin else (),
        tiles={"url": settings.map_tile_url, "attribution": settings.map_tile_attribution},
    )


@router.get("/portal/peta/data", response_class=JSONResponse)
def coverage_map_data(
    visitor: AnyonePage,
    network: NetworkDep,
    atlas: AtlasDep,
    resolver: ResolverDep,
    state: StateDep,
    asal: Origin = None,
) -> JSONResponse:
    """`{origin, points: [{code, name, province, lat, lon, approximate, carriers, hours}]}`;
    `hours` (fastest delivery from `asal`, 1 kg, ready now) only when an origin is given, null
    where nothing arrives. A bad origin is refused like the API refuses it (the portal's page)."""
    points = coverage_points(network, atlas)
    body: dict[str, Any] = {"origin": None, "points": points}
    if asal:
        req, place, _same = build_request(resolver, QuoteInput(asal, None, WEIGHT_KG))
        hours = hours_to_each(state.snapshot().planner(open_handovers=False), atlas, req)
        for p in points:
            p["hours"] = hours.get(p["code"])
        body["origin"] = place.to_dict()
    return JSONResponse(body, headers={"Cache-Control": "no-store"})
