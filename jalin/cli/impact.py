"""`jalin impact`: what an agreement, a member joining or a member leaving would change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from jalin.cli.common import console, engine, err, fail, fail_on, rupiah, thousands

#: The comparison's steps as `timing_s` and the progress callback name them.
IMPACT_LAPS = {
    "planners": "jaringan sesudah usulan disusun / the network after the proposal is built",
    "searches": "pencarian hari ini, usulan, tiap kurir sendiri, semua terbuka selesai / searches done",
    "ranking": "peringkat perjanjian selesai / agreements ranked",
    "sums": "dijumlahkan per kecamatan dan provinsi / summed",
}


def _days(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}".replace(".", ",")


def _rp(v: int | None) -> str:
    return "–" if v is None else rupiah(v)


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.1f} %".replace(".", ",")


def print_impact(body: dict[str, Any], *, provinces: int = 10) -> None:
    """The summary an officer reads: national figures, baselines, provinces, the ranking."""
    n = body["national"]
    p = body["proposal"]
    console.print(
        f"[bold]Dampak usulan[/] / proposal impact: {len(body['origins'])} kecamatan asal, "
        f"{body['weight_kg']} kg, siap {body['ready_at']}, serah terima maks. {body['max_handovers']}; "
        f"{p['carriers_after']} kurir, {thousands(p['agreements_after'])} pasangan serah terima sesudahnya."
    )
    for j in p["join"]:
        console.print(
            f"  + {j['carrier_name']} ({j['carrier_id']}) bergabung; perjanjian dengan "
            f"{len(j['agreements_added'])} tetangga"
            + (f" ({rupiah(j['neighbour_fee'])}/paket)" if j["neighbour_fee"] is not None else "")
        )
    table = Table("Nasional / national", "", title=None)
    table.add_row(
        "Kecamatan terjangkau baru / districts newly reachable", thousands(n["newly_reachable_districts"])
    )
    table.add_row(
        "Pasangan asal–tujuan terjangkau baru / pairs newly reachable", thousands(n["newly_reachable_pairs"])
    )
    table.add_row(
        "Lebih cepat: pasangan, median hari, p90 / faster: pairs, median days, p90",
        f"{thousands(n['faster_pairs'])} · {_days(n['days_saved_median'])} · {_days(n['days_saved_p90'])}",
    )
    table.add_row(
        "Lebih murah: pasangan, median hemat / cheaper: pairs, median saved",
        f"{thousands(n['cheaper_pairs'])} · {_rp(n['rupiah_saved_median'])}",
    )
    table.add_row(
        "Kecamatan yang untung / districts gaining",
        f"{thousands(n['districts_gaining'])} dari {thousands(n['districts'])}",
    )
    table.add_row(
        "Daerah tertinggal yang untung / disadvantaged districts gaining",
        f"{_pct(n['remote_share_gaining'])} ({n['remote_gaining']} dari {n['remote_districts']})",
    )
    table.add_row(
        "Kecamatan perbatasan darat yang untung / frontier districts gaining",
        f"{_pct(n['frontier_share_gaining'])} ({n['frontier_gaining']} dari {n['frontier_districts']})",
    )
    table.add_row(
        "Hilang / lebih lambat / lebih mahal (pasangan) / lost / slower / dearer",
        f"{thousands(n['lost_pairs'])} / {thousands(n['slower_pairs'])} / {thousands(n['pricier_pairs'])}",
    )
    console.print(table)
    base = Table("Skenario / scenario", "Pasangan terjangkau", "Kecamatan", "Median hari", "Median harga")
    labels = {
        "alone": "tiap kurir sendiri / each carrier alone",
        "today": "perjanjian hari ini / today",
        "proposal": "dengan usulan / proposal",
        "ceiling": "semua terbuka / every pair open",
    }
    for key, label in labels.items():
        s = body["scenarios"].get(key)
        if s is not None:
            base.add_row(
                label,
                f"{thousands(s['reachable_pairs'])} / {thousands(s['pairs'])}",
                thousands(s["reachable_districts"]),
                _days(s["median_days"]),
                _rp(s["median_price"]),
            )
    console.print(base)
    gaining = sorted(
        (x for x in body["provinces"] if x["districts_gaining"]),
        key=lambda x: (-x["districts_gaining"], x["code"]),
    )
    if gaining:
        prov = Table(
            "Provinsi",
            "Kec. untung",
            "Baru",
            "Median hari (p90)",
            "Median hemat",
            "Tertinggal untung",
            "Perbatasan untung",
        )
        for x in gaining[:provinces]:
            prov.add_row(
                x["name"],
                f"{thousands(x['districts_gaining'])} / {thousands(x['districts'])}",
                thousands(x["newly_reachable_districts"]),
                f"{_days(x['days_saved_median'])} ({_days(x['days_saved_p90'])})",
                _rp(x["rupiah_saved_median"]),
                _pct(x["remote_share_gaining"]),
                _pct(x["frontier_share_gaining"]),
            )
        console.print(prov)
    if body["ranking"]["pairs"]:
        rank = Table(
            "#",
            "Pasangan / pair",
            "Tahap",
            "Baru",
            "Lebih cepat",
            "Median hari",
            "Lebih murah",
            "Kec. untung",
        )
        for i, r in enumerate(body["ranking"]["pairs"], 1):
            rank.add_row(
                str(i),
                f"{r['carrier_a']} – {r['carrier_b']}",
                r["stage"] or "–",
                thousands(r["newly_reachable_pairs"]),
                thousands(r["faster_pairs"]),
                _days(r["days_saved_median"]),
                thousands(r["cheaper_pairs"]),
                thousands(r["districts_gaining"]),
            )
        console.print("Perjanjian yang paling menguntungkan / agreements that would gain most:")
        console.print(rank)
    timing = dict(body["timing_s"])
    total = timing.pop("total", sum(timing.values()))
    steps = ", ".join(f"{step} {seconds:.1f}" for step, seconds in timing.items())
    console.print(f"[dim]Waktu / time: {total:.1f} s ({steps})[/]")
    console.print(f"[dim]Daerah tertinggal / disadvantaged: {body['remote_source']}[/]")
    console.print(f"[dim]Perbatasan / frontier: {body['frontier_source']}[/]")


def impact(
    add: Annotated[
        list[str] | None,
        typer.Option("--add", help="New agreement A:B[:FEE[:DISTRICT,...]], e.g. POS:KNGX1:1500"),
    ] = None,
    end: Annotated[list[str] | None, typer.Option("--end", help="Agreement that ends, A:B")] = None,
    terms: Annotated[
        list[str] | None, typer.Option("--terms", help="Agreement with other terms, A:B:FEE[:DISTRICT,...]")
    ] = None,
    join: Annotated[
        list[Path] | None, typer.Option("--join", help="Feed folder or .zip of a joining member")
    ] = None,
    join_fee: Annotated[
        int | None,
        typer.Option(
            "--join-fee", help="Joining members sign with every carrier they meet, at this fee (Rp)"
        ),
    ] = None,
    leave: Annotated[list[str] | None, typer.Option("--leave", help="carrier_id of a member leaving")] = None,
    origins: Annotated[
        list[str] | None,
        typer.Option("--from", help="Origin district (repeat); default the 38 province capitals"),
    ] = None,
    weight: Annotated[str, typer.Option("--weight", help="Kilograms")] = "1",
    ready_at: Annotated[
        str | None, typer.Option("--ready-at", help="ISO with offset; default tomorrow 09:00 WIB")
    ] = None,
    max_handovers: Annotated[int, typer.Option("--max-handovers")] = 2,
    rank: Annotated[int, typer.Option("--rank", help="Not-yet-active pairs to evaluate and rank (0-10)")] = 3,
    baselines: Annotated[
        bool, typer.Option("--baselines/--no-baselines", help="Each carrier alone and every pair open")
    ] = True,
    feeds: Annotated[
        Path | None, typer.Option("--feeds", help="Today's network from the feeds in DIR, no database")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON answer")] = False,
    csv_out: Annotated[
        Path | None,
        typer.Option("--csv", help="Write the per-district CSV here (and the ranking to NAME-peringkat.csv)"),
    ] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write the HTML report here")] = None,
) -> None:
    """Compare today's network with a proposal, per district, per province and nationally."""
    from jalin.errors import JalinError
    from jalin.geo import get_atlas, get_resolver
    from jalin.network.validator import validate_feed
    from jalin.services.impact import (
        ImpactInput,
        Today,
        parse_pair,
        parse_terms,
        proposal_from_parts,
        run_impact,
        run_live_impact,
    )

    atlas = get_atlas()
    try:
        joining = []
        for path in join or []:
            if not path.exists():
                raise fail(f"--join: {path} does not exist; give a feed folder or .zip")
            result = validate_feed(path, atlas)
            if result.feed is None or not result.valid:
                raise fail(
                    f"--join: {path} is not a valid feed; check it with: jalin feed validate {path}", 1
                )
            joining.append((result.feed, join_fee))
        proposal = proposal_from_parts(
            add=[parse_terms(t, "add") for t in add or []],
            end=[parse_pair(t, "end") for t in end or []],
            change=[parse_terms(t, "terms") for t in terms or []],
            join=joining,
            leave=leave or [],
            atlas=atlas,
        )
        q = ImpactInput(origins or None, weight, None, ready_at, max_handovers, 120, rank, baselines)
        if feeds is not None:
            from jalin.services.offline import load_feeds_dir

            if not feeds.is_dir():
                raise fail(f"--feeds: {feeds} is not a folder of feeds.")
            offline = load_feeds_dir(feeds, atlas)
            if not offline.feeds:
                raise fail(f"--feeds: no valid feed in {feeds}.", 1)
            pairs = tuple((a.carrier_a, a.carrier_b, a.fee, a.districts) for a in offline.agreements or [])
            body = run_impact(
                Today.of_feeds(offline.feeds, pairs), proposal, q, atlas=atlas, resolver=get_resolver()
            )
        else:
            from jalin.services.network_state import NetworkState
            from jalin.settings import Settings

            with engine() as eng:
                # The persisted snapshot, as `jalin quote` reads it: no feed parsed when it is current.
                state = NetworkState(eng, get_atlas, Settings().snapshots)
                body = run_live_impact(state, proposal, q, atlas=atlas, resolver=get_resolver())
    except JalinError as exc:
        raise fail_on(exc) from None
    if csv_out is not None:
        from jalin.web.impact_report import render_impact_csv

        csv_out.write_text(render_impact_csv(body), encoding="utf-8")
        err.print(f"CSV: {csv_out}")
        if rank:
            ranked = csv_out.with_name(csv_out.stem + "-peringkat.csv")
            ranked.write_text(render_impact_csv(body, "ranking"), encoding="utf-8")
            err.print(f"CSV peringkat / ranking: {ranked}")
    if html_out is not None:
        from jalin.web.impact_report import render_impact_html, report_assets

        static = report_assets(html_out)
        html_out.write_text(render_impact_html(body, atlas, static=static), encoding="utf-8")
        err.print(f"HTML: {html_out} (peta / map: {html_out.parent / static})")
    if as_json:
        print(json.dumps(body, ensure_ascii=False))
    else:
        print_impact(body)
