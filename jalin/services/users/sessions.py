"""Server-side sessions: start one for a visitor, sign in (a new session, never the old one
reused), resolve a cookie to a `Visitor` with its `Principal`, sign out.

Invariants:
- the cookie holds a random token (256 bits); the table holds only its SHA-256, so a copy of
  the table opens no session;
- signing in deletes the session the visitor came with and starts a new one with a new token
  and a new CSRF token (no session fixation);
- a session ends `IDLE_TIMEOUT` after its last request and `ABSOLUTE_TIMEOUT` after sign-in; a
  disabled user, a user whose password changed elsewhere, or member staff whose member is no
  longer active resolve to nobody;
- failed sign-ins are counted per address as typed, whether or not such a user exists, and the
  answer is the same sentence either way (no user enumeration); `MAX_FAILURES` within
  `FAILURE_WINDOW` lock the address for `LOCKOUT`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from jalin.errors import JalinError
from jalin.registry.access import PUBLIC, Principal
from jalin.registry.people import (
    ABSOLUTE_TIMEOUT,
    IDLE_TIMEOUT,
    VISITOR_TIMEOUT,
    UserErrorCode,
    after_failure,
    is_locked,
)
from jalin.registry.rules import BoardLevel, MemberStatus, Role
from jalin.services.registry.common import now
from jalin.services.users.passwords import hash_password, needs_rehash, verify_password
from jalin.storage import users as store
from jalin.storage.uow import UnitOfWork

#: The session cookie's name.
COOKIE = "jalin_session"
#: A session's last-seen time is written at most this often (seconds), not on every request.
_TOUCH_EVERY = 60


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Visitor:
    """Who is at the browser: the principal the services see, plus what the pages need."""

    principal: Principal
    session_hash: str
    csrf: str
    user_id: int | None = None
    email: str | None = None
    name: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


@dataclass(frozen=True, slots=True)
class NewSession:
    """A session just started: the token goes into the cookie (and nowhere else)."""

    token: str
    csrf: str
    user_id: int | None


def _new(uow: UnitOfWork, user_id: int | None, at: datetime) -> NewSession:
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    lifetime = ABSOLUTE_TIMEOUT if user_id is not None else VISITOR_TIMEOUT
    store.insert_session(
        uow.conn,
        {
            "id": token_hash(token),
            "user_id": user_id,
            "csrf_token": csrf,
            "created_at": at,
            "last_seen_at": at,
            "expires_at": at + lifetime,
        },
    )
    return NewSession(token, csrf, user_id)


def start_visitor(uow: UnitOfWork) -> NewSession:
    """A session for someone who has not signed in (so the sign-in form has a CSRF token).
    Expired sessions are swept here, the one place new rows come from anonymous requests."""
    at = now()
    store.delete_expired_sessions(uow.conn, at)
    return _new(uow, None, at)


def _refuse() -> JalinError:
    return JalinError(
        UserErrorCode.INVALID_CREDENTIALS,
        "The e-mail address or the password is wrong (or the account is not active).",
    )


@dataclass(frozen=True, slots=True)
class SignIn:
    """What a sign-in attempt gave: a new session, or the refusal to show. A refusal is returned,
    not raised, so the unit of work still commits the failure it counted."""

    session: NewSession | None
    refusal: JalinError | None = None


def sign_in(uow: UnitOfWork, old_token: str | None, email: str, password: str) -> SignIn:
    """Check the password and start a new session (the old one, if any, is deleted).

    Refuses with `too_many_attempts` while the address is locked (even for the right password)
    and `invalid_credentials` for anything else that fails: an unknown address, a wrong password,
    a disabled user, a user without a password yet, staff of a member that is not active."""
    at = now()
    address = email.strip().lower()[:254]
    state = store.failures_of(uow.conn, address)
    if is_locked(state, at):
        return SignIn(None, _locked())
    row = store.login_row(uow.conn, address)
    good = verify_password(row["password_hash"] if row else None, password)
    if not good or row is None or not _active(row):
        failed = after_failure(state, at)
        if not store.save_failures(uow.conn, address, failed):
            failed = after_failure(store.failures_of(uow.conn, address), at)
            store.save_failures(uow.conn, address, failed)
        return SignIn(None, _locked() if is_locked(failed, at) else _refuse())
    store.clear_failures(uow.conn, address)
    if needs_rehash(row["password_hash"]):
        store.set_password(uow.conn, row["id"], hash_password(password), row["password_changed_at"] or at)
    if old_token:
        store.delete_session(uow.conn, token_hash(old_token))
    return SignIn(_new(uow, row["id"], at))


def _locked() -> JalinError:
    return JalinError(
        UserErrorCode.TOO_MANY_ATTEMPTS,
        "Too many failed sign-ins for this address; wait 15 minutes and try again.",
    )


def _active(row: dict[str, object]) -> bool:
    if row["disabled_at"] is not None or row["password_hash"] is None:
        return False
    return row["member_id"] is None or row["member_status"] == MemberStatus.ACTIVE.value


def _principal(row: dict[str, object]) -> Principal:
    level = row["level"]
    return Principal(
        Role(str(row["role"])),
        None,
        row["member_id"],  # type: ignore[arg-type]
        BoardLevel(str(level)) if level else None,
        row["region_code"],  # type: ignore[arg-type]
        row["id"],  # type: ignore[arg-type]
    )


def resolve(engine: Engine, token: str | None) -> Visitor | None:
    """The visitor behind a session cookie, or None (no such session, expired, or its user may
    no longer sign in). Runs on a connection of its own before the request's unit of work; it
    writes only the last-seen time, at most once a minute."""
    if not token or len(token) > 100:
        return None
    key = token_hash(token)
    at = now()
    with engine.begin() as conn:
        session = store.get_session(conn, key)
        if session is None or session["expires_at"] <= at:
            return None
        if session["user_id"] is None:
            return Visitor(PUBLIC, key, session["csrf_token"])
        if at - session["last_seen_at"] > IDLE_TIMEOUT:
            store.delete_session(conn, key)
            return None
        row = store.login_row_by_id(conn, session["user_id"])
        if row is None or not _active(row):
            return None
        changed = row["password_changed_at"]
        if changed is not None and changed > session["created_at"]:
            return None  # the password changed after this session began: sign in again
        if (at - session["last_seen_at"]).total_seconds() > _TOUCH_EVERY:
            store.touch_session(conn, key, at)
    return Visitor(_principal(row), key, session["csrf_token"], row["id"], row["email"], row["name"])


def csrf_matches(visitor: Visitor | None, presented: str | None) -> bool:
    """The synchroniser token check: the form's token equals its session's, compared in constant time."""
    return visitor is not None and bool(presented) and hmac.compare_digest(visitor.csrf, presented or "")


def sign_out(uow: UnitOfWork, visitor: Visitor) -> None:
    """End this session (the row is deleted: the cookie opens nothing afterwards)."""
    store.delete_session(uow.conn, visitor.session_hash)
