"""`jalin users`: people who sign in to the portal (add with a password, invite with a one-time
link, list, disable, enable). The command line acts as the DPP (admin)."""

from __future__ import annotations

from typing import Annotated

import typer

from jalin.cli.common import console, fail
from jalin.cli.registry import print_records as _print
from jalin.cli.registry import run_as_admin as _run
from jalin.i18n import t
from jalin.registry.rules import Role
from jalin.settings import Settings

users_app = typer.Typer(no_args_is_help=True, help="Portal users (people, not API keys).")

_ROLE = typer.Option(help="admin, officer or member")
_BOARD = typer.Option(help="Province (DPW) or regency (DPD) code, for officers")
_MEMBER = typer.Option(help="Member id, for member staff")


def _role(role: str) -> Role:
    if role not in ("admin", "officer", "member"):
        raise fail(t("cli.role"))
    return Role(role)


@users_app.command("add")
def add(
    email: str,
    role: Annotated[str, _ROLE],
    name: Annotated[str, typer.Option()] = "",
    board: Annotated[str | None, _BOARD] = None,
    member: Annotated[int | None, _MEMBER] = None,
    password: Annotated[
        str | None, typer.Option(help="Leave out to be asked (not echoed)", show_default=False)
    ] = None,
) -> None:
    """Create a user who can sign in at once with the password given (or asked for)."""
    from jalin.services.users import create_user

    chosen = _role(role)
    if password is None:
        password = typer.prompt(t("users.password_prompt"), hide_input=True, confirmation_prompt=True)
    user = _run(
        create_user,
        email=email,
        name=name,
        role=chosen,
        board_code=board,
        member_id=member,
        password=password,
    )
    console.print(t("users.added", email=user.email, role=user.role.value, id=user.id))


@users_app.command("invite")
def invite(
    email: str,
    role: Annotated[str, _ROLE] = "member",
    name: Annotated[str, typer.Option()] = "",
    board: Annotated[str | None, _BOARD] = None,
    member: Annotated[int | None, _MEMBER] = None,
) -> None:
    """Invite a person (or give an existing user a new link): prints the one-time link."""
    from jalin.services.users import invite_user

    made = _run(invite_user, email=email, name=name, role=_role(role), board_code=board, member_id=member)
    console.print(t("users.invited", email=made.user.email, expires=made.expires_at.date().isoformat()))
    print(Settings().public_url.rstrip("/") + made.path)


@users_app.command("list")
def list_users(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.services.users import list_users as rows

    _print(
        _run(rows),
        ["id", "email", "name", "role", "board_code", "member_id", "has_password", "disabled_at"],
        as_json,
        "users",
    )


def _set(email: str, disabled: bool) -> None:
    from jalin.services.users import set_user_disabled
    from jalin.services.users.accounts import find_user

    def change(work, who):
        return set_user_disabled(work, who, find_user(work, email).id, disabled)

    user = _run(change)
    console.print(t("users.disabled" if disabled else "users.enabled", email=user.email))


@users_app.command("disable")
def disable(email: str) -> None:
    """Disable a user: every session of theirs ends at once."""
    _set(email, True)


@users_app.command("enable")
def enable(email: str) -> None:
    _set(email, False)
