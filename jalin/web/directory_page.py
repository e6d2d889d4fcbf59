"""`/direktori`: the public member directory, Indonesian first with English beside it.

The same entries as `GET /v1/directory` (active members: brand, member type, carrier code,
regency and province; no contacts, no legal name, no NIB) narrowed by a few typed words, a
province or regency and a member type (`jalin.registry.filters.filter_directory`). A plain GET
form that works without script, cards on a phone, 50 members a page.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from jalin.geo import Atlas
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, UowDep
from jalin.registry.filters import filter_directory
from jalin.registry.records import DirectoryEntry
from jalin.registry.rules import MemberType
from jalin.services import registry as svc
from jalin.web.render import page

router = APIRouter(include_in_schema=False)

PER_PAGE = 50


def _name(atlas: Atlas, code: str) -> str:
    area = atlas.get(code)
    return area.name if area is not None else code


def _regions(atlas: Atlas, entries: list[DirectoryEntry], province: str) -> dict[str, Any]:
    """The provinces and regencies that have members (with counts), for the two selects: every
    regency grouped by province, or only the chosen province's."""
    provinces: dict[str, int] = {}
    regencies: dict[str, int] = {}
    for e in entries:
        provinces[e.province_code] = provinces.get(e.province_code, 0) + 1
        regencies[e.regency_code] = regencies.get(e.regency_code, 0) + 1
    groups: dict[str, list[dict[str, Any]]] = {}
    for code, n in regencies.items():
        if province and not code.startswith(province + "."):
            continue
        groups.setdefault(code.split(".")[0], []).append({"code": code, "name": _name(atlas, code), "n": n})
    return {
        "provinces": sorted(
            ({"code": c, "name": _name(atlas, c), "n": n} for c, n in provinces.items()),
            key=lambda p: str(p["name"]),
        ),
        "regency_groups": [
            {"name": _name(atlas, p), "regencies": sorted(rs, key=lambda r: str(r["name"]))}
            for p, rs in sorted(groups.items(), key=lambda kv: _name(atlas, kv[0]))
        ],
    }


@router.get("/direktori", response_class=HTMLResponse)
def directory(
    _: Public,
    uow: UowDep,
    atlas: AtlasDep,
    cari: Annotated[str, Query(max_length=100)] = "",
    provinsi: Annotated[str, Query(max_length=2)] = "",
    kabupaten: Annotated[str, Query(max_length=5)] = "",
    jenis: Annotated[str, Query(max_length=20)] = "",
    hal: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """Active members by brand, filtered; a type that is not a member type lists every type."""
    every = svc.directory(uow)
    kind = jenis if jenis in {t.value for t in MemberType} else ""
    found = filter_directory(
        every,
        province=provinsi or None,
        regency=kabupaten or None,
        kind=kind or None,
        search=cari or None,
    )
    first = (hal - 1) * PER_PAGE
    shown = found[first : first + PER_PAGE]
    filters = {"cari": cari.strip(), "provinsi": provinsi, "kabupaten": kabupaten, "jenis": kind}
    query = {k: v for k, v in filters.items() if v}
    return page(
        "direktori.html",
        items=[
            {
                "brand": e.brand,
                "type": e.type.value,
                "carrier": e.carrier_id,
                "regency": _name(atlas, e.regency_code),
                "province": _name(atlas, e.province_code),
            }
            for e in shown
        ],
        total=len(every),
        matched=len(found),
        first=first + 1,
        last=first + len(shown),
        filters=filters,
        types=[t.value for t in MemberType],
        previous=("?" + urlencode({**query, "hal": hal - 1})) if hal > 1 else None,
        next=("?" + urlencode({**query, "hal": hal + 1})) if first + PER_PAGE < len(found) else None,
        **_regions(atlas, every, provinsi),
    )
