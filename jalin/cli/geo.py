"""`jalin db ...`, `jalin geo ...`, `jalin serve`: schema, regions and address resolution, the API."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from jalin.cli.common import console, engine, fail, thousands
from jalin.gc_tuning import one_answer
from jalin.i18n import t

if TYPE_CHECKING:
    from jalin.geo import Atlas

db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
geo_app = typer.Typer(no_args_is_help=True, help="Indonesian regions and address resolution.")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration (idempotent)."""
    from jalin.storage.db import current_revision, upgrade

    with engine(schema=False) as eng:
        upgrade(eng)
        console.print(t("db.upgraded", rev=current_revision(eng)))


@geo_app.command("load")
def geo_load() -> None:
    """Store provinces, regencies and districts in the database and print a summary."""
    from jalin.geo import get_atlas
    from jalin.storage.regions import sync_regions

    atlas = get_atlas()
    print_geo_summary(atlas)
    with engine() as eng:
        console.print(t("geo.stored", added=sync_regions(eng, atlas)))


def print_geo_summary(atlas: Atlas) -> None:
    from jalin.geo import Level

    counts = {lv: len(atlas.areas(lv)) for lv in Level}
    postal = {v.postal_code for v in atlas.areas(Level.VILLAGE) if v.postal_code}
    console.print(
        t(
            "geo.loaded",
            provinces=counts[Level.PROVINCE],
            regencies=counts[Level.REGENCY],
            districts=counts[Level.DISTRICT],
            villages=thousands(counts[Level.VILLAGE]),
            postal=thousands(len(postal)),
        )
    )
    points = [atlas.point(d.code) for d in atlas.districts()]
    exact = sum(1 for p in points if p and not p.approximate)
    console.print(t("geo.points", exact=exact, approx=len(points) - exact))


def _read_queries(texts: list[str], file: str | None) -> list[str]:
    queries = list(texts)
    if file == "-":
        queries.extend(line.rstrip("\n") for line in sys.stdin)
    elif file:
        path = Path(file)
        if not path.is_file():
            raise fail(t("file.missing", path=file))
        queries.extend(path.read_text(encoding="utf-8-sig", errors="replace").splitlines())
    return [q for q in queries if q.strip()]


@geo_app.command("resolve")
def geo_resolve(
    text: Annotated[list[str] | None, typer.Argument(help="Addresses, region codes or postal codes")] = None,
    file: Annotated[str | None, typer.Option("--file", help="One query per line; '-' reads stdin")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
) -> None:
    """Resolve addresses to a district (and village), as sellers type them."""
    queries = _read_queries(text or [], file)
    if not queries:
        raise fail(t("resolve.nothing"))
    with one_answer():
        _resolve(queries, as_json=as_json)


def _resolve(queries: list[str], *, as_json: bool) -> None:
    from jalin.geo import QueryError, Resolution, get_resolver

    resolver = get_resolver()
    table = Table(t("col.place"), t("col.district"), t("col.village"), t("col.confidence"), t("col.notes"))
    for q in queries:
        try:
            res = resolver.resolve(q)
        except QueryError as exc:
            res = Resolution(query=q, issues=[str(exc)])  # same shape as any answer: no district, one issue
        if as_json:
            print(json.dumps(res.to_dict(), ensure_ascii=False))
            continue
        d, v = res.district, res.village
        notes = list(res.issues)
        if res.alternatives:
            notes.append("≈ " + "; ".join(f"{a.name} ({a.code})" for a in res.alternatives[:3]))
        table.add_row(
            q if len(q) <= 80 else q[:77] + "…",
            f"{d.code} {d.name}, {d.regency}, {d.province} ({d.zone})" if d else "-",
            f"{v.code} {v.name} {v.postal_code or ''}" if v else "-",
            t(f"confidence.{res.confidence}"),
            "\n".join(notes),
        )
    if not as_json:
        console.print(table)


@geo_app.command("search")
def geo_search(
    name: Annotated[str, typer.Argument(help="Name or its beginning")],
    level: Annotated[str | None, typer.Option(help="province, regency, district or village")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 15,
) -> None:
    """Autocomplete-style search by name."""
    from jalin.geo import Level, get_atlas

    levels = {lv.label: lv for lv in Level}
    if level is not None and level not in levels:
        raise fail(f"--level: '{level}' is not one of {', '.join(levels)}.")
    atlas = get_atlas()
    found = atlas.search(name, level=levels[level] if level else None, limit=limit)
    if not found:
        raise fail(t("geo.no_match", q=name), code=1)
    table = Table(t("col.code"), t("col.name"), t("col.level"), t("col.place"))
    for a in found:
        table.add_row(
            a.code, a.name, t(f"level.{a.level.label}"), ", ".join(p.name for p in reversed(atlas.lineage(a)))
        )
    console.print(table)


@geo_app.command("show")
def geo_show(code: Annotated[str, typer.Argument(help="Region code, dotted or digits only")]) -> None:
    """One region: parents, zone, children, postal codes and point."""
    from jalin.geo import get_atlas

    atlas = get_atlas()
    area = atlas.get(code)
    if area is None:
        raise fail(t("geo.unknown", code=code), code=1)
    console.print(f"[bold]{area.code} {area.name}[/] ({t(f'level.{area.level.label}')}, {area.kind})")
    for p in atlas.lineage(area):
        console.print(f"  ↳ {p.code} {p.name}")
    console.print(f"  {t('col.zone')}: {area.zone.value} (UTC+{area.zone.offset_hours})")
    children = atlas.children(area.code)
    if children:
        console.print(
            f"  {len(children)} × "
            + ", ".join(c.name for c in children[:12])
            + (" …" if len(children) > 12 else "")
        )
    postal = atlas.postal_codes(area.code)
    if postal:
        console.print(
            f"  Kode pos: {', '.join(postal[:15])}" + (f" … ({len(postal)})" if len(postal) > 15 else "")
        )
    point = atlas.point(area.code)
    if point:
        console.print(f"  {point.lat:.4f}, {point.lon:.4f}" + (" (perkiraan)" if point.approximate else ""))
