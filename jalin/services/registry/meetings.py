"""Meetings hosted by a DPW or DPD, their participants and their follow-up actions."""

from __future__ import annotations

from datetime import date
from itertools import islice
from typing import Any

from jalin.errors import CommonErrorCode, JalinError, choice
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.records import Action, Meeting
from jalin.registry.rules import ActionStatus, BoardLevel, Role
from jalin.registry.visibility import sees_meeting
from jalin.services.paging import DEFAULT_LIMIT, check_limit, decode_cursor, page
from jalin.services.registry.common import audit, not_found, now, require, require_members
from jalin.storage import meetings as store
from jalin.storage import registry as boards
from jalin.storage.uow import UnitOfWork


def create_meeting(
    uow: UnitOfWork,
    who: Principal,
    *,
    held_on: date,
    place: str,
    host: str,
    member_ids: list[int],
    partners: str,
    topics: str,
    outcomes: str,
) -> Meeting:
    require(who, Role.ADMIN, Role.OFFICER)
    board = boards.board_by_code(uow.conn, host)
    if board is None or board.level is BoardLevel.DPP:
        raise JalinError(
            RegistryErrorCode.UNKNOWN_REGION,
            f"host '{host}' must be the code of a DPW (province) or DPD (regency) that exists",
            field="host",
        )
    if not who.sees_region(*board.region):
        raise JalinError(CommonErrorCode.FORBIDDEN, "officers record meetings hosted in their own region")
    found = require_members(uow, member_ids)
    values = {
        "held_on": held_on,
        "place": place,
        "host_board_id": board.id,
        "topics": topics,
        "outcomes": outcomes,
        "partners": partners,
        "created_at": now(),
    }
    mid = store.insert_meeting(uow.conn, values, sorted(found))
    audit(uow, who, "meeting.create", "meeting", mid, None, {**values, "members": sorted(found)})
    return get_meeting(uow, who, mid)


def get_meeting(uow: UnitOfWork, who: Principal, meeting_id: int) -> Meeting:
    found = store.get_meeting(uow.conn, meeting_id)
    if found is None or not sees_meeting(who, *found):
        raise not_found("meeting", meeting_id)
    return found[0]


def list_meetings(uow: UnitOfWork, who: Principal) -> list[Meeting]:
    """Meetings the caller may see, by date: a fixed number of queries whatever the count."""
    require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    return [m for m, host in store.list_meetings(uow.conn) if sees_meeting(who, m, host)]


def meetings_page(
    uow: UnitOfWork, who: Principal, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """The meetings the caller may see a page at a time, by id (the order they were recorded)."""
    require(who, Role.ADMIN, Role.OFFICER, Role.MEMBER)
    check_limit(limit)
    after = decode_cursor(cursor, "meeting")
    # As agreements: visibility is a rule over the host board, so read the rows after the cursor
    # (three statements whatever their number) and keep the first visible ones.
    seen = (m for m, host in store.meetings_by_id(uow.conn, after_id=after) if sees_meeting(who, m, host))
    return page(list(islice(seen, limit + 1)), limit, "meeting", lambda m: m.id)


def add_action(
    uow: UnitOfWork, who: Principal, meeting_id: int, *, description: str, owner: str, due_on: date
) -> Action:
    require(who, Role.ADMIN, Role.OFFICER)
    get_meeting(uow, who, meeting_id)
    values = {
        "meeting_id": meeting_id,
        "description": description,
        "owner": owner,
        "due_on": due_on,
        "status": ActionStatus.OPEN.value,
    }
    aid = store.insert_action(uow.conn, values)
    audit(uow, who, "action.create", "action", aid, None, values)
    return Action(aid, meeting_id, description, owner, due_on, ActionStatus.OPEN)


def set_action_status(uow: UnitOfWork, who: Principal, action_id: int, status: ActionStatus | str) -> Action:
    require(who, Role.ADMIN, Role.OFFICER)
    status = choice(ActionStatus, status, CommonErrorCode.INVALID_REQUEST, "status")
    a = store.get_action(uow.conn, action_id)
    if a is None:
        raise not_found("action", action_id)
    found = store.get_meeting(uow.conn, a.meeting_id)
    if found is None or not sees_meeting(who, *found):
        raise not_found("action", action_id)
    store.set_action_status(uow.conn, action_id, status)
    audit(uow, who, "action.status", "action", action_id, {"status": a.status}, {"status": status})
    changed = store.get_action(uow.conn, action_id)
    assert changed is not None
    return changed
