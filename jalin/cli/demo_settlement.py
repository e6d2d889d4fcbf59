"""The demo's settlement: the booked demo shipments handed over (their manifests confirmed by
the receiving carriers) and delivered (a `delivered` event through event ingest, with the COD
cash), then the week's netting and one member's statement written to var/statements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from jalin.cli.common import console
from jalin.cli.settlement import print_period
from jalin.errors import JalinError
from jalin.geo import get_atlas
from jalin.i18n import t
from jalin.registry.access import CLI_ADMIN
from jalin.services.network_state import NetworkState
from jalin.services.settlement.periods import show
from jalin.services.settlement.statements import statement_document
from jalin.services.shipments.manifests import confirm
from jalin.services.shipments.views import parse_member_ref
from jalin.services.tracking.ingest import ingest
from jalin.settings import Settings
from jalin.settlement import period_id
from jalin.settlement.periods import WIB


def _deliver(engine: Engine, state: NetworkState, s: dict[str, Any], at: datetime) -> None:
    last = s["legs"][-1]
    event = {
        "event_id": f"DEMO-{s['number']}-DLV",
        "number": s["number"],
        "carrier": last["carrier"],
        "status": "delivered",
        "occurred_at": at.isoformat(),
        "location": s["to"],
        "description": "Paket diterima",
        "received_by": s["recipient"]["name"],
        "cod_collected": s["cod_amount"] or None,
    }
    ingest(engine, state, get_atlas(), CLI_ADMIN, {"events": [event]})


def book_week_traffic(
    engine: Engine, state: NetworkState, settings: Settings, booked: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A week's worth of traffic on the demo's interline routes: each carrier of such a route
    books two parcels on it as a booking member (one with COD), so money flows both ways between
    the carriers and netting has something to save. Reruns the same day replay the same keys."""
    from jalin.geo import get_resolver
    from jalin.services.shipments.booking import book, member_for_carrier

    ready = (datetime.now(WIB) + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    out: list[dict[str, Any]] = []
    for i, s in enumerate(b for b in booked if b["handovers"] and not b.get("test")):
        for carrier in dict.fromkeys(leg["carrier"] for leg in s["legs"]):
            member = member_for_carrier(engine, carrier)
            for j, cod in enumerate((0, 75000)):
                payload = {
                    "from": s["from"], "to": s["to"], "weight_kg": "1", "ready_at": ready.isoformat(),
                    "cod_amount": cod, "contents": "pakaian", "reference": f"MINGGU-{i}-{carrier}-{j}",
                    "shipper": s["shipper"], "recipient": s["recipient"], "booked_by": member,
                    "choose": "cheapest" if j else "fastest",
                }  # fmt: skip
                try:
                    result = book(
                        engine, state, get_resolver(), CLI_ADMIN, payload,
                        f"demo-week-{ready:%Y%m%d}-{i}-{carrier}-{j}", indicator=settings.shipment_indicator,
                    )  # fmt: skip
                except JalinError as exc:
                    console.print(f"[yellow]{carrier}: {exc.code.value}[/]")
                    continue
                out.append(result.body)
    return out


def settle_demo_shipments(
    engine: Engine, state: NetworkState, settings: Settings, booked: list[dict[str, Any]]
) -> None:
    """Hand over and deliver the booked (non-sandbox) demo shipments and a week's traffic on
    their routes, then show the week's netting and write the first booking member's statement."""
    live = [s for s in booked if not s.get("test")]
    if not live:
        return
    traffic = book_week_traffic(engine, state, settings, live)
    now = datetime.now(UTC).replace(microsecond=0)
    for s in live + traffic:
        try:
            for h in s["handovers"]:
                confirm(engine, CLI_ADMIN, h["manifest"], [s["number"]])
            _deliver(engine, state, s, now - timedelta(minutes=1))
        except JalinError as exc:
            console.print(f"[yellow]{s['number']}: {exc.code.value}: {exc.message}[/]")
            continue
        if s in live:
            console.print(
                f"{s['number']}: {len(s['handovers'])} serah terima, diterima / handed over, delivered"
            )
    if traffic:
        console.print(
            f"+ {len(traffic)} kiriman lain di rute yang sama, diserahterimakan dan diterima / more parcels"
        )
    period = show(engine, CLI_ADMIN, period_id(now))
    console.print(f"\n[bold]Kliring minggu ini / this week's settlement ({period['id']})[/]")
    print_period(period)
    member = parse_member_ref(live[0]["booked_by"]) or next((r["member"] for r in period["members"]), None)
    if member is None:
        return
    doc = statement_document(engine, CLI_ADMIN, period["id"], member, "pdf")
    out = Path(settings.data_dir) / "statements" / doc.filename
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(doc.content)
    console.print(t("settlement.written", path=out))
