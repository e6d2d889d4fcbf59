"""Rows of meetings, their participants and follow-up actions. Callers own the transaction;
a list is three queries whatever its length."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, func, select

from jalin.registry.records import Action, Board, Meeting
from jalin.registry.rules import ActionStatus, BoardLevel
from jalin.storage.db import insert_id
from jalin.storage.tables import actions, boards, meeting_members, meetings

_MEETING_COLUMNS = [c.name for c in meetings.c]
_ACTION_COLUMNS = [c.name for c in actions.c]


def _action(r: Any) -> Action:
    return Action(**{**{k: getattr(r, k) for k in _ACTION_COLUMNS}, "status": ActionStatus(r.status)})


#: A meeting and the (regency, province) of its host board (for the access rules).
HostedMeeting = tuple[Meeting, tuple[str | None, str | None]]


def _meetings(conn: Connection, rows: Sequence[Any]) -> list[HostedMeeting]:
    """Meeting rows (joined with their host board's region) with members and actions: two queries."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    members_of: dict[int, list[int]] = defaultdict(list)
    for mid, member in conn.execute(
        select(meeting_members.c.meeting_id, meeting_members.c.member_id)
        .where(meeting_members.c.meeting_id.in_(ids))
        .order_by(meeting_members.c.member_id)
    ):
        members_of[mid].append(member)
    actions_of: dict[int, list[Action]] = defaultdict(list)
    for r in conn.execute(select(actions).where(actions.c.meeting_id.in_(ids)).order_by(actions.c.id)):
        actions_of[r.meeting_id].append(_action(r))
    out = []
    for r in rows:
        host = Board(r.host_board_id, BoardLevel(r.host_level), r.host_region_code, "")
        meeting = Meeting(
            **{k: getattr(r, k) for k in _MEETING_COLUMNS}, members=members_of[r.id], actions=actions_of[r.id]
        )
        out.append((meeting, host.region))
    return out


def _meetings_query() -> Select[Any]:
    """Meetings with their host board's level and region."""
    return select(
        meetings, boards.c.level.label("host_level"), boards.c.region_code.label("host_region_code")
    ).join(boards, boards.c.id == meetings.c.host_board_id)


def get_meeting(conn: Connection, meeting_id: int) -> HostedMeeting | None:
    found = _meetings(conn, conn.execute(_meetings_query().where(meetings.c.id == meeting_id)).all())
    return found[0] if found else None


def list_meetings(conn: Connection) -> list[HostedMeeting]:
    """Every meeting by date, complete: three queries whatever the count."""
    return _meetings(conn, conn.execute(_meetings_query().order_by(meetings.c.held_on, meetings.c.id)).all())


def meetings_by_id(conn: Connection, *, after_id: int | None) -> list[HostedMeeting]:
    """Meetings by id after `after_id` (for a keyset page), complete: three queries."""
    q = _meetings_query().order_by(meetings.c.id)
    if after_id is not None:
        q = q.where(meetings.c.id > after_id)
    return _meetings(conn, conn.execute(q).all())


def insert_meeting(conn: Connection, values: dict[str, Any], member_ids: Iterable[int]) -> int:
    mid = insert_id(conn, meetings.insert().values(**values))
    rows = [{"meeting_id": mid, "member_id": m} for m in member_ids]
    if rows:
        conn.execute(meeting_members.insert(), rows)
    return mid


def insert_action(conn: Connection, values: dict[str, Any]) -> int:
    return insert_id(conn, actions.insert().values(**values))


def get_action(conn: Connection, action_id: int) -> Action | None:
    r = conn.execute(select(actions).where(actions.c.id == action_id)).first()
    return _action(r) if r else None


def set_action_status(conn: Connection, action_id: int, status: str) -> None:
    conn.execute(actions.update().where(actions.c.id == action_id).values(status=status))


def overdue_actions(
    conn: Connection, today: date
) -> list[tuple[Action, dict[str, Any], tuple[str | None, str | None]]]:
    """(action, its meeting's place, held_on and host_board_id, the host's region) of open actions
    due before `today`, oldest due first: one query."""
    q = (
        select(
            actions,
            meetings.c.place,
            meetings.c.held_on,
            meetings.c.host_board_id,
            boards.c.level.label("host_level"),
            boards.c.region_code.label("host_region_code"),
        )
        .join(meetings, meetings.c.id == actions.c.meeting_id)
        .join(boards, boards.c.id == meetings.c.host_board_id)
        .where(and_(actions.c.status == ActionStatus.OPEN.value, actions.c.due_on < today))
        .order_by(actions.c.due_on, actions.c.id)
    )
    out = []
    for r in conn.execute(q):
        host = Board(r.host_board_id, BoardLevel(r.host_level), r.host_region_code, "")
        meeting = {"place": r.place, "held_on": r.held_on, "host_board_id": r.host_board_id}
        out.append((_action(r), meeting, host.region))
    return out


def has_meetings(conn: Connection) -> bool:
    return bool(conn.scalar(select(func.count()).select_from(meetings)))
