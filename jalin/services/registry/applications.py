"""Membership applications: submitted by a company, recommended (or rejected) by the DPW of its
province, approved (or rejected) by the DPP. Approval creates the member and its first key."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

from sqlalchemy.exc import IntegrityError

from jalin.errors import CommonErrorCode, JalinError
from jalin.geo.atlas import Atlas
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.records import Application, ApplicationDetail
from jalin.registry.rules import (
    APPLICATION_TRANSITIONS,
    ApplicationAction,
    ApplicationStatus,
    BoardLevel,
    MemberStatus,
    Role,
)
from jalin.registry.visibility import Scope, scope_of, sees_application
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, page
from jalin.services.registry.common import audit, not_found, now, require
from jalin.services.registry.keys import IssuedKey, issue_key
from jalin.services.registry.members import check_member_fields, check_unique, insert_member
from jalin.storage import audit as audit_log
from jalin.storage import registry as store
from jalin.storage.uow import UnitOfWork

_FIELDS = (
    "legal_name",
    "brand",
    "nib",
    "type",
    "carrier_id",
    "regency_code",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def board_name(uow: UnitOfWork, province_code: str) -> str:
    """The name of the DPW that reviews applications from a province (e.g. DPW Sulawesi Tenggara)."""
    board = store.board_by_code(uow.conn, province_code)
    return board.name if board else f"DPW {province_code}"


def _check_no_open_application(uow: UnitOfWork, nib: str, carrier_id: str | None) -> None:
    """A company has at most one open (submitted or recommended) application: a second one with
    the same NIB or carrier_id is a 409 naming the first and the board it awaits."""
    open_ = (ApplicationStatus.SUBMITTED, ApplicationStatus.RECOMMENDED)
    for a in store.list_applications(uow.conn, Scope(everything=True)):
        if a.status not in open_:
            continue
        for field, value, code in (
            ("nib", nib, RegistryErrorCode.DUPLICATE_NIB),
            ("carrier_id", carrier_id, RegistryErrorCode.DUPLICATE_CARRIER_ID),
        ):
            if value is not None and getattr(a, field) == value:
                raise JalinError(
                    code,
                    f"{field} {value} already has an open application (number {a.id}) awaiting "
                    f"{board_name(uow, a.province_code)}; wait for its decision instead of applying again",
                    field=field,
                )


def submit_application(uow: UnitOfWork, who: Principal, atlas: Atlas, data: dict[str, Any]) -> Application:
    """A company applies to join (anyone may); checked like a member, stored as `submitted`."""
    regency, province = check_member_fields(atlas, data, applying=True)
    check_unique(uow, data["nib"], data.get("carrier_id"))
    _check_no_open_application(uow, data["nib"], data.get("carrier_id"))
    values = {k: data.get(k) for k in _FIELDS}
    values.update(
        regency_code=regency,
        province_code=province,
        status=ApplicationStatus.SUBMITTED.value,
        created_at=now(),
    )
    try:
        with uow.conn.begin_nested():
            aid = store.insert_application(uow.conn, values)
    except IntegrityError:
        # A concurrent submit of the same company got in between the check and the insert (the
        # partial unique indexes over open applications): answer as the check would.
        _check_no_open_application(uow, data["nib"], data.get("carrier_id"))
        raise
    audit(uow, who, "application.submit", "application", aid, None, values)
    stored = store.get_application(uow.conn, aid)
    assert stored is not None
    return stored


def list_applications(uow: UnitOfWork, who: Principal) -> list[Application]:
    require(who, Role.ADMIN, Role.OFFICER)
    return store.list_applications(uow.conn, scope_of(who))


def applications_page(
    uow: UnitOfWork, who: Principal, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """`list_applications` a page at a time, by id."""
    require(who, Role.ADMIN, Role.OFFICER)
    check_limit(limit)
    after = decode_cursor(cursor, "application")
    rows = store.list_applications(uow.conn, scope_of(who), after_id=after, limit=limit + 1)
    return page(rows, limit, "application", lambda a: a.id)


def get_application(uow: UnitOfWork, who: Principal, app_id: int) -> ApplicationDetail:
    """One application with its full audit trail."""
    require(who, Role.ADMIN, Role.OFFICER)
    a = store.get_application(uow.conn, app_id)
    if a is None or not sees_application(who, a):
        raise not_found("application", app_id)
    fields = {f.name: getattr(a, f.name) for f in dataclass_fields(a)}
    return ApplicationDetail(**fields, history=audit_log.history(uow.conn, "application", app_id))


def decide_application(
    uow: UnitOfWork, who: Principal, atlas: Atlas, app_id: int, action: ApplicationAction | str, reason: str
) -> tuple[Application, IssuedKey | None]:
    """recommend / reject by the DPW of the province (or the DPP); approve / reject by the DPP.

    Approval creates the active member and its first API key (returned once)."""
    a = store.get_application(uow.conn, app_id)
    if a is None or not sees_application(who, a) or who.role not in (Role.ADMIN, Role.OFFICER):
        raise not_found("application", app_id)
    state = ApplicationStatus(a.status)
    allowed = APPLICATION_TRANSITIONS[state]
    if action not in allowed:
        raise JalinError(
            RegistryErrorCode.ILLEGAL_TRANSITION,
            f"application {app_id} is {state}; '{action}' is not allowed from there",
            field="action",
            allowed=sorted(allowed),
        )
    by_dpp = state is ApplicationStatus.RECOMMENDED
    if by_dpp and who.role is not Role.ADMIN:
        raise JalinError(CommonErrorCode.FORBIDDEN, "after the DPW's recommendation only the DPP decides")
    if not by_dpp and who.role is Role.OFFICER and who.board_level is not BoardLevel.DPW:
        raise JalinError(CommonErrorCode.FORBIDDEN, "the DPW officer of the province recommends or rejects")
    if action == ApplicationAction.REJECT and not reason.strip():
        raise JalinError(CommonErrorCode.INVALID_REQUEST, "a rejection needs a reason", field="reason")
    new = allowed[ApplicationAction(action)]
    issued = None
    member_id = None
    if new is ApplicationStatus.APPROVED:
        data = {k: getattr(a, k) for k in _FIELDS}
        member_id = insert_member(uow, who, atlas, {**data, "status": MemberStatus.ACTIVE.value})
        issued = issue_key(uow, who, Role.MEMBER, member_id=member_id, label="first key on approval")
    store.set_application_status(uow.conn, app_id, new.value, member_id)
    audit(
        uow,
        who,
        f"application.{action}",
        "application",
        app_id,
        {"status": state.value},
        {"status": new.value, "reason": reason, "member_id": member_id},
    )
    decided = store.get_application(uow.conn, app_id)
    assert decided is not None
    return decided, issued
