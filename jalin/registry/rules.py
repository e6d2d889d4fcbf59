"""Pure registry rules: identifiers, member types, roles and the enforced state machines.

Each state machine is a table of allowed transitions; anything else is refused with the list
of transitions that are allowed from the current state.
"""

from __future__ import annotations

import re
from enum import StrEnum

NIB = re.compile(r"^\d{13}\Z")  # \Z: "$" would also accept a trailing newline


class MemberType(StrEnum):
    COURIER = "courier"
    EXPRESS = "express"
    POST = "post"
    LOGISTICS = "logistics"
    FREIGHT_FORWARDER = "freight_forwarder"


class MemberStatus(StrEnum):
    APPLICANT = "applicant"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    LEFT = "left"


class Role(StrEnum):
    ADMIN = "admin"  # the DPP: everything
    OFFICER = "officer"  # a DPW or DPD officer: their region only
    MEMBER = "member"  # one company: its own data
    PUBLIC = "public"  # no key: the public directory and quotes


class BoardLevel(StrEnum):
    DPP = "DPP"
    DPW = "DPW"
    DPD = "DPD"


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    RECOMMENDED = "recommended"  # by the DPW of the applicant's province
    REJECTED = "rejected"
    APPROVED = "approved"  # by the DPP: the member is active and has a key


class ApplicationAction(StrEnum):
    """What a board does with an application."""

    RECOMMEND = "recommend"  # the DPW of the province
    APPROVE = "approve"  # the DPP
    REJECT = "reject"  # either, with a reason


APPLICATION_TRANSITIONS: dict[ApplicationStatus, dict[ApplicationAction, ApplicationStatus]] = {
    ApplicationStatus.SUBMITTED: {
        ApplicationAction.RECOMMEND: ApplicationStatus.RECOMMENDED,
        ApplicationAction.REJECT: ApplicationStatus.REJECTED,
    },
    ApplicationStatus.RECOMMENDED: {
        ApplicationAction.APPROVE: ApplicationStatus.APPROVED,
        ApplicationAction.REJECT: ApplicationStatus.REJECTED,
    },
    ApplicationStatus.REJECTED: {},
    ApplicationStatus.APPROVED: {},
}


class AgreementKind(StrEnum):
    INTERLINE_HANDOVER = "interline_handover"
    SHARED_PICKUP_POINTS = "shared_pickup_points"
    CO_LOADING = "co_loading"
    DATA_SHARING = "data_sharing"


class AgreementStage(StrEnum):
    EXPLORING = "exploring"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"


AGREEMENT_TRANSITIONS: dict[AgreementStage, set[AgreementStage]] = {
    AgreementStage.EXPLORING: {AgreementStage.NEGOTIATING, AgreementStage.ENDED},
    AgreementStage.NEGOTIATING: {AgreementStage.SIGNED, AgreementStage.EXPLORING, AgreementStage.ENDED},
    AgreementStage.SIGNED: {AgreementStage.ACTIVE, AgreementStage.ENDED},
    AgreementStage.ACTIVE: {AgreementStage.SUSPENDED, AgreementStage.ENDED},
    AgreementStage.SUSPENDED: {AgreementStage.ACTIVE, AgreementStage.ENDED},
    AgreementStage.ENDED: set(),
}


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


def email_problem(email: str) -> str | None:
    """Why a contact e-mail address is invalid, or None (syntax only: no DNS look-up)."""
    from email_validator import EmailNotValidError, validate_email  # not on every CLI start

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        return f"contact_email '{email}' is not a valid e-mail address ({exc}); e.g. budi@kilat.co.id"
    return None


def nib_problem(nib: str) -> str | None:
    """Why a NIB (Nomor Induk Berusaha) is invalid, or None: it is exactly 13 digits."""
    if not NIB.match(nib):
        return f"NIB '{nib}' must be exactly 13 digits (Nomor Induk Berusaha from OSS), e.g. 9120001234567"
    return None
