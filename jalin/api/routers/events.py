"""Tracking events (tracking-v1): ingest a carrier's batch, read a shipment's timeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path
from pydantic import BaseModel, ConfigDict, Field

from jalin.api.types import DEFAULT_PAGE, Cursor, Limit
from jalin.http.auth import AdminOrMember
from jalin.http.deps import AtlasDep, EngineDep, SettingsDep, StateDep
from jalin.services.tracking import epcis, ingest, quality, reading, sandbox
from jalin.tracking import MAX_BATCH, EventCode, Outcome, Status

router = APIRouter(tags=["tracking"])

Number = Annotated[str, Path(min_length=1, max_length=40, description="Master number, e.g. JL123456785ID")]

EXAMPLE = {
    "events": [
        {
            "event_id": "JNE-99812731",
            "number": "JL123456785ID",
            "code": "OP-21",
            "occurred_at": "2026-12-02T14:05:00+08:00",
            "location": "74.71.01",
            "description": "Paket tiba di hub Kendari",
            "reason": None,
            "received_by": None,
            "cod_collected": None,
        }
    ]
}


class EventResult(BaseModel):
    """One posted event's fate, in the order posted."""

    event_id: str | None
    result: Outcome
    code: EventCode | None = Field(description="why it was rejected (or `unmapped_code` when accepted)")
    message: str | None


class IngestAnswer(BaseModel):
    results: list[EventResult]
    accepted: int
    duplicates: int
    rejected: int


class TimelineEvent(BaseModel):
    event_id: str | None = Field(description="the carrier's id; null for Jalin's own (manifest) events")
    carrier: str | None
    code: str | None
    status: Status | None = Field(description="null when the carrier's code has no mapping")
    occurred_at: str = Field(description="with the offset of the place")
    zone: str
    received_at: str
    location: str | None
    district: str | None
    description: str | None
    reason: str | None
    received_by: str | None
    cod_collected: int | None


class LegCustody(BaseModel):
    seq: int
    carrier: str
    status: str
    took_at: str | None
    gave_at: str | None


class Timeline(BaseModel):
    number: str
    status: Status
    eta: str
    late: bool
    custody: list[LegCustody]
    events: list[TimelineEvent]


class IngestBody(BaseModel):
    """`{"events": [...]}`; each event is checked on its own (a bad one is a `rejected` result)."""

    events: list[Any] = Field(
        description=f"at most {MAX_BATCH}: event_id, number (master number or carrier_ref), occurred_at "
        "with offset, code or status, location (district code or facility id), description, reason, "
        "received_by, cod_collected; admins also name carrier.",
        json_schema_extra={"maxItems": MAX_BATCH},
    )


@router.post("/v1/events", response_model=IngestAnswer)
def post_events(
    who: AdminOrMember,
    engine: EngineDep,
    state: StateDep,
    atlas: AtlasDep,
    body: Annotated[IngestBody, Body(examples=[EXAMPLE])],
) -> dict[str, Any]:
    """Ingest a batch: one result per event (accepted, duplicate, rejected with a stable code).

    Accepted events are committed before this answers, even when others were rejected.
    """
    return ingest.ingest(engine, state, atlas, who, {"events": body.events}).body


@router.get("/v1/shipments/{number}/events", response_model=Timeline)
def shipment_events(number: Number, who: AdminOrMember, engine: EngineDep) -> dict[str, Any]:
    """The full timeline (ordered by occurred_at) with custody per leg, for the shipment's parties."""
    return reading.timeline(engine, who, number)


class EpcisDocument(BaseModel):
    """A GS1 EPCIS 2.0 document (JSON-LD); its events follow the EPCIS 2.0 JSON Schema."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    context: list[str] = Field(alias="@context")
    type: str
    schemaVersion: str
    creationDate: str
    epcisBody: dict[str, Any]


@router.get(
    "/v1/shipments/{number}/epcis",
    response_model=EpcisDocument,
    response_model_by_alias=True,
)
def shipment_epcis(number: Number, who: AdminOrMember, engine: EngineDep, settings: SettingsDep) -> Any:
    """The timeline as an EPCISDocument: one ObjectEvent per event with a status, CBV 2.0
    bizStep and disposition, handovers as possessing_party in sourceList/destinationList."""
    return epcis.export(engine, who, number, settings.public_url)


class UnmappedCode(BaseModel):
    code: str
    events: int


class CarrierQuality(BaseModel):
    carrier: str
    events: int
    unmapped: int = Field(description="events kept without a status: their code has no mapping")
    unmapped_share: float = Field(description="unmapped / events, 0 to 1")
    unmapped_codes: int
    top_unmapped: list[UnmappedCode]
    codes_in_feed: int = Field(description="codes the carrier's live feed maps (status_codes.csv)")
    last_received_at: str | None


class TrackingQuality(BaseModel):
    items: list[CarrierQuality]
    next_cursor: str | None


@router.get("/v1/reports/tracking-quality", response_model=TrackingQuality)
def tracking_quality(
    who: AdminOrMember, engine: EngineDep, state: StateDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Per carrier: events, unmapped codes and their share, the codes to add to status_codes.csv.

    A member sees its own carrier; the admin every carrier. By carrier id, a page at a time."""
    return quality.report(engine, state, who, cursor=cursor, limit=limit)


class SimulateAnswer(IngestAnswer):
    number: str
    status: Status


@router.post("/v1/shipments/{number}/simulate", response_model=SimulateAnswer)
def simulate(
    number: Number, who: AdminOrMember, engine: EngineDep, state: StateDep, atlas: AtlasDep
) -> dict[str, Any]:
    """Sandbox: walk a test shipment through its legs, handovers and delivery via the real ingest
    (every webhook fires); 409 `not_a_test_shipment` for a real one. Walking again changes nothing."""
    return sandbox.simulate(engine, state, atlas, who, number)
