"""`jalin quote` and `jalin agreements ...`: interline quotes from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, engine, err, fail, fail_on, rupiah
from jalin.errors import JalinError
from jalin.i18n import message_of, t, when


def _carriers(option: dict[str, Any]) -> str:
    chain: list[str] = []
    for leg in option["legs"]:
        if leg["type"] == "run" and (not chain or chain[-1] != leg["carrier"]):
            chain.append(leg["carrier"])
    return " → ".join(chain)


def _route(option: dict[str, Any]) -> str:
    parts = []
    for leg in option["legs"]:
        if leg["type"] == "handover":
            parts.append(
                f"⇄ {leg['from']['carrier']}→{leg['to']['carrier']} {t('quote.at')} {leg['area_code']} "
                f"({when(leg['at'])}, {rupiah(leg['fee'])})"
            )
        else:
            parts.append(
                f"{leg['carrier']} {leg['service']} {leg['origin']}→{leg['destination']} "
                f"{when(leg['departure'])} → {when(leg['arrival'])}"
            )
    return "\n".join(parts)


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


def print_answer(body: dict[str, Any], *, show_legs: bool) -> None:
    o, d = body["resolution"]["origin"], body["resolution"]["destination"]
    for label, p in ((t("quote.from"), o), (t("quote.to"), d)):
        via = (
            ""
            if p["resolved_by"] in ("district_code",)
            else " " + t("quote.read_as", query=p["query"], how=p["resolved_by"], confidence=p["confidence"])
        )
        console.print(
            f"{label}: [bold]{p['code']} {p['name']}[/], {p['regency']}, {p['province']} ({p['zone']}){via}"
        )
    console.print(
        t("quote.ready", at=when(body["ready_at"]), kg=body["weight_kg"])
        + (f" · {'x'.join(body['dims_cm'])} cm" if body["dims_cm"] else "")
        + (" · COD" if body["cod"] else "")
        + t("quote.max_handovers", n=body["max_handovers"], policy=body["handovers_allowed"])
    )
    if body["no_route"]:
        console.print(f"[bold red]{t('quote.no_route')}[/]: {body['no_route']['message']}")
        return
    table = Table(
        t("col.arrives"),
        t("col.price"),
        t("col.handovers"),
        t("col.carriers"),
        *([t("col.route")] if show_legs else []),
        title=t("quote.options", n=len(body["options"])),
    )
    for opt in body["options"]:
        table.add_row(
            when(opt["delivered_at"]),
            rupiah(opt["price"]),
            str(opt["handovers"]),
            _carriers(opt),
            *([_route(opt)] if show_legs else []),
        )
    console.print(table)


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
    legs: Annotated[bool, typer.Option("--legs/--no-legs", help="Show each option's legs")] = True,
) -> None:
    """Every sensible way to send a parcel: one carrier or several, Pareto over arrival, price, handovers."""
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
