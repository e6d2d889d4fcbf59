"""`jalin admin`, `jalin members`, `jalin applications`, `jalin agreements`, `jalin meetings`, `jalin report`.

The command line acts as the DPP (admin) on the configured database; every write is audited
with the actor `cli`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, err, fail, fail_on, rupiah, uow
from jalin.i18n import t
from jalin.registry.records import as_dict
from jalin.registry.rules import (
    ActionStatus,
    AgreementKind,
    AgreementStage,
    ApplicationStatus,
    MemberStatus,
    MemberType,
)

admin_app = typer.Typer(no_args_is_help=True, help="Administration (DPP): API keys, structure.")
members_app = typer.Typer(no_args_is_help=True, help="Members of the association.")
applications_app = typer.Typer(no_args_is_help=True, help="Membership applications.")
agreements_app = typer.Typer(
    no_args_is_help=True, help="Cooperation agreements (interline handovers drive quotes)."
)
meetings_app = typer.Typer(no_args_is_help=True, help="Meetings and follow-up actions.")
report_app = typer.Typer(no_args_is_help=True, help="Reports for the DPP and DPWs.")


def _run(fn, *args: Any, **kwargs: Any) -> Any:
    """Run a registry use case as the CLI admin in one unit of work; a refusal becomes one
    message and exit 1 (nothing of the use case is kept)."""
    from jalin.errors import JalinError
    from jalin.registry.access import CLI_ADMIN

    try:
        with uow() as work:
            return fn(work, CLI_ADMIN, *args, **kwargs)
    except JalinError as exc:
        raise fail_on(exc, 1) from None


def _print(rows: list[Any], columns: list[str], as_json: bool, title: str = "") -> None:
    """Records (or dicts) as JSON on stdout (field names as the API has them) or as a table of
    `columns` under human headers (`reg.col.<field>` in the catalogue) and the title
    `reg.title.<title>`."""
    from jalin.registry.records import as_dict

    rows = [r if isinstance(r, dict) else as_dict(r) for r in rows]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return
    table = Table(*(t(f"reg.col.{c}") for c in columns), title=t(f"reg.title.{title}"))
    for r in rows:
        table.add_row(*[str(r.get(c, "")) if r.get(c) is not None else "" for c in columns])
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

    _run(lambda work, _who: ensure_structure(work, get_atlas()))
    key = _run(issue, Role(role), member_id=member, board_code=board, label=label)
    console.print(t("key.created", role=key.role, prefix=key.prefix))
    print(key.secret)


@admin_app.command("revoke-key")
def revoke_key(key_id: int) -> None:
    from jalin.services.registry import revoke_key as revoke

    console.print(t("key.revoked", prefix=_run(revoke, key_id).prefix))


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

    _print(
        filter_members(
            _run(rows), province=province, regency=regency, status=status, kind=kind, search=search
        ),
        ["id", "brand", "type", "carrier_id", "province_code", "regency_code", "status"],
        as_json,
        "members",
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

    _print(
        filter_members(
            _run(rows), province=province, regency=regency, status=status, kind=kind, search=search
        ),
        ["id", "legal_name", "type", "carrier_id", "province_code", "status"],
        as_json,
        "applications",
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

    app, key = _run(decide_application, get_atlas(), app_id, action, reason)
    console.print(t("application.decided", id=app_id, status=app.status))
    if key is not None:
        console.print(t("application.first_key"))
        print(key.secret)


@agreements_app.command("list")
def list_agreements(
    province: Annotated[str | None, typer.Option("--province", help="The carrying DPW's province")] = None,
    stage: Annotated[AgreementStage | None, typer.Option("--stage")] = None,
    kind: Annotated[AgreementKind | None, typer.Option("--kind")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Words in the title or a party")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Agreements with their parties by name, narrowed by DPW, stage, kind or a few words."""
    from jalin.registry.filters import filter_agreements
    from jalin.services.registry import list_agreements as rows
    from jalin.services.registry import list_members

    def both(work: Any, who: Any) -> tuple[Any, dict[int, str]]:
        return rows(work, who), {m.id: m.brand for m in list_members(work, who)}

    found, names = _run(both)
    chosen = filter_agreements(found, names=names, province=province, stage=stage, kind=kind, search=search)
    if as_json:
        _print(chosen, [], True)
        return
    data = [
        {
            **as_dict(a),
            "fee": rupiah(a.fee_per_parcel),
            "parties": ", ".join(names.get(p, f"#{p}") for p in a.parties),
        }
        for a in chosen
    ]
    _print(data, ["id", "title", "kind", "stage", "parties", "fee", "province_code"], False, "agreements")


@agreements_app.command("stage")
def move(agreement_id: int, stage: str) -> None:
    """Move an agreement to its next stage (the state machine refuses illegal moves)."""
    from jalin.services.registry import move_agreement

    console.print(
        t("agreement.moved", id=agreement_id, stage=_run(move_agreement, agreement_id, stage).stage)
    )


@agreements_app.command("import")
def import_pairs(
    path: Annotated[Path, typer.Argument(help="agreements.csv: carrier_a,carrier_b,fee")],
    feeds: Annotated[Path, typer.Option(help="Folder of the feeds, to register missing carriers as members")],
) -> None:
    """Register each pair as an active interline_handover agreement (carriers become members if needed).

    All or nothing, and safe to repeat: one unit of work for the whole file, and a pair that
    already has a live interline agreement is skipped."""
    from jalin.geo import get_atlas
    from jalin.network.agreements import read_agreements
    from jalin.services.offline import load_feeds_dir
    from jalin.services.registry import ensure_structure
    from jalin.services.registry_import import import_network_agreements

    if not path.is_file():
        raise fail(t("file.missing", path=path))
    try:
        pairs = read_agreements(path)
    except (KeyError, ValueError) as exc:
        raise fail(t("agreements.csv_invalid", path=path, problem=exc)) from None
    atlas = get_atlas()
    _run(lambda work, _who: ensure_structure(work, atlas))
    found = load_feeds_dir(feeds, atlas).feeds

    def progress(done: int, total: int) -> None:
        if done == 1 or done % 100 == 0:
            err.print(f"  {done}/{total} …", highlight=False)

    console.print(
        t("agreements.imported", n=_run(import_network_agreements, atlas, found, pairs, progress=progress))
    )


@meetings_app.command("list")
def list_meetings(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.services.registry import list_meetings as rows

    found = _run(rows)
    if as_json:
        _print(found, [], True)
        return
    data = [
        {
            **as_dict(m),
            "actions": t(
                "meeting.actions_open", open=sum(a.status == "open" for a in m.actions), total=len(m.actions)
            ),
        }
        for m in found
    ]
    _print(data, ["id", "held_on", "place", "partners", "topics", "actions"], False, "meetings")


@meetings_app.command("actions")
def list_actions(
    status: Annotated[ActionStatus | None, typer.Option("--status")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every follow-up action of the meetings, overdue first, then by due date."""
    from jalin.services.registry import list_meetings as rows

    today = date.today()
    data = [
        {
            "id": a.id,
            "meeting_id": m.id,
            "description": a.description,
            "owner": a.owner,
            "due_on": a.due_on,
            "status": a.status,
            "days_overdue": max(0, (today - a.due_on).days) if a.status == "open" else 0,
            "place": m.place,
        }
        for m in _run(rows)
        for a in m.actions
        if status is None or a.status == status
    ]
    data.sort(key=lambda r: (-r["days_overdue"], r["due_on"], r["id"]))
    _print(
        data,
        ["id", "meeting_id", "description", "owner", "due_on", "status", "days_overdue", "place"],
        as_json,
        "actions",
    )


@report_app.command("pipeline")
def pipeline(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Agreements per DPW and stage."""
    from jalin.services.registry import report_pipeline

    _print(
        _run(report_pipeline),
        ["province_code", *AgreementStage],
        as_json,
        "pipeline",
    )


@report_app.command("overdue")
def overdue(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Follow-up actions past their due date."""
    from jalin.services.registry import report_overdue

    _print(
        _run(report_overdue, date.today()),
        ["id", "description", "owner", "due_on", "days_overdue", "place"],
        as_json,
        "overdue",
    )


@report_app.command("members")
def members_per_province(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.geo import get_atlas
    from jalin.services.registry import report_members_per_province

    _print(
        _run(report_members_per_province, get_atlas()),
        ["province_code", "province", *MemberStatus],
        as_json,
        "per_province",
    )


@admin_app.command("add-officer")
def add_officer(
    board: Annotated[str, typer.Option(help="DPP, a province code (DPW) or a regency code (DPD)")],
    name: Annotated[str, typer.Option()],
    position: Annotated[str, typer.Option()] = "Ketua",
    email: Annotated[str | None, typer.Option()] = None,
    phone: Annotated[str | None, typer.Option()] = None,
) -> None:
    from jalin.services.registry import add_officer as add

    officer = _run(add, board_code=board, name=name, position=position, email=email, phone=phone)
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
    _run(lambda work, _who: ensure_structure(work, atlas))
    m = _run(
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

    console.print(t("member.status", id=member_id, status=_run(set_member_status, member_id, status).status))


@agreements_app.command("create")
def create_agreement(
    title: Annotated[str, typer.Option()],
    kind: Annotated[
        str, typer.Option(help="interline_handover, shared_pickup_points, co_loading, data_sharing")
    ],
    party: Annotated[list[int], typer.Option(help="Member id; give it twice or more")],
    fee: Annotated[int, typer.Option(help="Rupiah per parcel")] = 0,
    payer: Annotated[int | None, typer.Option(help="Member id that pays the fee")] = None,
    valid_from: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    valid_until: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    district: Annotated[
        list[str] | None, typer.Option(help="District where handover is allowed (repeat)")
    ] = None,
    province: Annotated[str | None, typer.Option(help="The DPW that carries it")] = None,
) -> None:
    from jalin.geo import get_atlas
    from jalin.services.registry import create_agreement as create

    try:
        start = date.fromisoformat(valid_from) if valid_from else None
        end = date.fromisoformat(valid_until) if valid_until else None
    except ValueError:
        raise fail(t("cli.dates", option="--valid-from/--valid-until", example="2026-12-01")) from None
    a = _run(
        create,
        get_atlas(),
        title=title,
        kind=kind,
        parties=party,
        fee_per_parcel=fee,
        fee_payer=payer,
        valid_from=start,
        valid_until=end,
        districts=district or [],
        province_code=province,
    )
    console.print(t("agreement.added", id=a.id, stage=a.stage))


@agreements_app.command("attach")
def attach(agreement_id: int, path: Path) -> None:
    """Attach a document (stored with its sha256; at most 5 MB)."""
    from jalin.services.registry import add_document

    if not path.is_file():
        raise fail(t("file.missing", path=path))
    doc = _run(add_document, agreement_id, path.name, path.read_bytes())
    console.print(t("document.added", filename=doc.filename, sha=doc.sha256[:12]))


@meetings_app.command("add")
def add_meeting(
    held_on: Annotated[str, typer.Option(help="YYYY-MM-DD")],
    place: Annotated[str, typer.Option()],
    host: Annotated[str, typer.Option(help="Host DPW (province code) or DPD (regency code)")],
    topics: Annotated[str, typer.Option()],
    outcomes: Annotated[str, typer.Option()] = "",
    member: Annotated[list[int] | None, typer.Option(help="Participating member id (repeat)")] = None,
    partners: Annotated[str, typer.Option(help="Other participants")] = "",
) -> None:
    from jalin.services.registry import create_meeting

    try:
        day = date.fromisoformat(held_on)
    except ValueError:
        raise fail(t("cli.dates", option="--held-on", example="2026-11-20")) from None
    m = _run(
        create_meeting,
        held_on=day,
        place=place,
        host=host,
        member_ids=member or [],
        partners=partners,
        topics=topics,
        outcomes=outcomes,
    )
    console.print(t("meeting.added", id=m.id, place=m.place))


@meetings_app.command("action")
def add_action(
    meeting_id: int,
    description: Annotated[str, typer.Option()],
    owner: Annotated[str, typer.Option()],
    due: Annotated[str, typer.Option(help="YYYY-MM-DD")],
) -> None:
    """Add a follow-up action to a meeting."""
    from jalin.services.registry import add_action as add

    try:
        due_on = date.fromisoformat(due)
    except ValueError:
        raise fail(t("cli.dates", option="--due", example="2026-12-15")) from None
    a = _run(add, meeting_id, description=description, owner=owner, due_on=due_on)
    console.print(t("action.added", id=a.id, owner=a.owner, due=a.due_on))


@meetings_app.command("done")
def action_done(
    action_id: int, status: Annotated[str, typer.Option(help="done, open or cancelled")] = "done"
) -> None:
    from jalin.services.registry import set_action_status

    console.print(t("action.status", id=action_id, status=_run(set_action_status, action_id, status).status))


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

    a = _run(
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
