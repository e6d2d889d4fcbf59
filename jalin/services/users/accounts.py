"""Users: created with a password (CLI) or invited with a one-time link, listed, disabled,
changing their password.

Who may manage users follows who may issue API keys (`services.registry.keys.create_key`): the
DPP (admin) any user; member staff more staff of their own member; nobody else. Every write is
audited in the same unit of work.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.registry.errors import RegistryErrorCode
from jalin.registry.people import INVITE_VALIDITY, User, UserErrorCode, password_problem
from jalin.registry.rules import BoardLevel, Role
from jalin.services.registry.common import audit, not_found, now, require
from jalin.services.users.passwords import hash_password, verify_password
from jalin.services.users.sessions import NewSession, Visitor, _new, token_hash
from jalin.storage import registry as registry_store
from jalin.storage import users as store
from jalin.storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Invitation:
    """An invitation just made: `token` is shown once (in the link), only its hash is stored."""

    user: User
    token: str
    expires_at: datetime

    @property
    def path(self) -> str:
        return f"/portal/undangan/{self.token}"


def _email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise JalinError(
            UserErrorCode.INVALID_EMAIL, f"'{email}' is not an e-mail address: {exc}", field="email"
        ) from None


def _tenant(
    uow: UnitOfWork, who: Principal, role: Role, board_code: str | None, member_id: int | None
) -> tuple[int | None, int | None]:
    """(board_id, member_id) for a new user, checked like a new API key's."""
    if who.role is Role.MEMBER:
        if role is not Role.MEMBER or (member_id is not None and member_id != who.member_id):
            raise JalinError(
                CommonErrorCode.FORBIDDEN, "member staff may only invite staff of their own member"
            )
        member_id = who.member_id
    else:
        require(who, Role.ADMIN)
    if role is Role.PUBLIC:
        raise JalinError(
            CommonErrorCode.INVALID_REQUEST, "a user needs a role: admin, officer or member", field="role"
        )
    if role is Role.OFFICER:
        board = registry_store.board_by_code(uow.conn, board_code)
        if not board_code or board is None or board.level is BoardLevel.DPP:
            raise JalinError(
                RegistryErrorCode.UNKNOWN_REGION,
                f"an officer needs a DPW (province) or DPD (regency) code, got '{board_code}'",
                field="board",
            )
        return board.id, None
    if role is Role.MEMBER:
        if member_id is None or registry_store.get_member(uow.conn, member_id) is None:
            raise not_found("member", member_id)
        return None, member_id
    return None, None


def create_user(
    uow: UnitOfWork,
    who: Principal,
    *,
    email: str,
    name: str,
    role: Role,
    board_code: str | None = None,
    member_id: int | None = None,
    password: str | None = None,
) -> User:
    """A new user; with `password` it can sign in at once, without one it waits for an invitation."""
    address = _email(email)
    board_id, member_id = _tenant(uow, who, role, board_code, member_id)
    if store.user_by_email(uow.conn, address) is not None:
        raise JalinError(
            UserErrorCode.EMAIL_TAKEN, f"a user with the address {address} exists", field="email"
        )
    if password is not None and (problem := password_problem(password, address)):
        raise JalinError(UserErrorCode.WEAK_PASSWORD, problem, field="password")
    at = now()
    uid = store.insert_user(
        uow.conn,
        {
            "email": address,
            "name": name.strip()[:200] or address,
            "password_hash": hash_password(password) if password is not None else None,
            "role": role.value,
            "board_id": board_id,
            "member_id": member_id,
            "created_at": at,
            "password_changed_at": at if password is not None else None,
        },
    )
    user = store.get_user(uow.conn, uid)
    assert user is not None
    audit(uow, who, "user.create", "user", uid, None, _public(user))
    return user


def _public(user: User) -> dict[str, object]:
    return {
        "email": user.email,
        "role": user.role.value,
        "board": user.board_code,
        "member_id": user.member_id,
    }


def _visible(uow: UnitOfWork, who: Principal, user_id: int) -> User:
    user = store.get_user(uow.conn, user_id)
    if user is None or not (
        who.role is Role.ADMIN or (who.role is Role.MEMBER and user.member_id == who.member_id)
    ):
        raise not_found("user", user_id)
    return user


def invite_user(
    uow: UnitOfWork,
    who: Principal,
    *,
    email: str,
    name: str = "",
    role: Role = Role.MEMBER,
    board_code: str | None = None,
    member_id: int | None = None,
) -> Invitation:
    """Invite a person by a one-time link (there is no mail server: the link is shown to whoever
    invites, once). An address that already has a user gets a new link (which also serves as a
    password reset) and its older unused links stop working."""
    address = _email(email)
    existing = store.user_by_email(uow.conn, address)
    if existing is None:
        user = create_user(
            uow, who, email=address, name=name, role=role, board_code=board_code, member_id=member_id
        )
    else:
        user = _visible(uow, who, existing.id)
    at = now()
    store.expire_invites_of(uow.conn, user.id, at)
    token = secrets.token_urlsafe(32)
    expires = at + INVITE_VALIDITY
    store.insert_invite(
        uow.conn,
        {
            "token_hash": token_hash(token),
            "user_id": user.id,
            "created_by": who.actor,
            "created_at": at,
            "expires_at": expires,
        },
    )
    audit(
        uow,
        who,
        "user.invite",
        "user",
        user.id,
        None,
        {"email": user.email, "expires_at": expires.isoformat()},
    )
    return Invitation(user, token, expires)


def invited_user(uow: UnitOfWork, token: str) -> User:
    """The user an unused, unexpired invitation is for (else `invalid_invite`)."""
    invite = store.invite_by_hash(uow.conn, token_hash(token)) if token and len(token) <= 100 else None
    if invite is None or invite["used_at"] is not None or invite["expires_at"] <= now():
        raise JalinError(
            UserErrorCode.INVALID_INVITE,
            "This invitation link is unknown, used or expired; ask for a new one.",
        )
    user = store.get_user(uow.conn, invite["user_id"])
    if user is None or user.disabled_at is not None:
        raise JalinError(UserErrorCode.INVALID_INVITE, "This invitation's account is disabled.")
    return user


def accept_invite(uow: UnitOfWork, token: str, password: str, old_token: str | None) -> NewSession:
    """Set the password through an invitation link (once) and sign the person in."""
    user = invited_user(uow, token)
    if problem := password_problem(password, user.email):
        raise JalinError(UserErrorCode.WEAK_PASSWORD, problem, field="password")
    invite = store.invite_by_hash(uow.conn, token_hash(token))
    assert invite is not None
    at = now()
    if not store.use_invite(uow.conn, invite["id"], at):
        raise JalinError(UserErrorCode.INVALID_INVITE, "This invitation link was just used.")
    store.set_password(uow.conn, user.id, hash_password(password), at)
    store.delete_sessions_of(uow.conn, user.id)
    store.clear_failures(uow.conn, user.email)
    if old_token:
        store.delete_session(uow.conn, token_hash(old_token))
    audit(uow, Principal(user.role, user_id=user.id), "user.accept_invite", "user", user.id)
    return _new(uow, user.id, at)


def change_password(uow: UnitOfWork, visitor: Visitor, current: str, new: str) -> NewSession:
    """Change the signed-in person's password: every session of theirs ends (others' devices
    included) and this browser gets a new one."""
    if visitor.user_id is None or visitor.email is None:
        raise JalinError(CommonErrorCode.UNAUTHORIZED, "sign in first")
    row = store.login_row_by_id(uow.conn, visitor.user_id)
    if row is None or not verify_password(row["password_hash"], current):
        raise JalinError(UserErrorCode.INVALID_CREDENTIALS, "The current password is wrong.", field="current")
    if problem := password_problem(new, visitor.email):
        raise JalinError(UserErrorCode.WEAK_PASSWORD, problem, field="password")
    at = now()
    store.set_password(uow.conn, visitor.user_id, hash_password(new), at)
    store.delete_sessions_of(uow.conn, visitor.user_id)
    audit(uow, visitor.principal, "user.change_password", "user", visitor.user_id)
    return _new(uow, visitor.user_id, at)


def list_users(uow: UnitOfWork, who: Principal) -> list[User]:
    """Users the caller may manage: all (admin) or its own member's staff (member)."""
    if who.role is Role.ADMIN:
        return store.list_users(uow.conn)
    if who.role is Role.MEMBER and who.member_id is not None:
        return store.list_users(uow.conn, member_id=who.member_id)
    raise JalinError(CommonErrorCode.FORBIDDEN, "this needs the role admin or member")


def set_user_disabled(uow: UnitOfWork, who: Principal, user_id: int, disabled: bool) -> User:
    """Disable (every session ends at once) or enable a user; idempotent."""
    if who.role not in (Role.ADMIN, Role.MEMBER):
        raise JalinError(CommonErrorCode.FORBIDDEN, "this needs the role admin or member")
    user = _visible(uow, who, user_id)
    if who.user_id == user.id and disabled:
        raise JalinError(CommonErrorCode.INVALID_REQUEST, "you cannot disable yourself", field="user")
    if (user.disabled_at is not None) != disabled:
        store.set_disabled(uow.conn, user_id, now() if disabled else None)
        if disabled:
            store.delete_sessions_of(uow.conn, user_id)
        audit(uow, who, "user.disable" if disabled else "user.enable", "user", user_id)
    changed = store.get_user(uow.conn, user_id)
    assert changed is not None
    return changed


def find_user(uow: UnitOfWork, email: str) -> User:
    """A user by address, for the command line (the operator is the DPP)."""
    user = store.user_by_email(uow.conn, email.strip().lower())
    if user is None:
        raise not_found("user", email)
    return user
