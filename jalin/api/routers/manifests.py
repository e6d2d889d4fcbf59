"""Handover manifests (shipments-v1): list, read as JSON/PDF/CSV, confirm by scanning."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import Response

from jalin.api.shipment_models import ManifestConfirmation, ManifestOut, ManifestPage
from jalin.api.types import DEFAULT_PAGE, Cursor, Limit
from jalin.http.auth import AdminOrMember
from jalin.http.deps import AtlasDep, EngineDep
from jalin.services.shipments import documents, manifests

router = APIRouter(prefix="/v1/manifests", tags=["manifests"])

ManifestId = Annotated[str, Path(min_length=1, max_length=40, description="e.g. MF-20261202-3F2A9C01D4")]


@router.get("", response_model=ManifestPage)
def list_manifests(
    who: AdminOrMember,
    engine: EngineDep,
    facility: Annotated[str | None, Query(max_length=100)] = None,
    date: Annotated[str | None, Query(max_length=10, description="local date YYYY-MM-DD")] = None,
    carrier: Annotated[str | None, Query(max_length=16, description="the other carrier")] = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> dict[str, Any]:
    """Manifests the caller's carrier gives or receives (admin: all), newest date first then by
    id: `{"items", "next_cursor"}`, a page at a time."""
    return manifests.list_manifests(
        engine, who, facility=facility, day=date, carrier=carrier, cursor=cursor, limit=limit
    )


@router.get(
    "/{manifest_id}",
    response_model=ManifestOut,
    responses={
        200: {
            "description": "The manifest as JSON (lines and totals), PDF or CSV",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
def show(
    manifest_id: ManifestId,
    who: AdminOrMember,
    engine: EngineDep,
    atlas: AtlasDep,
    format: Literal["json", "pdf", "csv"] = "json",
) -> dict[str, Any] | Response:
    """One manifest with its lines and totals; `?format=pdf` to print and sign, `?format=csv`."""
    if format == "json":
        return manifests.show(engine, who, manifest_id)
    doc = documents.manifest_document(engine, who, atlas, manifest_id, format)
    return Response(
        doc.content,
        media_type=doc.media_type,
        headers={"Content-Disposition": f'attachment; filename="{doc.filename}"'},
    )


@router.post("/{manifest_id}/confirm", response_model=ManifestConfirmation)
def confirm(
    manifest_id: ManifestId,
    who: AdminOrMember,
    engine: EngineDep,
    body: Annotated[dict[str, Any], Body(examples=[{"scanned": ["JL123456785ID"]}])],
) -> dict[str, Any]:
    """The receiving carrier confirms what it scanned: handed over, `missing` and `unexpected`."""
    return manifests.confirm(engine, who, manifest_id, body.get("scanned"))
