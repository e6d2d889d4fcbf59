"""People who sign in to the portal: their record, the password rule and the lockout rule.

Pure rules (no storage, no framework). A user carries a role and a tenant exactly as an API key
does (admin = the DPP; an officer bound to a DPW or DPD board; member staff bound to a member), so
a signed-in person resolves to the same `Principal` a key gives and every service applies the
same access rules to both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from jalin.registry.rules import Role


class UserErrorCode(StrEnum):
    """Codes of signing in, sessions, invitations and user administration."""

    INVALID_CREDENTIALS = "invalid_credentials"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    CSRF_FAILED = "csrf_failed"
    WEAK_PASSWORD = "weak_password"
    EMAIL_TAKEN = "email_taken"
    INVALID_INVITE = "invalid_invite"
    INVALID_EMAIL = "invalid_email"


#: Lockout: this many failed sign-ins for one address within `FAILURE_WINDOW` lock it for `LOCKOUT`.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)

#: Sessions end after this long without a request, and in any case this long after sign-in.
IDLE_TIMEOUT = timedelta(hours=2)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
#: A visitor's session (the sign-in form's, before anyone signed in) lives this long.
VISITOR_TIMEOUT = timedelta(hours=1)
#: An invitation link is valid this long, and once.
INVITE_VALIDITY = timedelta(days=7)

MIN_PASSWORD = 10
MAX_PASSWORD = 200


@dataclass(frozen=True, slots=True)
class User:
    """A user as listed: never the password hash."""

    id: int
    email: str
    name: str
    role: Role
    board_id: int | None
    member_id: int | None
    created_at: datetime
    disabled_at: datetime | None
    has_password: bool
    board_code: str | None = None  # "DPP", a province (DPW) or a regency (DPD)
    member_brand: str | None = None


def password_problem(password: str, email: str) -> str | None:
    """Why `password` may not be used (an English sentence naming the fix), or None.

    NIST SP 800-63B's advice, kept small: a length floor, no composition rules, not the e-mail
    address, not one character repeated."""
    if len(password) < MIN_PASSWORD:
        return f"The password needs at least {MIN_PASSWORD} characters; a short sentence is easy to remember."
    if len(password) > MAX_PASSWORD:
        return f"The password may have at most {MAX_PASSWORD} characters."
    if password.strip().lower() == email.strip().lower() or len(set(password)) < 3:
        return "The password is too easy to guess; do not use the e-mail address or a repeated character."
    return None


@dataclass(frozen=True, slots=True)
class Failures:
    """Failed sign-ins recorded for one address."""

    failures: int
    window_started_at: datetime
    locked_until: datetime | None


def is_locked(state: Failures | None, at: datetime) -> bool:
    """Whether sign-ins for the address are refused at `at` (the lock has not run out yet)."""
    return state is not None and state.locked_until is not None and at < state.locked_until


def after_failure(state: Failures | None, at: datetime) -> Failures:
    """The record after one more failure at `at`.

    Failures count within a window that starts at the first failure; a failure after the window
    (or after a lock ran out) starts a new window. The `MAX_FAILURES`-th failure inside one window
    locks the address for `LOCKOUT` from that moment."""
    if (
        state is None
        or at - state.window_started_at >= FAILURE_WINDOW
        or (state.locked_until is not None and at >= state.locked_until)
    ):
        state = Failures(0, at, None)
    failures = state.failures + 1
    locked = at + LOCKOUT if failures >= MAX_FAILURES else None
    return Failures(failures, state.window_started_at, locked)
