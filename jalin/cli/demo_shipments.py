"""The demo's shipments: a handful booked across carriers through the booking service, with
their labels written to var/labels (PDF and ZPL)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from jalin.cli.common import console, rupiah
from jalin.errors import JalinError
from jalin.geo import get_atlas, get_resolver
from jalin.geo.zones import Zone
from jalin.i18n import when
from jalin.registry.access import CLI_ADMIN
from jalin.services.network_state import NetworkState
from jalin.services.quotes import QuoteInput, answer, build_request
from jalin.services.shipments.booking import book, member_for_carrier
from jalin.services.shipments.documents import label
from jalin.settings import Settings

SHOP = {"name": "Toko Sari Batik", "phone": "081234567890", "address": "Jl. Sudirman 5"}

#: (from, to, weight, dims, cod, how, recipient, test)
_DEMO = [
    (
        "jl sudirman 5 kec menteng jakarta pusat",
        "wamena jayawijaya",
        "2,5",
        "30x20x10",
        0,
        "interline",
        {"name": "Yosef Wenda", "phone": "081344556677", "address": "Jl. Trikora 3"},
        False,
    ),
    (
        "jl sudirman 5 kec menteng jakarta pusat",
        "jl. ahmad yani 12, kec. kendari barat, kota kendari",
        "1,2",
        "25x20x8",
        150000,
        "cheapest",
        {"name": "Budi Santoso", "phone": "+6281298765432", "address": "Jl. Ahmad Yani 12"},
        False,
    ),
    (
        "kec coblong kota bandung",
        "kel lalombaa kolaka sultra",
        "4",
        None,
        0,
        "fewest_handovers",
        {"name": "Wa Ode Nurhaida", "phone": "085298761234", "address": "Jl. Pemuda 8"},
        False,
    ),
    (
        "kec genteng kota surabaya",
        "kec mariso kota makassar",
        "0,8",
        "20x15x5",
        85000,
        "fastest",
        {"name": "Andi Tenri", "phone": "6281355501234", "address": "Jl. Cendrawasih 21"},
        False,
    ),
    (
        "kec medan baru kota medan",
        "kec denpasar selatan",
        "1",
        None,
        0,
        "fastest",
        {"name": "Ni Luh Ayu", "phone": "081999887766", "address": "Jl. Bypass Ngurah Rai 100"},
        True,
    ),
]


def _interline_option(state: NetworkState, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The fastest option with a handover in a quote with the booking's inputs (as a user would pick)."""
    q = QuoteInput(
        payload["from"], payload["to"], payload["weight_kg"], payload["dims_cm"], payload["ready_at"]
    )
    request, origin, destination = build_request(get_resolver(), q)
    body = answer(
        state.snapshot().planner(open_handovers=False), request, origin, destination, open_handovers=False
    )
    return next((o for o in body["options"] if o["handovers"] > 0), None)


def book_demo_shipments(engine: Engine, state: NetworkState, settings: Settings) -> list[dict[str, Any]]:
    """Book the demo shipments (the same ones again on a rerun the same day: the keys replay);
    returns them as booked."""
    booked: list[dict[str, Any]] = []
    booked_by = member_for_carrier(engine, "POS")
    ready = (datetime.now(Zone.WIB.tzinfo) + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    out = Path(settings.data_dir) / "labels"
    out.mkdir(parents=True, exist_ok=True)
    for i, (src, dst, weight, dims, cod, how, recipient, test) in enumerate(_DEMO, start=1):
        payload: dict[str, Any] = {
            "from": src,
            "to": dst,
            "weight_kg": weight,
            "dims_cm": dims,
            "ready_at": ready.isoformat(),
            "cod_amount": cod,
            "contents": "pakaian" if i % 2 else "kerajinan",
            "reference": f"DEMO-{ready:%Y%m%d}-{i}",
            "shipper": SHOP,
            "recipient": recipient,
            "test": test,
        }
        if booked_by is not None:
            payload["booked_by"] = booked_by
        try:
            option = _interline_option(state, payload) if how == "interline" else None
            if option is not None:
                payload["option"] = option
            else:
                payload["choose"] = "fastest" if how == "interline" else how
            result = book(
                engine,
                state,
                get_resolver(),
                CLI_ADMIN,
                payload,
                f"demo-{ready:%Y%m%d}-{i}",
                indicator=settings.shipment_indicator,
            )
        except JalinError as exc:
            console.print(
                f"[yellow]Kiriman demo {i} tidak dipesan / not booked: {exc.code.value}: {exc.message}[/]"
            )
            continue
        s = result.body
        booked.append(s)
        pdf = label(engine, CLI_ADMIN, get_atlas(), s["number"], "pdf", settings.public_url)
        zpl = label(engine, CLI_ADMIN, get_atlas(), s["number"], "zpl", settings.public_url)
        (out / pdf.filename).write_bytes(pdf.content)
        (out / zpl.filename).write_bytes(zpl.content)
        chain = " → ".join(leg["carrier"] for leg in s["legs"])
        if s["handovers"]:
            chain += " (serah terima di " + ", ".join(h["to_facility"] for h in s["handovers"]) + ")"
        money = rupiah(s["price"]) + (f" + COD {rupiah(s['cod_amount'])}" if s["cod_amount"] else "")
        console.print(
            f"[bold]{s['number']}[/]{' (sandbox)' if s['test'] else ''}  {s['from']} → {s['to']}  {chain}  "
            f"{money}  tiba {when(s['planned_delivery'])}",
            soft_wrap=True,
        )
        console.print(f"    label: {out / pdf.filename}  {out / zpl.filename}", soft_wrap=True)
    console.print(
        f"Label PDF (A6) dan ZPL ada di {out}; lacak publik / public tracking: "
        f"{settings.public_url}/v1/track/NOMOR"
    )
    return booked
