"""`jalin feed ...`, `jalin coverage ...`, `jalin network generate`: the network feeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from jalin.cli.common import console, engine, fail, fail_on, thousands, uow
from jalin.gc_tuning import one_answer
from jalin.i18n import t, wib

feed_app = typer.Typer(no_args_is_help=True, help="Validate, publish, activate and diff network feeds.")
network_app = typer.Typer(no_args_is_help=True, help="Synthetic networks.")

_SEVERITY_STYLE = {"ERROR": "bold red", "WARNING": "yellow", "INFO": "dim"}


def _validate(path: Path):
    from jalin.geo import get_atlas
    from jalin.network.source import FeedSourceError
    from jalin.network.validator import validate_feed

    try:
        return validate_feed(path, get_atlas())
    except FeedSourceError as exc:
        raise fail(f"{exc}. Berikan folder feed atau berkas .zip.") from None


def _print_report(result, limit: int = 40) -> None:
    from jalin.network.notices import CODES, FIX_ID

    d = result.to_dict()
    s = d["summary"]
    verdict = "[green]SAH / valid[/]" if d["valid"] else "[bold red]TIDAK SAH / invalid[/]"
    console.print(
        f"Feed {d['carrier_id'] or '?'}: {verdict} — {s['errors']} ERROR, {s['warnings']} WARNING, "
        f"{s['infos']} INFO"
    )
    if not result.notices.samples:
        return
    table = Table(*(t(f"feed.col.{c}") for c in ("severity", "code", "where", "field", "message")))
    for n in result.notices.samples[:limit]:
        where = f"{n.file or ''}{':' + str(n.line) if n.line else ''}"
        table.add_row(
            f"[{_SEVERITY_STYLE[n.severity]}]{n.severity}[/]",
            f"{n.code}\n[dim]{CODES[n.code][1]}[/]",
            where,
            n.field or "",
            f"{n.message}\n[dim]{FIX_ID[n.code]}[/]",
        )
    console.print(table)
    hidden = sum(result.notices.totals.values()) - min(limit, len(result.notices.samples))
    if hidden > 0:
        console.print(t("feed.more", n=thousands(hidden)))


@feed_app.command("validate")
def validate(
    path: Annotated[Path, typer.Argument(help="Feed folder or .zip")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report on stdout")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="Also write an HTML report here")] = None,
) -> None:
    """Check a feed against the contract. Exit 0 = no ERROR, 1 = ERRORs, 2 = usage error."""
    result = _validate(path)
    if html is not None:
        from jalin.web.feed_report import render_feed_report

        try:
            html.write_text(render_feed_report(result, source=str(path)), encoding="utf-8")
        except OSError as exc:
            raise fail(f"--html: cannot write {html}: {exc.strerror}.") from None
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        _print_report(result)
        if html is not None:
            console.print(t("feed.html_report", path=html))
    raise typer.Exit(0 if result.valid else 1)


@feed_app.command("publish")
def publish(path: Annotated[Path, typer.Argument(help="Feed folder or .zip")]) -> None:
    """Validate, store an immutable version and activate it (refused on any ERROR)."""
    from jalin.errors import JalinError
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.publishing import PublishStatus, publish_validated

    result = _validate(path)
    if not result.valid:
        _print_report(result)
        raise fail(t("feed.refused"), 1)
    try:
        with uow() as work:
            outcome = publish_validated(work, CLI_ADMIN, result)
    except JalinError as exc:
        raise fail_on(exc) from None
    v = outcome.version
    if outcome.status is PublishStatus.UNCHANGED:
        note = "" if v.active else t("feed.inactive", carrier=v.carrier_id, version=v.feed_version)
        console.print(t("feed.unchanged", carrier=v.carrier_id, version=v.feed_version, note=note))
        return
    prev = t("feed.replacing", version=outcome.previous.feed_version) if outcome.previous else ""
    console.print(
        t(
            "feed.published",
            carrier=v.carrier_id,
            version=v.feed_version,
            previous=prev,
            facilities=thousands(v.facilities),
            runs=thousands(v.runs),
            warnings=v.warnings,
            hash=v.content_hash[:12],
        )
    )


@feed_app.command("activate")
def activate(carrier: str, version: str) -> None:
    """Make a stored version the active one (rollback or roll forward)."""
    from jalin.errors import JalinError
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.publishing import activate as do_activate

    try:
        with uow() as work:
            v = do_activate(work, CLI_ADMIN, carrier, version)
    except JalinError as exc:
        raise fail_on(exc) from None
    console.print(t("feed.active", carrier=v.carrier_id, version=v.feed_version, hash=v.content_hash[:12]))


@feed_app.command("list")
def list_versions(carrier: Annotated[str | None, typer.Argument()] = None) -> None:
    """Published versions, the active one marked."""
    from jalin.services.publishing import list_versions as rows

    with uow() as work:
        versions = rows(work, carrier)
    table = Table(
        *(
            t(f"feed.col.{c}")
            for c in ("carrier", "version", "active", "facilities", "runs", "published", "hash")
        )
    )
    for v in versions:
        table.add_row(
            v.carrier_id,
            v.feed_version,
            "✓" if v.active else "",
            thousands(v.facilities),
            thousands(v.runs),
            wib(v.published_at),
            v.content_hash[:12],
        )
    console.print(table)


@feed_app.command("diff")
def diff(
    carrier: str,
    a: str,
    b: str,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Services, facilities and runs added/removed/changed from version A to B; districts gained/lost."""
    from jalin.errors import JalinError
    from jalin.geo import get_atlas
    from jalin.services.publishing import diff_versions

    try:
        with uow() as work:
            d = diff_versions(work, get_atlas(), carrier, a, b)
    except JalinError as exc:
        raise fail_on(exc) from None
    if as_json:
        print(json.dumps(d.to_dict(), ensure_ascii=False))
        return
    console.print(f"[bold]{carrier}[/]: {a} → {b}")
    table = Table("", t("feed.col.added"), t("feed.col.removed"), t("feed.col.changed"))
    for key, ch in (("services", d.services), ("facilities", d.facilities), ("runs", d.runs)):
        table.add_row(t(f"feed.diff.{key}"), _ids(ch.added), _ids(ch.removed), _ids(ch.changed))
    table.add_row(t("feed.diff.pickup"), _ids(d.pickup_gained), _ids(d.pickup_lost), "")
    table.add_row(t("feed.diff.delivery"), _ids(d.delivery_gained), _ids(d.delivery_lost), "")
    console.print(table)


def _ids(ids: list[str], show: int = 8) -> str:
    if not ids:
        return "-"
    more = f" … (+{len(ids) - show})" if len(ids) > show else ""
    return f"{len(ids)}: " + ", ".join(ids[:show]) + more


def coverage(
    target: Annotated[str, typer.Argument(help="A district code, or 'summary'")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Who picks up and who delivers in a district; or `summary`: districts per province by carrier count."""
    with one_answer():
        _coverage(target, as_json=as_json)


def _coverage(target: str, *, as_json: bool) -> None:
    from jalin.errors import JalinError
    from jalin.geo import get_atlas
    from jalin.services.coverage import check_district, coverage_summary, district_coverage
    from jalin.services.network_state import NetworkState
    from jalin.settings import Settings

    atlas = get_atlas()
    if target != "summary":
        try:
            check_district(atlas, target)
        except JalinError as exc:
            raise fail_on(exc) from None
    with engine() as eng:
        network = NetworkState(eng, get_atlas, Settings().snapshots).current()
    if target == "summary":
        summary = coverage_summary(network)
        if as_json:
            print(json.dumps(summary, ensure_ascii=False))
        else:
            print_summary(summary["provinces"])
        return
    body = district_coverage(network, atlas, target)
    if as_json:
        print(json.dumps(body, ensure_ascii=False))
        return
    area = atlas.get(body["district"]["code"])
    assert area is not None
    console.print(
        f"[bold]{area.code} {area.name}[/] — " + ", ".join(p.name for p in reversed(atlas.lineage(area)))
    )
    for key in ("pickup", "delivery"):
        items = body[key]
        console.print(
            t(f"coverage.{key}")
            + ": "
            + (
                "; ".join(f"{c['carrier_id']} ({', '.join(c['services'])})" for c in items)
                if items
                else "[red]" + t("coverage.none") + "[/]"
            )
        )


def print_summary(rows: list[dict]) -> None:
    table = Table(
        t("col.province"),
        t("coverage.districts"),
        t("coverage.delivery") + ": 0",
        "1",
        "2+",
        t("coverage.pickup") + ": 0",
        "1",
        "2+",
        title=t("coverage.summary_title"),
    )
    totals = [0] * 7
    for r in rows:
        vals = [
            r["districts"],
            r["delivery"]["0"],
            r["delivery"]["1"],
            r["delivery"]["2+"],
            r["pickup"]["0"],
            r["pickup"]["1"],
            r["pickup"]["2+"],
        ]
        totals = [a + b for a, b in zip(totals, vals, strict=True)]
        table.add_row(f"{r['code']} {r['name']}", *[thousands(v) for v in vals])
    table.add_row("[bold]Indonesia[/]", *[f"[bold]{thousands(v)}[/]" for v in totals])
    console.print(table)


@network_app.command("generate")
def generate(
    out: Annotated[Path, typer.Option(help="Folder to write one feed folder per carrier into")],
    preset: Annotated[str, typer.Option(help="small, regional or national")] = "small",
    seed: Annotated[int, typer.Option()] = 7,
) -> None:
    """Write a realistic synthetic network (deterministic by seed) plus agreements.csv."""
    import time

    from jalin.geo import get_atlas
    from jalin.network.generator import PRESETS, write_network
    from jalin.network.generator import generate as gen

    if preset not in PRESETS:
        raise fail(f"--preset '{preset}' tidak dikenal; pilih: {', '.join(PRESETS)}.")
    t0 = time.perf_counter()
    network = gen(get_atlas(), preset=preset, seed=seed)
    write_network(network, out)
    console.print(
        f"{len(network.feeds)} kurir, {thousands(sum(len(f.facilities) for f in network.feeds))} fasilitas, "
        f"{thousands(sum(len(f.runs) for f in network.feeds))} rute, {len(network.agreements)} perjanjian "
        f"→ {out} ({time.perf_counter() - t0:.1f} s)"
    )
