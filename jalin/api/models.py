"""Response shapes that are not a domain record as such: composed answers and reports.

Generated from the same enums as the records (no copied `Literal`s): a report row has one
count per stage or status because `AgreementStage` and `MemberStatus` say so. The registry's
routes answer with its typed records (`jalin.registry.records`) directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from jalin.geo.zones import Zone
from jalin.registry.records import (
    Agreement,
    ApiKey,
    Application,
    AuditEntry,
    Board,
    DirectoryEntry,
    Meeting,
    Member,
    OverdueAction,
)
from jalin.registry.rules import AgreementStage, MemberStatus, Role
from jalin.routing import NoRoute
from jalin.services.publishing import PublishStatus

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list in its documented order (DESIGN.md: every list answers this).

    Pass `next_cursor` back as `cursor` for the next page; it is null on the last page.
    Pages are keyset pages: items added or removed between two requests never make an item
    of the list repeat or go missing."""

    items: list[T]
    next_cursor: str | None = Field(
        description="Opaque; pass it as `cursor` for the next page. Null: this is the last page."
    )


@dataclass(frozen=True, slots=True)
class ShownKey:
    """A key's full value, in this answer only."""

    prefix: str
    key: str


@dataclass(frozen=True, slots=True)
class CreatedKey:
    id: int
    prefix: str
    role: Role
    key: str  # `prefix.secret`, shown once


@dataclass(frozen=True, slots=True)
class ApplicationDecision(Application):
    """The decided application; on approval with the new member's first key (shown once)."""

    api_key: ShownKey | None


PipelineRow: type[BaseModel] = create_model(
    "PipelineRow",
    __doc__="Agreements of one DPW (province; null: carried by no DPW) per stage.",
    province_code=(str | None, ...),
    **{s.value: (int, 0) for s in AgreementStage},  # type: ignore[call-overload]
)

MembersPerProvinceRow: type[BaseModel] = create_model(
    "MembersPerProvinceRow",
    __doc__="Members of one province per status.",
    province_code=(str, ...),
    province=(str, ...),
    **{s.value: (int, 0) for s in MemberStatus},  # type: ignore[call-overload]
)


# -- pages of the registry's lists (each a named schema in the OpenAPI) -----------------------
class DirectoryPage(Page[DirectoryEntry]):
    """Active members by brand, then id."""


class BoardPage(Page[Board]):
    """Boards by id: the DPP, the DPWs, then the DPDs as they were created."""


class MemberPage(Page[Member]):
    """Members the caller may see, by id."""


class ApplicationPage(Page[Application]):
    """Membership applications the caller may see, by id."""


class AgreementPage(Page[Agreement]):
    """Agreements the caller may see, by id."""


class MeetingPage(Page[Meeting]):
    """Meetings the caller may see, by id."""


class ApiKeyPage(Page[ApiKey]):
    """API keys the caller may see (never a secret), by id."""


class AuditPage(Page[AuditEntry]):
    """Audit entries, newest first (by id, descending)."""


class PipelinePage(Page[PipelineRow]):  # type: ignore[valid-type]
    """Agreement pipeline rows by province code (the row of no DPW first)."""


class OverdueActionPage(Page[OverdueAction]):
    """Overdue follow-up actions, oldest due first, then by id."""


class MembersPerProvincePage(Page[MembersPerProvinceRow]):  # type: ignore[valid-type]
    """Members-per-province rows by province code."""


# -- health, areas, coverage, quotes, feeds ----------------------------------------------------
class Health(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]


class AreaSummary(BaseModel):
    code: str = Field(examples=["74.01.01"])
    name: str
    level: str = Field(description="province, regency, district or village")
    kind: str


class AreaHit(AreaSummary):
    path: str = Field(description="The area and its parents, e.g. 'Wundulako, Kolaka, Sulawesi Tenggara'")


class AreaSearch(BaseModel):
    query: str
    results: list[AreaHit]


class Coordinate(BaseModel):
    lat: float
    lon: float
    approximate: bool
    source: str


class AreaDetail(AreaSummary):
    zone: Zone
    parents: list[AreaSummary]
    children_count: int
    postal_codes: list[str]
    coordinate: Coordinate | None


class ResolvedPlace(BaseModel):
    """A place an address resolved to (more fields may be added)."""

    model_config = ConfigDict(extra="allow")
    code: str
    name: str


class AddressResolution(BaseModel):
    """Free text resolved to a district (and village when named); see docs/geo.md."""

    model_config = ConfigDict(extra="allow")
    query: str
    district: ResolvedPlace | None
    village: ResolvedPlace | None
    postal_code: str | None
    confidence: str
    alternatives: list[ResolvedPlace]
    issues: list[str]


class DistrictRef(BaseModel):
    code: str
    name: str
    zone: Zone


class CarrierCoverage(BaseModel):
    carrier_id: str
    carrier_name: str
    services: list[str]


class DistrictCoverage(BaseModel):
    district: DistrictRef
    pickup: list[CarrierCoverage]
    delivery: list[CarrierCoverage]


class CarrierCounts(BaseModel):
    """Districts reached by no carrier, by one, and by two or more."""

    model_config = ConfigDict(populate_by_name=True)
    none: int = Field(alias="0")
    one: int = Field(alias="1")
    several: int = Field(alias="2+")


class ProvinceCoverage(BaseModel):
    code: str
    name: str
    districts: int
    pickup: CarrierCounts
    delivery: CarrierCounts


class CoverageTotal(BaseModel):
    districts: int
    pickup: CarrierCounts
    delivery: CarrierCounts


class CoverageSummary(BaseModel):
    carriers: int
    total: CoverageTotal
    provinces: list[ProvinceCoverage]


class QuotePlace(BaseModel):
    """How a place in a quote was read."""

    query: str
    code: str
    name: str
    regency: str | None
    province: str
    zone: str
    resolved_by: Literal["district_code", "village_code", "postal_code", "text"]
    confidence: str
    village: str | None


class HandoverSide(BaseModel):
    carrier: str
    facility: str


class RunLegOut(BaseModel):
    type: Literal["run"]
    carrier: str
    carrier_name: str | None
    service: str
    service_name: str | None = Field(default=None, description="The service's name in the carrier's feed")
    run_id: str
    origin: str
    destination: str
    departure: str = Field(description="ISO instant in the local time of the origin")
    arrival: str = Field(description="ISO instant in the local time of the destination")
    chargeable_kg: int
    price: int = Field(description="Rupiah")


class HandoverLegOut(BaseModel):
    type: Literal["handover"]
    from_: HandoverSide = Field(alias="from")
    to: HandoverSide
    area_code: str
    at: str
    fee: int = Field(description="Rupiah")

    model_config = ConfigDict(populate_by_name=True)


class QuoteOption(BaseModel):
    delivered_at: str
    price: int = Field(description="Rupiah, fees included")
    handovers: int
    legs: list[Annotated[RunLegOut | HandoverLegOut, Field(discriminator="type")]]


class NoRouteOut(BaseModel):
    reason: NoRoute
    message: str


class QuoteResolution(BaseModel):
    origin: QuotePlace
    destination: QuotePlace


class QuoteAnswer(BaseModel):
    """Every sensible option, Pareto over (delivered_at, price, handovers); see docs/quotes.md."""

    origin: str
    destination: str
    resolution: QuoteResolution
    ready_at: str
    weight_kg: str
    dims_cm: list[str] | None
    cod: bool
    max_handovers: int
    handover_minutes: int
    handovers_allowed: Literal["open", "agreements"]
    options: list[QuoteOption]
    no_route: NoRouteOut | None


class TariffRow(BaseModel):
    code: str
    name: str
    regency: str
    province: str
    zone: Zone
    earliest_delivery: str | None
    cheapest_price: int | None


class OriginResolution(BaseModel):
    origin: QuotePlace


class TariffBook(BaseModel):
    origin: str
    resolution: OriginResolution
    ready_at: str
    weight_kg: str
    reached: int
    districts: list[TariffRow]


class FeedVersionOut(BaseModel):
    id: int
    carrier_id: str
    carrier_name: str
    feed_version: str
    content_hash: str
    valid_from: date
    valid_until: date
    services: int
    facilities: int
    runs: int
    warnings: int
    published_at: datetime
    active: bool


class FeedVersionPage(Page[FeedVersionOut]):
    """Published feed versions by id (the order they were published)."""


class ValidationSummary(BaseModel):
    errors: int
    warnings: int
    infos: int


class Published(BaseModel):
    status: PublishStatus
    carrier_id: str
    feed_version: str
    content_hash: str
    active: bool
    summary: ValidationSummary
