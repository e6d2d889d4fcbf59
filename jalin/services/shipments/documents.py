"""Labels of a shipment as PDF or ZPL, and manifests as PDF or CSV, for those who may see them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from jalin.errors import JalinError
from jalin.geo import Atlas
from jalin.registry.access import Principal
from jalin.services.shipments import manifests
from jalin.services.shipments.access import load_visible
from jalin.services.shipments.views import shipment_view
from jalin.shipments.labels import build_label
from jalin.shipments.model import ShipmentErrorCode
from jalin.shipments.render import label_pdf, label_zpl, manifest_csv, manifest_pdf
from jalin.storage.uow import unit_of_work


@dataclass(frozen=True, slots=True)
class Document:
    content: bytes
    media_type: str
    filename: str


def tracking_url(public_url: str, number: str) -> str:
    """The public tracking address printed as the label's QR code."""
    return f"{public_url.rstrip('/')}/v1/track/{number}"


def _format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise JalinError(
            ShipmentErrorCode.INVALID_FILTER,
            f"format '{value}' tidak dikenal; pilih {', '.join(allowed)}. / Unknown format '{value}'; "
            f"use {', '.join(allowed)}.",
            field="format",
        )
    return value


def label(engine: Engine, who: Principal, atlas: Atlas, number: str, fmt: str, public_url: str) -> Document:
    """The shipment's label: A6 PDF (`pdf`) or ZPL for 203 dpi printers (`zpl`)."""
    fmt = _format(fmt, ("pdf", "zpl"))
    with unit_of_work(engine) as uow:
        _, s, legs, hos = load_visible(uow.conn, who, number)
        view = shipment_view(s, legs, hos)
        villages = (s["origin_village"], s["destination_village"])
    data = build_label(atlas, view, villages, tracking_url(public_url, view["number"]))
    if fmt == "zpl":
        return Document(label_zpl(data).encode(), "application/zpl", f"{view['number']}.zpl")
    return Document(label_pdf(data), "application/pdf", f"{view['number']}.pdf")


def manifest_document(engine: Engine, who: Principal, atlas: Atlas, manifest_id: str, fmt: str) -> Document:
    """A manifest as A4 PDF (to print and sign) or CSV."""
    fmt = _format(fmt, ("pdf", "csv"))
    m = manifests.show(engine, who, manifest_id)
    if fmt == "csv":
        return Document(manifest_csv(m).encode(), "text/csv; charset=utf-8", f"{manifest_id}.csv")
    return Document(
        manifest_pdf(m, manifests.facility_place(atlas, m)), "application/pdf", f"{manifest_id}.pdf"
    )
