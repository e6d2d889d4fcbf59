"""Regions: search, details and address resolution."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from jalin.api.models import AddressResolution, AreaDetail, AreaSearch
from jalin.errors import CommonErrorCode, JalinError
from jalin.geo import Area, Atlas, Level, QueryError
from jalin.geo.errors import GeoErrorCode
from jalin.geo.resolve import MAX_QUERY_CHARS
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, ResolverDep

router = APIRouter(prefix="/v1/areas", tags=["areas"])

LevelName = Literal["province", "regency", "district", "village"]
_LEVELS: dict[str, Level] = {lv.label: lv for lv in Level}


def _summary(area: Area) -> dict[str, Any]:
    return {"code": area.code, "name": area.name, "level": area.level.label, "kind": area.kind}


def _detail(atlas: Atlas, area: Area) -> dict[str, Any]:
    point = atlas.point(area.code)
    return {
        **_summary(area),
        "zone": area.zone.value,
        "parents": [_summary(p) for p in atlas.lineage(area)],
        "children_count": len(atlas.children(area.code)),
        "postal_codes": atlas.postal_codes(area.code),
        "coordinate": None
        if point is None
        else {"lat": point.lat, "lon": point.lon, "approximate": point.approximate, "source": point.source},
    }


@router.get("")
def search_areas(
    _: Public,
    atlas: AtlasDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="Name or part of it")],
    level: LevelName | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> AreaSearch:
    """Autocomplete-style search by name; villages only when `level=village`."""
    if not q.strip():
        raise JalinError(CommonErrorCode.INVALID_QUERY, "q is blank: give part of a region name.", field="q")
    found = atlas.search(q, level=_LEVELS[level] if level else None, limit=limit)
    return AreaSearch.model_validate(
        {"query": q, "results": [{**_summary(a), "path": _path(atlas, a)} for a in found]}
    )


def _path(atlas: Atlas, area: Area) -> str:
    return ", ".join(a.name for a in [area, *reversed(atlas.lineage(area))])


@router.get("/resolve")
def resolve_address(
    _: Public,
    resolver: ResolverDep,
    text: Annotated[
        str, Query(max_length=MAX_QUERY_CHARS, description="Address, region code or postal code")
    ],
) -> AddressResolution:
    """Resolve free text (as a seller types it), a region code or a postal code to a district."""
    try:
        return AddressResolution.model_validate(resolver.resolve(text).to_dict())
    except QueryError as exc:
        raise JalinError(CommonErrorCode.INVALID_QUERY, str(exc), field="text") from None


@router.get("/{code}")
def get_area(_: Public, atlas: AtlasDep, code: str) -> AreaDetail:
    """One region with its parents, children count, zone, postal codes and approximate point."""
    area = atlas.get(code)
    if area is None:
        raise JalinError(GeoErrorCode.UNKNOWN_AREA, f"No Kemendagri region has code {code!r}.", field="code")
    return AreaDetail.model_validate(_detail(atlas, area))
