"""Rows of people: users, their sessions, invitations and failed sign-ins (docs/portal.md).

Callers own the transaction (pass a Connection). Tokens are stored only as SHA-256 hex digests;
this module never sees a token itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.exc import IntegrityError

from jalin.registry.people import Failures, User
from jalin.registry.rules import Role
from jalin.storage.db import insert_id
from jalin.storage.tables import (
    boards,
    members,
    sign_in_failures,
    user_invites,
    user_sessions,
    users,
)


def _user(r: Any) -> User:
    return User(
        r.id,
        r.email,
        r.name,
        Role(r.role),
        r.board_id,
        r.member_id,
        r.created_at,
        r.disabled_at,
        r.password_hash is not None,
        (r.region_code or "DPP") if r.board_id is not None else None,
        r.brand,
    )


def _users_query():
    return select(users, boards.c.region_code, members.c.brand).select_from(
        users.outerjoin(boards, boards.c.id == users.c.board_id).outerjoin(
            members, members.c.id == users.c.member_id
        )
    )


def insert_user(conn: Connection, row: dict[str, Any]) -> int:
    return insert_id(conn, users.insert().values(**row))


def get_user(conn: Connection, user_id: int) -> User | None:
    r = conn.execute(_users_query().where(users.c.id == user_id)).first()
    return _user(r) if r else None


def user_by_email(conn: Connection, email: str) -> User | None:
    r = conn.execute(_users_query().where(users.c.email == email)).first()
    return _user(r) if r else None


def list_users(conn: Connection, *, member_id: int | None = None) -> list[User]:
    q = _users_query().order_by(users.c.id)
    if member_id is not None:
        q = q.where(users.c.member_id == member_id)
    return [_user(r) for r in conn.execute(q)]


def login_row(conn: Connection, email: str) -> dict[str, Any] | None:
    """What signing in needs: the user's hash and state, its board's level and region, its member's status."""
    r = (
        conn.execute(
            select(
                users,
                boards.c.level,
                boards.c.region_code,
                members.c.status.label("member_status"),
            )
            .select_from(
                users.outerjoin(boards, boards.c.id == users.c.board_id).outerjoin(
                    members, members.c.id == users.c.member_id
                )
            )
            .where(users.c.email == email)
        )
        .mappings()
        .first()
    )
    return dict(r) if r else None


def login_row_by_id(conn: Connection, user_id: int) -> dict[str, Any] | None:
    r = conn.execute(select(users.c.email).where(users.c.id == user_id)).first()
    return login_row(conn, r.email) if r else None


def set_password(conn: Connection, user_id: int, password_hash: str, at: datetime) -> None:
    conn.execute(
        update(users).where(users.c.id == user_id).values(password_hash=password_hash, password_changed_at=at)
    )


def set_disabled(conn: Connection, user_id: int, at: datetime | None) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(disabled_at=at))


# -- sessions ------------------------------------------------------------------------------------
def insert_session(conn: Connection, row: dict[str, Any]) -> None:
    conn.execute(user_sessions.insert().values(**row))


def get_session(conn: Connection, session_hash: str) -> dict[str, Any] | None:
    r = conn.execute(select(user_sessions).where(user_sessions.c.id == session_hash)).mappings().first()
    return dict(r) if r else None


def touch_session(conn: Connection, session_hash: str, at: datetime) -> None:
    conn.execute(update(user_sessions).where(user_sessions.c.id == session_hash).values(last_seen_at=at))


def delete_session(conn: Connection, session_hash: str) -> None:
    conn.execute(delete(user_sessions).where(user_sessions.c.id == session_hash))


def delete_sessions_of(conn: Connection, user_id: int, *, keep: str | None = None) -> int:
    """End every session of a user (but `keep`); how many ended."""
    q = delete(user_sessions).where(user_sessions.c.user_id == user_id)
    if keep is not None:
        q = q.where(user_sessions.c.id != keep)
    return conn.execute(q).rowcount or 0


def delete_expired_sessions(conn: Connection, at: datetime) -> int:
    return conn.execute(delete(user_sessions).where(user_sessions.c.expires_at <= at)).rowcount or 0


# -- invitations ---------------------------------------------------------------------------------
def insert_invite(conn: Connection, row: dict[str, Any]) -> int:
    return insert_id(conn, user_invites.insert().values(**row))


def invite_by_hash(conn: Connection, token_hash: str) -> dict[str, Any] | None:
    r = conn.execute(select(user_invites).where(user_invites.c.token_hash == token_hash)).mappings().first()
    return dict(r) if r else None


def use_invite(conn: Connection, invite_id: int, at: datetime) -> bool:
    """Mark the invitation used; False when it already was (a concurrent use won)."""
    done = conn.execute(
        update(user_invites)
        .where(user_invites.c.id == invite_id, user_invites.c.used_at.is_(None))
        .values(used_at=at)
    )
    return (done.rowcount or 0) == 1


def expire_invites_of(conn: Connection, user_id: int, at: datetime) -> None:
    """Older unused links of the user stop working (a new invitation replaces them)."""
    conn.execute(
        update(user_invites)
        .where(user_invites.c.user_id == user_id, user_invites.c.used_at.is_(None))
        .values(expires_at=at)
    )


# -- failed sign-ins -----------------------------------------------------------------------------
def failures_of(conn: Connection, email: str) -> Failures | None:
    """The address's record, its row locked until the transaction ends (PostgreSQL; SQLite's
    unit of work already holds the one write lock), so concurrent guesses are all counted."""
    q = select(sign_in_failures).where(sign_in_failures.c.email == email).with_for_update()
    r = conn.execute(q).first()
    return Failures(r.failures, r.window_started_at, r.locked_until) if r else None


def save_failures(conn: Connection, email: str, state: Failures) -> bool:
    """Store the record; False when a concurrent first failure inserted it meanwhile (read again)."""
    values = {
        "failures": state.failures,
        "window_started_at": state.window_started_at,
        "locked_until": state.locked_until,
    }
    done = conn.execute(update(sign_in_failures).where(sign_in_failures.c.email == email).values(**values))
    if done.rowcount:
        return True
    try:
        with conn.begin_nested():
            conn.execute(sign_in_failures.insert().values(email=email, **values))
    except IntegrityError:
        return False
    return True


def clear_failures(conn: Connection, email: str) -> None:
    conn.execute(delete(sign_in_failures).where(sign_in_failures.c.email == email))
