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

from jalin.cli.common import console, engine, fail, rupiah

admin_app = typer.Typer(no_args_is_help=True, help="Administration (DPP): API keys, structure.")
members_app = typer.Typer(no_args_is_help=True, help="Members of the association.")
applications_app = typer.Typer(no_args_is_help=True, help="Membership applications.")
agreements_app = typer.Typer(
    no_args_is_help=True, help="Cooperation agreements (interline handovers drive quotes)."
)
meetings_app = typer.Typer(no_args_is_help=True, help="Meetings and follow-up actions.")
report_app = typer.Typer(no_args_is_help=True, help="Reports for the DPP and DPWs.")


def _run(fn, *args: Any, **kwargs: Any) -> Any:  # type: ignore[no-untyped-def]
    """Call a registry service as the CLI admin; a RegistryError becomes one message and exit 1."""
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.registry import RegistryError

    with engine() as eng:
        try:
            return fn(eng, CLI_ADMIN, *args, **kwargs)
        except RegistryError as exc:
            raise fail(
                f"{exc.code}: {exc.message}"
                + (f" (allowed: {exc.extra['allowed']})" if "allowed" in exc.extra else ""),
                1,
            ) from None


def _print(rows: list[dict[str, Any]], columns: list[str], as_json: bool, title: str = "") -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return
    table = Table(*columns, title=title)
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
        raise fail("--role must be admin, officer or member.")
    from jalin.geo import get_atlas

    with engine() as eng:
        ensure_structure(eng, get_atlas())
    key = _run(issue, Role(role), member_id=member, board_code=board, label=label)
    console.print(
        f"Kunci {key.role} dibuat (prefix {key.prefix}). Simpan sekarang, tidak akan ditampilkan lagi:"
    )
    print(key.secret)


@admin_app.command("revoke-key")
def revoke_key(key_id: int) -> None:
    from jalin.services.registry import revoke_key as revoke

    console.print(f"Dicabut: {_run(revoke, key_id)['prefix']}")


@members_app.command("list")
def list_members(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.services.registry import list_members as rows

    _print(
        _run(rows),
        ["id", "brand", "type", "carrier_id", "province_code", "regency_code", "status"],
        as_json,
        "Anggota / members",
    )


@applications_app.command("list")
def list_applications(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.services.registry import list_applications as rows

    _print(
        _run(rows),
        ["id", "legal_name", "type", "carrier_id", "province_code", "status"],
        as_json,
        "Permohonan keanggotaan / applications",
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
    console.print(f"Permohonan {app_id}: {app['status']}")
    if key is not None:
        console.print("Kunci API pertama anggota (simpan sekarang):")
        print(key.secret)


@agreements_app.command("list")
def list_agreements(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.services.registry import list_agreements as rows

    data = _run(rows)
    for r in data:
        r["fee"] = rupiah(r["fee_per_parcel"])
        r["parties"] = ",".join(map(str, r["parties"]))
    _print(data, ["id", "title", "kind", "stage", "parties", "fee", "province_code"], as_json, "Perjanjian")


@agreements_app.command("stage")
def move(agreement_id: int, stage: str) -> None:
    """Move an agreement to its next stage (the state machine refuses illegal moves)."""
    from jalin.services.registry import move_agreement

    console.print(f"Perjanjian {agreement_id}: {_run(move_agreement, agreement_id, stage)['stage']}")


@agreements_app.command("import")
def import_pairs(
    path: Annotated[Path, typer.Argument(help="agreements.csv: carrier_a,carrier_b,fee")],
    feeds: Annotated[Path, typer.Option(help="Folder of the feeds, to register missing carriers as members")],
) -> None:
    """Register each pair as an active interline_handover agreement (carriers become members if needed)."""
    from jalin.geo import get_atlas
    from jalin.network.generator import read_agreements
    from jalin.services.offline import load_feeds_dir
    from jalin.services.registry import ensure_structure
    from jalin.services.registry_import import import_interline, members_for_feeds

    if not path.is_file():
        raise fail(f"{path} does not exist.")
    try:
        pairs = [(a.carrier_a, a.carrier_b, a.fee) for a in read_agreements(path)]
    except (KeyError, ValueError) as exc:
        raise fail(
            f"{path}: {exc}; expected columns carrier_a,carrier_b,fee with whole-rupiah fees."
        ) from None
    atlas = get_atlas()
    with engine() as eng:
        ensure_structure(eng, atlas)
    ids = _run(members_for_feeds, atlas, load_feeds_dir(feeds, atlas).feeds)
    console.print(f"{_run(import_interline, atlas, pairs, ids)} perjanjian serah terima aktif dicatat.")


@meetings_app.command("list")
def list_meetings(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.services.registry import list_meetings as rows

    data = _run(rows)
    for r in data:
        r["actions"] = f"{sum(a['status'] == 'open' for a in r['actions'])} terbuka / {len(r['actions'])}"
    _print(data, ["id", "held_on", "place", "partners", "topics", "actions"], as_json, "Rapat / meetings")


@report_app.command("pipeline")
def pipeline(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Agreements per DPW and stage."""
    from jalin.services.registry import report_pipeline

    _print(
        _run(report_pipeline),
        ["province_code", "exploring", "negotiating", "signed", "active", "suspended", "ended"],
        as_json,
        "Pipeline perjanjian per DPW",
    )


@report_app.command("overdue")
def overdue(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Follow-up actions past their due date."""
    from jalin.services.registry import report_overdue

    _print(
        _run(report_overdue, date.today()),
        ["id", "description", "owner", "due_on", "days_overdue", "place"],
        as_json,
        "Tindak lanjut terlambat",
    )


@report_app.command("members")
def members_per_province(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    from jalin.geo import get_atlas
    from jalin.services.registry import report_members_per_province

    _print(
        _run(report_members_per_province, get_atlas()),
        ["province_code", "province", "active", "applicant", "suspended", "left"],
        as_json,
        "Anggota per provinsi",
    )
