"""`jalin agreements`, `jalin meetings`, `jalin report`: the association's collaboration work.

Agreements (and their stages, documents and the interline import), meetings with their
follow-up actions, and the reports officers read. The command line acts as the DPP (admin) on
the configured database; every write is audited with the actor `cli`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from jalin.cli.common import console, err, fail, rupiah
from jalin.cli.registry import print_records, run_as_admin
from jalin.i18n import t
from jalin.registry.records import as_dict
from jalin.registry.rules import ActionStatus, AgreementKind, AgreementStage, MemberStatus

agreements_app = typer.Typer(
    no_args_is_help=True, help="Cooperation agreements (interline handovers drive quotes)."
)
meetings_app = typer.Typer(no_args_is_help=True, help="Meetings and follow-up actions.")
report_app = typer.Typer(no_args_is_help=True, help="Reports for the DPP and DPWs.")


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

    found, names = run_as_admin(both)
    chosen = filter_agreements(found, names=names, province=province, stage=stage, kind=kind, search=search)
    if as_json:
        print_records(chosen, [], True)
        return
    data = [
        {
            **as_dict(a),
            "fee": rupiah(a.fee_per_parcel),
            "parties": ", ".join(names.get(p, f"#{p}") for p in a.parties),
        }
        for a in chosen
    ]
    print_records(
        data, ["id", "title", "kind", "stage", "parties", "fee", "province_code"], False, "agreements"
    )


@agreements_app.command("stage")
def move(agreement_id: int, stage: str) -> None:
    """Move an agreement to its next stage (the state machine refuses illegal moves)."""
    from jalin.services.registry import move_agreement

    console.print(
        t("agreement.moved", id=agreement_id, stage=run_as_admin(move_agreement, agreement_id, stage).stage)
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
    run_as_admin(lambda work, _who: ensure_structure(work, atlas))
    found = load_feeds_dir(feeds, atlas).feeds

    def progress(done: int, total: int) -> None:
        if done == 1 or done % 100 == 0:
            err.print(f"  {done}/{total} …", highlight=False)

    console.print(
        t(
            "agreements.imported",
            n=run_as_admin(import_network_agreements, atlas, found, pairs, progress=progress),
        )
    )


@meetings_app.command("list")
def list_meetings(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.services.registry import list_meetings as rows

    found = run_as_admin(rows)
    if as_json:
        print_records(found, [], True)
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
    print_records(data, ["id", "held_on", "place", "partners", "topics", "actions"], False, "meetings")


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
        for m in run_as_admin(rows)
        for a in m.actions
        if status is None or a.status == status
    ]
    data.sort(key=lambda r: (-r["days_overdue"], r["due_on"], r["id"]))
    print_records(
        data,
        ["id", "meeting_id", "description", "owner", "due_on", "status", "days_overdue", "place"],
        as_json,
        "actions",
        status="portal.action_status",
    )


@report_app.command("pipeline")
def pipeline(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Agreements per DPW and stage."""
    from jalin.services.registry import report_pipeline

    print_records(
        run_as_admin(report_pipeline),
        ["province_code", *AgreementStage],
        as_json,
        "pipeline",
    )


@report_app.command("overdue")
def overdue(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Follow-up actions past their due date."""
    from jalin.services.registry import report_overdue

    print_records(
        run_as_admin(report_overdue, date.today()),
        ["id", "description", "owner", "due_on", "days_overdue", "place"],
        as_json,
        "overdue",
    )


@report_app.command("members")
def members_per_province(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.geo import get_atlas
    from jalin.services.registry import report_members_per_province

    print_records(
        run_as_admin(report_members_per_province, get_atlas()),
        ["province_code", "province", *MemberStatus],
        as_json,
        "per_province",
    )


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
    a = run_as_admin(
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
    doc = run_as_admin(add_document, agreement_id, path.name, path.read_bytes())
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
    m = run_as_admin(
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
    a = run_as_admin(add, meeting_id, description=description, owner=owner, due_on=due_on)
    console.print(t("action.added", id=a.id, owner=a.owner, due=a.due_on))


@meetings_app.command("done")
def action_done(
    action_id: int, status: Annotated[str, typer.Option(help="done, open or cancelled")] = "done"
) -> None:
    from jalin.services.registry import set_action_status

    console.print(
        t("action.status", id=action_id, status=run_as_admin(set_action_status, action_id, status).status)
    )
