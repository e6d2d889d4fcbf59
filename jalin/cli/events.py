"""`jalin events ingest|show|epcis|simulate`: tracking events from the command line.

The command line acts as the DPP (admin): `ingest` reads CSV (header row; the columns of the
JSON event) or JSON lines (one event object per line) and posts them in batches of 1,000
through the same service as `POST /v1/events`; `--carrier` names the carrier of events that do
not name one. `show` prints a shipment's timeline with custody per leg; `epcis` writes it as
a GS1 EPCIS 2.0 document; `simulate` walks a test shipment to delivery (the sandbox).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, engine, fail, fail_on
from jalin.i18n import when

events_app = typer.Typer(no_args_is_help=True, help="Event pelacakan / tracking events: kirim, lihat.")

_INT_FIELDS = {"cod_collected"}


def read_events(path: Path) -> list[dict[str, Any]]:
    """Events from a CSV file (by extension) or JSON lines; empty CSV cells are absent fields."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        out: list[dict[str, Any]] = []
        for row in csv.DictReader(text.splitlines()):
            event: dict[str, Any] = {}
            for key, value in row.items():
                if key is None or value is None or value == "":
                    continue
                event[key] = int(value) if key in _INT_FIELDS and value.lstrip("-").isdigit() else value
            out.append(event)
        return out
    events = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise fail(f"{path}:{n}: bukan JSON / not JSON ({exc.msg})") from None
    return events


@events_app.command("ingest")
def ingest_cmd(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or JSON lines")],
    carrier: Annotated[str | None, typer.Option(help="Carrier of events that name none")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON")] = False,
) -> None:
    """Post events from FILE in batches of 1,000; print the counts (and rejections)."""
    from jalin.errors import JalinError
    from jalin.geo import get_atlas
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.network_state import NetworkState
    from jalin.services.tracking.ingest import ingest
    from jalin.settings import Settings
    from jalin.tracking import MAX_BATCH

    events = read_events(file)
    if carrier:
        events = [{"carrier": carrier.upper(), **e} if isinstance(e, dict) else e for e in events]
    total: dict[str, Any] = {"results": [], "accepted": 0, "duplicates": 0, "rejected": 0}
    with engine() as eng:
        state = NetworkState(eng, get_atlas, Settings().snapshots)
        for start in range(0, len(events), MAX_BATCH):
            try:
                got = ingest(
                    eng, state, get_atlas(), CLI_ADMIN, {"events": events[start : start + MAX_BATCH]}
                )
            except JalinError as exc:
                raise fail_on(exc) from None
            total["results"].extend(got.body["results"])
            for k in ("accepted", "duplicates", "rejected"):
                total[k] += got.body[k]
    if as_json:
        print(json.dumps(total, ensure_ascii=False))
        return
    console.print(
        f"diterima / accepted {total['accepted']} · duplikat / duplicates {total['duplicates']} · "
        f"ditolak / rejected {total['rejected']}"
    )
    for n, r in enumerate(total["results"], 1):
        if r["result"] == "rejected":
            console.print(f"  baris/line {n} {r['event_id']}: {r['code']}: {r['message']}", highlight=False)
    if total["rejected"]:
        raise typer.Exit(1)


@events_app.command("show")
def show_cmd(
    number: Annotated[str, typer.Argument(help="Master number")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """A shipment's timeline (ordered by occurred_at) and custody per leg."""
    from jalin.errors import JalinError
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.tracking.reading import timeline

    with engine() as eng:
        try:
            tl = timeline(eng, CLI_ADMIN, number)
        except JalinError as exc:
            raise fail_on(exc) from None
    if as_json:
        print(json.dumps(tl, ensure_ascii=False))
        return
    console.print(
        f"[bold]{tl['number']}[/] · {tl['status']} · ETA {when(tl['eta'])}"
        + (" · TERLAMBAT / LATE" if tl["late"] else "")
    )
    table = Table("Waktu", "Status", "Kurir", "Kode", "Lokasi", "Keterangan")
    for e in tl["events"]:
        table.add_row(
            when(e["occurred_at"]),
            e["status"] or "-",
            e["carrier"] or "",
            e["code"] or "",
            e["location"] or "",
            e["description"] or "",
        )
    console.print(table)
    for leg in tl["custody"]:
        took = when(leg["took_at"]) if leg["took_at"] else "-"
        gave = when(leg["gave_at"]) if leg["gave_at"] else "-"
        console.print(
            f"  leg {leg['seq']} {leg['carrier']}: {leg['status']} · ambil/took {took} · lepas/gave {gave}"
        )


@events_app.command("epcis")
def epcis_cmd(number: Annotated[str, typer.Argument(help="Master number")]) -> None:
    """The shipment's timeline as a GS1 EPCIS 2.0 document (JSON-LD) on standard output."""
    from jalin.errors import JalinError
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.tracking.epcis import export
    from jalin.settings import Settings

    with engine() as eng:
        try:
            doc = export(eng, CLI_ADMIN, number, Settings().public_url)
        except JalinError as exc:
            raise fail_on(exc) from None
    print(json.dumps(doc, ensure_ascii=False, indent=2))


@events_app.command("simulate")
def simulate_cmd(
    number: Annotated[str, typer.Argument(help="Master number of a test shipment")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Sandbox: walk a test shipment (booked with test: true) to delivery through the real ingest."""
    from jalin.errors import JalinError
    from jalin.geo import get_atlas
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.network_state import NetworkState
    from jalin.services.tracking.sandbox import simulate
    from jalin.settings import Settings

    with engine() as eng:
        state = NetworkState(eng, get_atlas, Settings().snapshots)
        try:
            got = simulate(eng, state, get_atlas(), CLI_ADMIN, number)
        except JalinError as exc:
            raise fail_on(exc, 1) from None
    if as_json:
        print(json.dumps(got, ensure_ascii=False))
        return
    console.print(
        f"[bold]{got['number']}[/] · {got['status']} · diterima / accepted {got['accepted']} · "
        f"duplikat / duplicates {got['duplicates']} · ditolak / rejected {got['rejected']}"
    )
