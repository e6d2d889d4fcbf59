"""`jalin settlement periods | show ID | close ID | statement ID MEMBER --format ...` (as admin)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, fail
from jalin.cli.shipments import run, write_out
from jalin.i18n import rupiah, t
from jalin.registry.access import Principal

if TYPE_CHECKING:
    from sqlalchemy import Engine

settlement_app = typer.Typer(
    no_args_is_help=True,
    help="Kliring antaranggota / settlement: periode, netting, penutupan, laporan anggota.",
)


def _signed(n: int) -> str:
    return rupiah(n) if n >= 0 else "-" + rupiah(-n)


def figures_line(p: dict[str, Any]) -> str:
    """One line of the period's netting figures (gross, net, ratio, bilateral, transfers saved)."""
    return t(
        "settlement.figures",
        gross=rupiah(p["gross"]),
        net_total=rupiah(p["net_total"]),
        ratio=f"{p['netting_ratio']:.1%}",
        bilateral=rupiah(p["bilateral_total"]),
        transfers=p["transfers"],
        pairs=p["bilateral_transfers"],
        saved=max(0, p["bilateral_transfers"] - p["transfers"]),
    )


def print_period(p: dict[str, Any]) -> None:
    console.print(f"[bold]{p['id']}[/] · {p['first_day']} - {p['last_day']} (WIB) · {p['status']}")
    console.print(figures_line(p))
    table = Table(
        *(t(f"settlement.col.{c}") for c in ("member", "receivable", "payable", "net")), "Instruksi"
    )
    for r in p["members"]:
        ins = r["instruction"]
        table.add_row(
            f"{r['name']} ({r['member']})",
            rupiah(r["receivable"]),
            rupiah(r["payable"]),
            _signed(r["net"]),
            t(f"settlement.instruction.{ins['direction']}", amount=rupiah(ins["amount"])) if ins else "-",
        )
    console.print(table)


@settlement_app.command("periods")
def periods_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Periods, newest first: dates, status, gross, net total."""
    from jalin.services.settlement.periods import list_periods

    page = run(list_periods)
    if as_json:
        print(json.dumps(page, ensure_ascii=False))
        return
    table = Table("ID", *(t(f"settlement.col.{c}") for c in ("dates", "status", "gross", "net_total")))
    for p in page["items"]:
        table.add_row(
            p["id"],
            f"{p['first_day']} - {p['last_day']}",
            p["status"],
            rupiah(p["gross"]),
            rupiah(p["net_total"]),
        )
    console.print(table)


@settlement_app.command("show")
def show_cmd(period: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """One period's netting figures and every member's row and instruction."""
    from jalin.services.settlement.periods import show

    p = run(show, period)
    if as_json:
        print(json.dumps(p, ensure_ascii=False))
        return
    print_period(p)


@settlement_app.command("close")
def close_cmd(period: str) -> None:
    """Close an ended period (its totals are frozen; it never changes again)."""
    from jalin.services.settlement.periods import close

    p = run(close, period)
    console.print(t("settlement.closed", period=p["id"]))
    console.print(figures_line(p))


@settlement_app.command("statement")
def statement_cmd(
    period: str,
    member: Annotated[str, typer.Argument(help="Member id (12) or reference (M0012)")],
    fmt: Annotated[str, typer.Option("--format", help="pdf, xlsx or csv")] = "pdf",
    out: Annotated[Path | None, typer.Option("--out", help="Default var/statements/FILE")] = None,
) -> None:
    """Write a member's statement for a period (Indonesian) to a file."""
    from jalin.services.settlement.statements import statement_document
    from jalin.services.shipments.views import parse_member_ref
    from jalin.settings import Settings

    member_id = parse_member_ref(member)
    if member_id is None:
        raise fail(t("settlement.bad_member", member=member))
    doc = run(statement_document, period, member_id, fmt)
    path = out or Path(Settings().data_dir) / "statements" / doc.filename
    write_out(path, doc.content)
    console.print(t("settlement.written", path=path))


@settlement_app.command("statements")
def statements_cmd(
    period: str,
    fmt: Annotated[str, typer.Option("--format", help="pdf, xlsx or csv")] = "pdf",
    out: Annotated[Path | None, typer.Option("--out", help="Folder; default var/statements/PERIOD")] = None,
) -> None:
    """Write every member's statement for a period (one pass over its lines) into a folder."""
    from jalin.services.settlement.statements import all_statements
    from jalin.settings import Settings

    folder = out or Path(Settings().data_dir) / "statements" / period
    n = 0

    def write_all(engine: Engine, who: Principal) -> None:
        nonlocal n
        for doc in all_statements(engine, who, period, fmt):
            write_out(folder / doc.filename, doc.content)
            n += 1

    run(write_all)
    console.print(t("settlement.written", path=f"{folder} ({n})"))
