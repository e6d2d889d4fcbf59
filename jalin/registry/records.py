"""Typed records of the registry, as they cross from storage to services to the adapters.

Field names and types are the API's (members' tools rely on them): the API serialises these
records as its responses and documents them in the OpenAPI, enums included. Dates and instants
stay `date`/`datetime` here; adapters serialise them. What only the access rules need (where an
agreement's parties are registered, which region hosts a meeting) travels beside a record, not
in it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from jalin.registry.rules import (
    ActionStatus,
    AgreementKind,
    AgreementStage,
    ApplicationStatus,
    BoardLevel,
    MemberStatus,
    MemberType,
    Role,
)


def as_dict(record: Any) -> dict[str, Any]:
    """A record (or a list of records) as plain dicts, recursively."""
    return asdict(record)


@dataclass(frozen=True, slots=True)
class Board:
    id: int
    level: BoardLevel
    region_code: str | None  # None for the DPP, a province (DPW) or a regency (DPD)
    name: str
    officers: int = 0

    @property
    def region(self) -> tuple[str | None, str | None]:
        """(regency, province) the board speaks for; (None, None) for the DPP."""
        code = self.region_code
        if code is None:
            return None, None
        return (code, code[:2]) if len(code) > 2 else (None, code)


@dataclass(frozen=True, slots=True)
class Officer:
    id: int
    board_id: int
    name: str
    position: str
    email: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    member_id: int
    name: str
    region_code: str


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    legal_name: str
    brand: str
    nib: str
    type: MemberType
    carrier_id: str | None
    regency_code: str
    province_code: str
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    status: MemberStatus
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MemberDetail(Member):
    """One member as read on its own: with its regional units."""

    units: list[Unit]


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """A member as the public sees it: no contacts."""

    id: int
    brand: str
    type: MemberType
    carrier_id: str | None
    province_code: str
    regency_code: str
    status: MemberStatus


@dataclass(frozen=True, slots=True)
class Application:
    id: int
    legal_name: str
    brand: str
    nib: str
    type: MemberType
    carrier_id: str | None
    regency_code: str
    province_code: str
    contact_name: str
    contact_email: str | None
    contact_phone: str | None
    status: ApplicationStatus
    member_id: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One write as the audit log keeps it; `before`/`after` are the JSON values stored."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ApplicationDetail(Application):
    """One application as read on its own: with its audit trail, oldest first."""

    history: list[AuditEntry]


@dataclass(frozen=True, slots=True)
class Party:
    """A party to an agreement and where it is registered (for the access rules)."""

    member_id: int
    regency_code: str
    province_code: str


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    filename: str
    sha256: str
    size: int
    uploaded_at: datetime


@dataclass(frozen=True, slots=True)
class Agreement:
    id: int
    title: str
    kind: AgreementKind
    stage: AgreementStage
    province_code: str | None  # the DPW that carries it
    fee_per_parcel: int
    fee_payer_member_id: int | None
    valid_from: date | None
    valid_until: date | None
    created_at: datetime
    parties: list[int] = field(default_factory=list)  # member ids, ascending
    districts: list[str] = field(default_factory=list)  # handover districts; empty: anywhere
    documents: list[Document] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Action:
    id: int
    meeting_id: int
    description: str
    owner: str
    due_on: date
    status: ActionStatus


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    held_on: date
    place: str
    host_board_id: int
    topics: str
    outcomes: str
    partners: str
    created_at: datetime
    members: list[int] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key as listed: never its secret."""

    id: int
    prefix: str
    role: Role
    board_id: int | None
    member_id: int | None
    label: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class OverdueAction(Action):
    """An open follow-up past its due date, with its meeting's place and date."""

    place: str
    held_on: date
    host_board_id: int
    days_overdue: int


@dataclass(frozen=True, slots=True)
class StoredDocument(Document):
    """A document as stored on upload (its bytes are fetched separately)."""

    agreement_id: int
