"""Response shapes that are not a domain record as such: composed answers and reports.

Generated from the same enums as the records (no copied `Literal`s): a report row has one
count per stage or status because `AgreementStage` and `MemberStatus` say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, create_model

from jalin.registry.records import Application
from jalin.registry.rules import AgreementStage, MemberStatus, Role


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

#: The report answers, for `response_model=` (a list of a generated model).
PipelineRows = list[PipelineRow]  # type: ignore[valid-type]
MembersPerProvinceRows = list[MembersPerProvinceRow]  # type: ignore[valid-type]
