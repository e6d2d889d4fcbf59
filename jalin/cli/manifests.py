"""`jalin manifests list|show|confirm`: handover manifests from the command line (as admin)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, fail
from jalin.cli.shipments import run, write_out
from jalin.i18n import rupiah, t, when

manifests_app = typer.Typer(
    no_args_is_help=True, help="Manifest serah terima / handover manifests: daftar, lihat, konfirmasi."
)


def print_manifest(m: dict[str, Any]) -> None:
    console.print(
        f"[bold]{m['id']}[/] · {m['from_carrier']} → {m['to_carrier']} · {m['facility']} ({m['district']}) · "
        f"{m['date']} · {m['status']}"
    )
    table = Table(
        t("ship.col.number"),
        t("manifest.col.weight"),
        t("manifest.col.dims"),
        "COD",
        t("manifest.col.planned"),
        t("ship.col.status"),
    )
    for line in m["lines"]:
        table.add_row(
            line["number"],
            line["weight_kg"],
            "x".join(line["dims_cm"]) if line["dims_cm"] else "",
            rupiah(line["cod_amount"]) if line["cod_amount"] else "",
            when(line["planned_at"]),
            line["status"],
        )
    console.print(table)
    totals = m["totals"]
    console.print(
        t(
            "manifest.totals",
            shipments=totals["shipments"],
            weight=totals["weight_kg"],
            cod=rupiah(totals["cod_amount"]),
            handed_over=totals["handed_over"],
            cancelled=totals["cancelled"],
        )
    )


@manifests_app.command("list")
def list_cmd(
    facility: Annotated[str | None, typer.Option("--facility")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Local date YYYY-MM-DD")] = None,
    carrier: Annotated[str | None, typer.Option("--carrier")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Manifests by facility, local date and carrier, newest first."""
    from jalin.services.shipments.manifests import list_manifests

    page = run(list_manifests, facility=facility, day=date, carrier=carrier)
    if as_json:
        print(json.dumps(page, ensure_ascii=False))
        return
    table = Table(
        t("manifest.col.manifest"),
        t("manifest.col.date"),
        t("manifest.col.facility"),
        t("ship.col.from"),
        t("ship.col.to"),
        t("manifest.col.lines"),
        t("manifest.col.confirmed"),
    )
    for m in page["items"]:
        table.add_row(
            m["id"],
            m["date"],
            m["facility"],
            m["from_carrier"],
            m["to_carrier"],
            str(m["lines"]),
            when(m["confirmed_at"]) if m["confirmed_at"] else "",
        )
    console.print(table)


@manifests_app.command("show")
def show_cmd(
    manifest_id: str,
    fmt: Annotated[str, typer.Option("--format", help="json, pdf or csv")] = "json",
    out: Annotated[Path | None, typer.Option("--out", help="Write the PDF/CSV here")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One manifest: on screen, as JSON, or as a PDF/CSV file."""
    from jalin.geo import get_atlas
    from jalin.services.shipments.documents import manifest_document
    from jalin.services.shipments.manifests import show

    if fmt == "json":
        m = run(show, manifest_id)
        if as_json:
            print(json.dumps(m, ensure_ascii=False))
        else:
            print_manifest(m)
        return
    doc = run(lambda eng, who: manifest_document(eng, who, get_atlas(), manifest_id, fmt))
    path = out or Path("var") / "manifests" / doc.filename
    write_out(path, doc.content)
    console.print(t("manifest.written", id=manifest_id, path=path))


@manifests_app.command("confirm")
def confirm_cmd(
    manifest_id: str,
    numbers: Annotated[list[str] | None, typer.Argument(help="Scanned numbers")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="One scanned number per line")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Confirm what was received: scanned numbers are handed over; prints missing and unexpected."""
    from jalin.services.shipments.manifests import confirm

    scanned = list(numbers or [])
    if file is not None:
        if not file.is_file():
            raise fail(t("file.missing", path=file))
        scanned += [line.strip() for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    answer = run(confirm, manifest_id, scanned)
    if as_json:
        print(json.dumps(answer, ensure_ascii=False))
        return
    print_manifest(answer)
    console.print(t("manifest.handed_over", numbers=", ".join(answer["handed_over"]) or "-"))
    console.print("[yellow]" + t("manifest.missing", numbers=", ".join(answer["missing"]) or "-") + "[/]")
    console.print("[red]" + t("manifest.unexpected", numbers=", ".join(answer["unexpected"]) or "-") + "[/]")
