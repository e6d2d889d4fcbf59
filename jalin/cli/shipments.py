"""`jalin shipments book|show|list|cancel|label`: shipments from the command line.

The command line acts as the DPP (admin) on the configured database; `--member M0012` books on a
member's behalf. Errors print one message (Indonesian, then English) and exit 2.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table

from jalin.cli.common import console, engine, fail_on, rupiah
from jalin.i18n import t, when

shipments_app = typer.Typer(no_args_is_help=True, help="Kiriman / shipments: pesan, lihat, batal, label.")

T = TypeVar("T")


def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a shipments service as the CLI admin on the configured database; errors exit 2."""
    from jalin.errors import JalinError
    from jalin.registry.access import CLI_ADMIN

    with engine() as eng:
        try:
            return fn(eng, CLI_ADMIN, *args, **kwargs)
        except JalinError as exc:
            raise fail_on(exc) from None


def print_shipment(s: dict[str, Any]) -> None:
    """A shipment for people: number, status, price, route by leg and handover."""
    console.print(
        f"[bold]{s['number']}[/] · {s['status']}{' · ' + t('ship.sandbox') if s.get('test') else ''} · "
        f"{s['from']} → {s['to']} · {s['weight_kg']} kg · {rupiah(s['price'])}"
        + (f" · COD {rupiah(s['cod_amount'])}" if s["cod_amount"] else "")
    )
    console.print(t("ship.planned_delivery", at=when(s["planned_delivery"])))
    table = Table(
        *(
            t(f"ship.col.{c}")
            for c in ("leg", "carrier", "from", "to", "departs", "arrives", "price", "status", "carrier_ref")
        )
    )
    for leg in s["legs"]:
        table.add_row(
            str(leg["seq"]),
            leg["carrier"],
            next(iter(leg["from"].values())),
            next(iter(leg["to"].values())),
            when(leg["planned_departure"]),
            when(leg["planned_arrival"]),
            rupiah(leg["price"]),
            leg["status"],
            leg["carrier_ref"] or "",
        )
    console.print(table)
    for h in s["handovers"]:
        console.print(
            t(
                "ship.handover",
                seq=h["seq"],
                giver=h["from_carrier"],
                giver_facility=h["from_facility"],
                taker=h["to_carrier"],
                taker_facility=h["to_facility"],
                district=h["district"],
                at=when(h["planned_at"]),
                fee=rupiah(h["fee"]),
                status=h["status"],
                manifest=h["manifest"],
            )
        )


def _book(eng: Any, who: Any, payload: dict[str, Any], key: str) -> Any:
    from jalin.geo import get_atlas, get_resolver
    from jalin.services.network_state import NetworkState
    from jalin.services.shipments.booking import book
    from jalin.settings import Settings

    state = NetworkState(eng, get_atlas, Settings().snapshots)
    return book(eng, state, get_resolver(), who, payload, key, indicator=Settings().shipment_indicator)


@shipments_app.command("book")
def book_cmd(
    origin: Annotated[str, typer.Option("--from", help="District/village/postal code or an address")],
    destination: Annotated[str, typer.Option("--to", help="District/village/postal code or an address")],
    weight: Annotated[str, typer.Option("--weight", help="Kilograms, e.g. 2.5")],
    shipper_name: Annotated[str, typer.Option("--shipper-name")],
    shipper_phone: Annotated[str, typer.Option("--shipper-phone", help="08..., +628... or 628...")],
    shipper_address: Annotated[str, typer.Option("--shipper-address")],
    recipient_name: Annotated[str, typer.Option("--recipient-name")],
    recipient_phone: Annotated[str, typer.Option("--recipient-phone")],
    recipient_address: Annotated[str, typer.Option("--recipient-address")],
    dims: Annotated[str | None, typer.Option("--dims", help="LxWxH in cm, e.g. 30x20x10")] = None,
    ready_at: Annotated[str | None, typer.Option("--ready-at", help="ISO with offset; default now")] = None,
    cod_amount: Annotated[int, typer.Option("--cod", help="COD amount in rupiah (0 = none)")] = 0,
    declared_value: Annotated[int, typer.Option("--declared-value")] = 0,
    contents: Annotated[str | None, typer.Option("--contents")] = None,
    reference: Annotated[str | None, typer.Option("--reference")] = None,
    choose: Annotated[
        str, typer.Option("--choose", help="fastest, cheapest or fewest_handovers")
    ] = "fastest",
    member: Annotated[str | None, typer.Option("--member", help="Book for this member, e.g. M0012")] = None,
    key: Annotated[str | None, typer.Option("--key", help="Idempotency-Key (default: a new UUID)")] = None,
    test: Annotated[bool, typer.Option("--test", help="Sandbox shipment (never settled)")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Book a shipment: plan as `jalin quote` does, pick by --choose, print the master number."""
    payload: dict[str, Any] = {
        "from": origin,
        "to": destination,
        "weight_kg": weight,
        "dims_cm": dims,
        "ready_at": ready_at,
        "cod_amount": cod_amount,
        "declared_value": declared_value,
        "contents": contents,
        "reference": reference,
        "shipper": {"name": shipper_name, "phone": shipper_phone, "address": shipper_address},
        "recipient": {"name": recipient_name, "phone": recipient_phone, "address": recipient_address},
        "choose": choose,
        "test": test,
    }
    if member:
        payload["booked_by"] = member
    result = run(_book, payload, key or str(uuid.uuid4()))
    if as_json:
        print(json.dumps(result.body, ensure_ascii=False))
        return
    if result.replayed:
        console.print("[yellow]" + t("ship.replayed") + "[/]")
    print_shipment(result.body)


@shipments_app.command("show")
def show_cmd(number: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """One shipment with its legs and handovers."""
    from jalin.services.shipments.reading import show

    s = run(show, number)
    if as_json:
        print(json.dumps(s, ensure_ascii=False))
    else:
        print_shipment(s)


@shipments_app.command("list")
def list_cmd(
    status: Annotated[str | None, typer.Option("--status")] = None,
    carrier: Annotated[str | None, typer.Option("--carrier")] = None,
    booked_from: Annotated[str | None, typer.Option("--from-date", help="YYYY-MM-DD (WIB)")] = None,
    booked_to: Annotated[str | None, typer.Option("--to-date", help="YYYY-MM-DD (WIB), inclusive")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 50,
    cursor: Annotated[str | None, typer.Option("--cursor")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Shipments, newest first (`next_cursor` pages on)."""
    from jalin.services.shipments.reading import list_page

    page = run(
        list_page,
        status=status,
        carrier=carrier,
        booked_from=booked_from,
        booked_to=booked_to,
        cursor=cursor,
        limit=limit,
    )
    if as_json:
        print(json.dumps(page, ensure_ascii=False))
        return
    table = Table(
        *(
            t(f"ship.col.{c}")
            for c in ("number", "status", "booked", "from", "to", "carriers", "price", "planned_delivery")
        )
    )
    for s in page["items"]:
        table.add_row(
            s["number"],
            s["status"],
            when(s["created_at"]),
            s["from"],
            s["to"],
            " → ".join(leg["carrier"] for leg in s["legs"]),
            rupiah(s["price"]),
            when(s["planned_delivery"]),
        )
    console.print(table)
    if page["next_cursor"]:
        console.print(t("ship.next", cursor=page["next_cursor"]))


@shipments_app.command("cancel")
def cancel_cmd(number: str) -> None:
    """Cancel a shipment no carrier has taken yet."""
    from jalin.services.shipments.changes import cancel

    s = run(cancel, number)
    console.print(f"{s['number']}: {s['status']}")


def write_out(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@shipments_app.command("label")
def label_cmd(
    number: str,
    fmt: Annotated[str, typer.Option("--format", help="pdf (A6) or zpl (203 dpi thermal)")] = "pdf",
    out: Annotated[Path | None, typer.Option("--out", help="Default var/labels/NUMBER.pdf")] = None,
) -> None:
    """Write the shipment's label to a file."""
    from jalin.geo import get_atlas
    from jalin.services.shipments.documents import label
    from jalin.settings import Settings

    settings = Settings()
    doc = run(lambda eng, who: label(eng, who, get_atlas(), number, fmt, settings.public_url))
    path = out or Path(settings.data_dir) / "labels" / doc.filename
    write_out(path, doc.content)
    console.print(t("ship.label_written", number=number, path=path))
