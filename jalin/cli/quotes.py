"""`jalin quote` and `jalin agreements ...`: interline quotes from the command line."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, engine, err, fail, fail_on, rupiah
from jalin.errors import JalinError
from jalin.gc_tuning import one_answer
from jalin.i18n import message_of, t, when
from jalin.services.quote_views import OptionView, option_views


def leg_lines(view: OptionView) -> list[str]:
    """Each leg of an option on one line: carrier and service by name, places, times, money."""
    lines = []
    for leg in view.legs:
        if leg["type"] == "handover":
            lines.append(
                t(
                    "quote.leg.handover",
                    giver=leg["from"]["carrier"],
                    taker=leg["to"]["carrier"],
                    area=leg["area_code"],
                    at=when(leg["at"]),
                    fee=rupiah(leg["fee"]),
                )
            )
        else:
            lines.append(
                t(
                    "quote.leg.run",
                    carrier=leg.get("carrier_name") or leg["carrier"],
                    service=leg.get("service_name") or leg["service"],
                    origin=leg["origin"],
                    departure=when(leg["departure"]),
                    destination=leg["destination"],
                    arrival=when(leg["arrival"]),
                    price=rupiah(leg["price"]),
                )
            )
    return lines


def days_label(days: int) -> str:
    return t("quote.days.same") if days <= 0 else t("quote.days", n=days)


def badge_labels(view: OptionView) -> str:
    return ", ".join(t(f"quote.badge.{b}") for b in view.badges)


def print_answer(body: dict[str, Any], *, show_legs: bool) -> None:
    """The places as read, then one row per option; with `show_legs`, each option's legs beneath."""
    o, d = body["resolution"]["origin"], body["resolution"]["destination"]
    for key, p in (("from", o), ("to", d)):
        read = (
            ""
            if p["resolved_by"] == "district_code"
            else " " + t("quote.read_from", query=p["query"], confidence=t(f"confidence.{p['confidence']}"))
        )
        console.print(
            f"{t(f'quote.field.{key}')}: [bold]{p['code']} {p['name']}[/], {p['regency']}, "
            f"{p['province']} ({p['zone']}){read}",
            highlight=False,
        )
    console.print(
        t("quote.ready", at=when(body["ready_at"]), weight=body["weight_kg"].replace(".", ","))
        + (f" · {'x'.join(body['dims_cm'])} cm" if body["dims_cm"] else "")
        + (" · COD" if body["cod"] else "")
        + " · "
        + t(f"quote.handovers.{body['handovers_allowed']}", n=body["max_handovers"]),
        highlight=False,
    )
    if body["no_route"]:
        console.print(f"[bold red]{t('quote.no_route')}[/]: {body['no_route']['message']}")
        return
    views = option_views(body)
    table = Table(
        "#",
        t("quote.col.arrives"),
        t("quote.col.days"),
        t("quote.col.price"),
        t("quote.col.handovers"),
        t("quote.col.carriers"),
        t("quote.col.pickup"),
        t("quote.col.notes"),
        title=t("quote.options", n=len(views)),
    )
    for v in views:
        table.add_row(
            str(v.index + 1),
            when(v.delivered_at),
            days_label(v.days),
            rupiah(v.price),
            str(v.handovers),
            " → ".join(f"{s.carrier_name} ({s.service})" for s in v.segments),
            when(v.pickup_at) if v.pickup_at else "-",
            badge_labels(v),
        )
    console.print(table)
    if show_legs:
        for v in views:
            console.print(f"[bold]#{v.index + 1}[/] {when(v.delivered_at)} · {rupiah(v.price)}")
            for line in leg_lines(v):
                console.print(f"  {line}", highlight=False)


def quote_failure(exc: JalinError) -> typer.Exit:
    """The sentence for the error (the resolver's own note when it has one), and the candidates
    to choose from as a table with the command to repeat."""
    if exc.field not in ("from", "to"):
        return fail_on(exc)
    field = t(f"quote.field.{exc.field}")
    notes: list[str] = exc.extra.get("notes", [])
    candidates: list[dict[str, str]] = exc.extra.get("candidates", [])
    sentence = notes[-1] if notes else message_of(exc.code)
    if not candidates:
        return fail(f"{field}: {message_of(exc.code)} {' '.join(notes)}".strip())
    table = Table(t("col.code"), t("col.name"), t("col.regency"), t("col.province"))
    for c in candidates:
        regency = c["regency"] if c.get("level") != "regency" else ""
        table.add_row(c["code"], c["name"], regency, c["province"])
    err.print(f"[bold red]✗[/] {field}: {sentence}", highlight=False)
    err.print(table)
    return fail(t("quote.candidates", flag=exc.field, code=candidates[0]["code"]))


def quote(
    origin: Annotated[str, typer.Option("--from", help="District/village/postal code or an address")],
    destination: Annotated[str, typer.Option("--to", help="District/village/postal code or an address")],
    weight: Annotated[str, typer.Option("--weight", help="Kilograms, e.g. 2.5")],
    dims: Annotated[str | None, typer.Option("--dims", help="LxWxH in cm, e.g. 30x20x10")] = None,
    ready_at: Annotated[str | None, typer.Option("--ready-at", help="ISO with offset; default now")] = None,
    cod: Annotated[bool, typer.Option("--cod", help="Cash on delivery")] = False,
    max_handovers: Annotated[int, typer.Option("--max-handovers")] = 2,
    handover_minutes: Annotated[int, typer.Option("--handover-minutes")] = 120,
    feeds: Annotated[
        Path | None, typer.Option("--feeds", help="Quote over the feeds in DIR, no database")
    ] = None,
    open_handovers: Annotated[
        bool, typer.Option("--open-handovers", help="Every carrier pair may hand over")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    legs: Annotated[bool, typer.Option("--legs", help="Also show each option's legs")] = False,
) -> None:
    """Every sensible way to send a parcel: one carrier or several, Pareto over arrival, price, handovers."""
    # Over the snapshot a quote is a short process; over --feeds it parses and compiles (seconds,
    # up to a gigabyte), so the collector keeps running there.
    with one_answer() if feeds is None else nullcontext():
        _quote(
            origin,
            destination,
            weight,
            dims,
            ready_at,
            cod,
            max_handovers,
            handover_minutes,
            feeds,
            open_handovers,
            as_json=as_json,
            legs=legs,
        )


def _quote(
    origin: str,
    destination: str,
    weight: str,
    dims: str | None,
    ready_at: str | None,
    cod: bool,
    max_handovers: int,
    handover_minutes: int,
    feeds: Path | None,
    open_handovers: bool,
    *,
    as_json: bool,
    legs: bool,
) -> None:
    """`quote`'s work, with `quote`'s parameters."""
    from jalin.errors import JalinError
    from jalin.geo import get_atlas, get_resolver
    from jalin.routing import CompiledNetwork, HandoverPolicy, Planner
    from jalin.services.quotes import QuoteInput, answer, build_request

    q = QuoteInput(
        origin, destination, weight, dims, ready_at, cod, max_handovers, handover_minutes, open_handovers
    )
    try:
        request, o, d = build_request(get_resolver(), q)
    except JalinError as exc:
        raise quote_failure(exc) from None
    if feeds is not None:
        from jalin.services.offline import load_feeds_dir

        if not feeds.is_dir():
            raise fail(f"--feeds: {feeds} is not a folder of feeds.")
        offline = load_feeds_dir(feeds, get_atlas())
        for name, result in offline.invalid.items():
            s = result.to_dict()["summary"]
            console.print(
                f"[yellow]Feed {name} dilewati: {s['errors']} ERROR (jalin feed validate {feeds / name})[/]"
            )
        if not offline.feeds:
            raise fail(f"--feeds: no valid feed in {feeds}.", 1)
        if open_handovers:
            policy = HandoverPolicy.open()
        else:
            if offline.agreements is None:
                err.print(
                    f"Catatan: {feeds} tidak berisi agreements.csv, jadi tidak ada serah terima antarkurir; "
                    "pakai --open-handovers untuk mengizinkan semua pasangan."
                )
            pairs = [(a.carrier_a, a.carrier_b, a.fee, a.districts) for a in offline.agreements or []]
            policy = HandoverPolicy.from_pairs(pairs)
        body = answer(
            Planner(CompiledNetwork(offline.feeds), policy), request, o, d, open_handovers=open_handovers
        )
    else:
        from jalin.geo import get_atlas as atlas_provider
        from jalin.services.network_state import NetworkState
        from jalin.settings import Settings

        with engine() as eng:
            state = NetworkState(eng, atlas_provider, Settings().snapshots)
            planner = state.snapshot().planner(open_handovers=open_handovers)
        body = answer(planner, request, o, d, open_handovers=open_handovers)
    if as_json:
        print(json.dumps(body, ensure_ascii=False))
    else:
        print_answer(body, show_legs=legs)
