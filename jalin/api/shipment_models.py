"""Response models of the shipment, manifest and public tracking routes (shipments-v1).

They document the JSON that `jalin.services.shipments.views` and `.manifests` build, so the
OpenAPI shows every field and a client can be generated from it. A field added to a view must
be added here too: FastAPI drops what a response model does not list. Instants are ISO strings
with the offset of the place; money is integer rupiah.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from jalin.api.models import RunLegOut
from jalin.shipments.model import HandoverStatus, LegStatus, ShipmentStatus


class Party(BaseModel):
    """Shipper or recipient as booked (phones stored as E.164)."""

    name: str
    phone: str
    address: str


class DistrictEnd(BaseModel):
    """A leg that starts or ends at the door: the district code."""

    district: str


class FacilityEnd(BaseModel):
    """A leg that starts or ends at a facility of its carrier (a handover point)."""

    facility: str


LegEnd = DistrictEnd | FacilityEnd


class LegOut(BaseModel):
    """A maximal run of one carrier's consecutive runs, with that carrier's share of the price."""

    seq: int = Field(description="1 for the first carrier")
    carrier: str
    carrier_ref: str | None = Field(description="The carrier's own waybill number, once it sets it")
    status: LegStatus
    from_: LegEnd = Field(alias="from")
    to: LegEnd
    price: int = Field(description="Rupiah: the sum of its runs' prices")
    planned_departure: str
    planned_arrival: str
    runs: list[RunLegOut] = Field(description="The runs exactly as the quote answered them")

    model_config = ConfigDict(populate_by_name=True)


class HandoverOut(BaseModel):
    """The point where one carrier hands the parcel to the next, listed on a manifest."""

    seq: int
    from_carrier: str
    from_facility: str
    to_carrier: str
    to_facility: str
    district: str
    planned_at: str
    fee: int = Field(description="Rupiah, as quoted")
    status: HandoverStatus
    manifest: str = Field(description="The manifest id (GET /v1/manifests/{id})")
    completed_at: str | None


class ShipmentOut(BaseModel):
    """A booked shipment: the 201 answer of POST /v1/shipments and GET /v1/shipments/{number}."""

    number: str = Field(description="Master number, S10 check digit, e.g. JL482913057ID")
    status: ShipmentStatus
    test: bool = Field(description="A sandbox shipment: never settled, never on public pages")
    booked_by: str | None = Field(description="The booking member, e.g. M0012")
    created_at: str
    from_: str = Field(alias="from", description="Origin district code")
    to: str = Field(description="Destination district code")
    ready_at: str
    weight_kg: str
    dims_cm: list[str] | None
    cod_amount: int = Field(description="Rupiah; 0 when not COD")
    declared_value: int
    contents: str | None
    price: int = Field(description="Rupiah, fees included, as the option quoted")
    planned_delivery: str
    eta: str
    late: bool
    reference: str | None
    shipper: Party
    recipient: Party
    legs: list[LegOut]
    handovers: list[HandoverOut]
    cancelled_at: str | None
    label_url: str

    model_config = ConfigDict(populate_by_name=True)


class ShipmentPage(BaseModel):
    """One page of the caller's shipments, newest first; pass `next_cursor` back as `cursor`."""

    items: list[ShipmentOut]
    next_cursor: str | None


class PlaceNames(BaseModel):
    """District, regency and province names: never a street or a village."""

    district: str | None
    regency: str | None
    province: str | None


class TrackMoment(BaseModel):
    status: ShipmentStatus | None
    at: str = Field(description="Local time with its offset")
    zone: str = Field(description="WIB, WITA or WIT")
    place: str | None = Field(description="District name")
    carrier: str | None = Field(description="Carrier brand")


class TrackOut(BaseModel):
    """The public view of a shipment: no names, phones or street addresses."""

    number: str
    status: ShipmentStatus
    from_: PlaceNames = Field(alias="from")
    to: PlaceNames
    planned_delivery: str
    eta: str
    late: bool
    timeline: list[TrackMoment]

    model_config = ConfigDict(populate_by_name=True)


class ManifestLineOut(BaseModel):
    number: str
    weight_kg: str
    dims_cm: list[str] | None
    cod_amount: int
    planned_at: str
    status: HandoverStatus
    from_facility: str
    test: bool


class ManifestTotals(BaseModel):
    """Over the lines not cancelled (`cancelled` counts the others)."""

    shipments: int
    weight_kg: str
    cod_amount: int
    handed_over: int
    cancelled: int


class ManifestOut(BaseModel):
    """What one carrier hands to another at one facility on one local date."""

    id: str
    facility: str
    district: str
    date: str = Field(description="Local date YYYY-MM-DD")
    from_carrier: str
    to_carrier: str
    status: str = Field(description="open, partial or confirmed")
    confirmed_at: str | None
    lines: list[ManifestLineOut]
    totals: ManifestTotals


class ManifestSummary(BaseModel):
    """A manifest in a list: `lines` is how many shipments it holds."""

    id: str
    facility: str
    district: str
    date: str
    from_carrier: str
    to_carrier: str
    confirmed_at: str | None
    lines: int


class ManifestPage(BaseModel):
    items: list[ManifestSummary]
    next_cursor: str | None


class ManifestConfirmation(ManifestOut):
    """The manifest after a confirmation, with what the scans did."""

    handed_over: list[str] = Field(description="Scanned numbers whose handover is complete")
    missing: list[str] = Field(description="On the manifest, not scanned")
    unexpected: list[str] = Field(description="Scanned, not on the manifest")
