"""`jalin admin`, `jalin members`, `jalin applications`: keys, officers, members and their applications.

The command line acts as the DPP (admin) on the configured database; every write is audited
with the actor `cli`.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, fail, fail_on, uow
from jalin.i18n import catalogue, t
from jalin.registry.records import as_dict
from jalin.registry.rules import (
    ApplicationStatus,
    MemberStatus,
    MemberType,
)

admin_app = typer.Typer(no_args_is_help=True, help="Administration (DPP): API keys, structure.")
members_app = typer.Typer(no_args_is_help=True, help="Members of the association.")
applications_app = typer.Typer(no_args_is_help=True, help="Membership applications.")


def run_as_admin(fn, *args: Any, **kwargs: Any) -> Any:
    """Run a registry use case as the CLI admin in one unit of work; a refusal becomes one
    message and exit 1 (nothing of the use case is kept)."""
    from jalin.errors import JalinError
    from jalin.registry.access import CLI_ADMIN

    try:
        with uow() as work:
            return fn(work, CLI_ADMIN, *args, **kwargs)
    except JalinError as exc:
        raise fail_on(exc) from None


#: Catalogue prefixes of the coded values the tables show in words (`type` -> `Kurir`).
WORDS = {
    "type": "portal.member_type",
    "kind": "portal.agreement_kind",
    "stage": "portal.stage",
}


def _word(prefix: str | None, value: object) -> str:
    """`value` in the operator's language when the catalogue has `prefix.value`, else as is."""
    key = f"{prefix}.{value}"
    return t(key) if prefix is not None and key in catalogue() else str(value)


def print_records(
    rows: list[Any], columns: list[str], as_json: bool, title: str = "", *, status: str | None = None
) -> None:
    """Records (or dicts) as JSON on stdout (field names and coded values as the API has them) or
    as a table of `columns` under human headers (`reg.col.<field>` in the catalogue) and the
    title `reg.title.<title>`, coded values in words (`WORDS`, and `status` for the catalogue
    prefix of this table's status values)."""

    rows = [r if isinstance(r, dict) else as_dict(r) for r in rows]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return
    words = {**WORDS, "status": status}
    table = Table(*(t(f"reg.col.{c}") for c in columns), title=t(f"reg.title.{title}"))
    for r in rows:
        table.add_row(*[_word(words.get(c), r[c]) if r.get(c) is not None else "" for c in columns])
    console.print(table)


@admin_app.command("create-key")
def create_key(
    role: Annotated[str, typer.Option(help="admin, officer or member")],
    member: Annotated[int | None, typer.Option(help="Member id, for member keys")] = None,
    board: Annotated[
        str | None, typer.Option(help="Province (DPW) or regency (DPD) code, for officer keys")
    ] = None,
    label: Annotated[str, typer.Option()] = "",
) -> None:
    """Issue an API key. The full key is printed once; only its hash is stored."""
    from jalin.registry.rules import Role
    from jalin.services.registry import create_key as issue
    from jalin.services.registry import ensure_structure

    if role not in ("admin", "officer", "member"):
        raise fail(t("cli.role"))
    from jalin.geo import get_atlas

    run_as_admin(lambda work, _who: ensure_structure(work, get_atlas()))
    key = run_as_admin(issue, Role(role), member_id=member, board_code=board, label=label)
    console.print(t("key.created", role=key.role, prefix=key.prefix))
    print(key.secret)


@admin_app.command("revoke-key")
def revoke_key(key_id: int) -> None:
    from jalin.services.registry import revoke_key as revoke

    console.print(t("key.revoked", prefix=run_as_admin(revoke, key_id).prefix))


Province = Annotated[str | None, typer.Option("--province", help="Province code, e.g. 32")]
Regency = Annotated[str | None, typer.Option("--regency", help="Regency or city code, e.g. 32.73")]
Search = Annotated[str | None, typer.Option("--search", help="Words in the name, brand, carrier id or NIB")]
Kind = Annotated[MemberType | None, typer.Option("--type", help="Member type")]


@members_app.command("list")
def list_members(
    province: Province = None,
    regency: Regency = None,
    status: Annotated[MemberStatus | None, typer.Option("--status")] = None,
    kind: Kind = None,
    search: Search = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Members, narrowed by province, regency, status, type or a few words."""
    from jalin.registry.filters import filter_members
    from jalin.services.registry import list_members as rows

    print_records(
        filter_members(
            run_as_admin(rows), province=province, regency=regency, status=status, kind=kind, search=search
        ),
        ["id", "brand", "type", "carrier_id", "province_code", "regency_code", "status"],
        as_json,
        "members",
        status="portal.member_status",
    )


@applications_app.command("list")
def list_applications(
    province: Province = None,
    regency: Regency = None,
    status: Annotated[ApplicationStatus | None, typer.Option("--status")] = None,
    kind: Kind = None,
    search: Search = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Membership applications, narrowed as `members list` does."""
    from jalin.registry.filters import filter_members
    from jalin.services.registry import list_applications as rows

    print_records(
        filter_members(
            run_as_admin(rows), province=province, regency=regency, status=status, kind=kind, search=search
        ),
        ["id", "legal_name", "type", "carrier_id", "province_code", "status"],
        as_json,
        "applications",
        status="portal.app_status",
    )


@applications_app.command("decide")
def decide(
    app_id: int,
    action: Annotated[str, typer.Argument(help="recommend, approve or reject")],
    reason: Annotated[str, typer.Option()] = "",
) -> None:
    """Record the DPW's recommendation or the DPP's decision (as admin)."""
    from jalin.geo import get_atlas
    from jalin.services.registry import decide_application

    app, key = run_as_admin(decide_application, get_atlas(), app_id, action, reason)
    console.print(t("application.decided", id=app_id, status=app.status))
    if key is not None:
        console.print(t("application.first_key"))
        print(key.secret)


@admin_app.command("add-officer")
def add_officer(
    board: Annotated[str, typer.Option(help="DPP, a province code (DPW) or a regency code (DPD)")],
    name: Annotated[str, typer.Option()],
    position: Annotated[str, typer.Option()] = "Ketua",
    email: Annotated[str | None, typer.Option()] = None,
    phone: Annotated[str | None, typer.Option()] = None,
) -> None:
    from jalin.services.registry import add_officer as add

    officer = run_as_admin(add, board_code=board, name=name, position=position, email=email, phone=phone)
    console.print(t("officer.added", name=officer.name, position=officer.position))


@members_app.command("add")
def add_member(
    legal_name: Annotated[str, typer.Option()],
    brand: Annotated[str, typer.Option()],
    nib: Annotated[str, typer.Option(help="13 digits")],
    type: Annotated[str, typer.Option(help="courier, express, post, logistics or freight_forwarder")],
    regency: Annotated[str, typer.Option(help="Home regency or city code (its DPD), e.g. 32.73")],
    carrier_id: Annotated[str | None, typer.Option()] = None,
    contact_name: Annotated[str | None, typer.Option()] = None,
    contact_email: Annotated[str | None, typer.Option()] = None,
    contact_phone: Annotated[str | None, typer.Option()] = None,
) -> None:
    from jalin.geo import get_atlas
    from jalin.services.registry import create_member, ensure_structure

    atlas = get_atlas()
    run_as_admin(lambda work, _who: ensure_structure(work, atlas))
    m = run_as_admin(
        create_member,
        atlas,
        {
            "legal_name": legal_name,
            "brand": brand,
            "nib": nib,
            "type": type,
            "regency_code": regency,
            "carrier_id": carrier_id,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "contact_phone": contact_phone,
        },
    )
    console.print(t("member.added", id=m.id, brand=m.brand, status=m.status, regency=m.regency_code))


@members_app.command("status")
def member_status(member_id: int, status: str) -> None:
    """Set a member's status: applicant, active, suspended or left."""
    from jalin.services.registry import set_member_status

    console.print(
        t("member.status", id=member_id, status=run_as_admin(set_member_status, member_id, status).status)
    )


@applications_app.command("submit")
def submit(
    legal_name: Annotated[str, typer.Option()],
    brand: Annotated[str, typer.Option()],
    nib: Annotated[str, typer.Option(help="13 digits")],
    type: Annotated[str, typer.Option(help="courier, express, post, logistics or freight_forwarder")],
    regency: Annotated[str, typer.Option(help="Home regency or city code, e.g. 32.73")],
    contact_name: Annotated[str, typer.Option()],
    carrier_id: Annotated[str | None, typer.Option()] = None,
    contact_email: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record a company's application to join (it then waits for its DPW and the DPP)."""
    from jalin.geo import get_atlas
    from jalin.services.registry import submit_application

    a = run_as_admin(
        submit_application,
        get_atlas(),
        {
            "legal_name": legal_name,
            "brand": brand,
            "nib": nib,
            "type": type,
            "regency_code": regency,
            "contact_name": contact_name,
            "carrier_id": carrier_id,
            "contact_email": contact_email,
        },
    )
    console.print(t("application.added", id=a.id, status=a.status, province=a.province_code))
