"""The demo: everything a newcomer should see after `make demo`, built from the real services."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from jalin.cli.common import console, thousands
from jalin.cli.demo_settlement import settle_demo_shipments
from jalin.cli.demo_shipments import book_demo_shipments
from jalin.cli.demo_users import create_demo_users
from jalin.cli.feeds import print_summary
from jalin.cli.geo import print_geo_summary
from jalin.cli.quotes import leg_lines, print_answer
from jalin.geo import get_atlas, get_resolver
from jalin.i18n import t
from jalin.network.generator import generate, write_network
from jalin.network.model import Feed
from jalin.network.validator import validate_feed
from jalin.registry.access import CLI_ADMIN
from jalin.services.demo_association import seed_association
from jalin.services.network_state import NetworkState
from jalin.services.publishing import PublishStatus, publish_validated
from jalin.services.quote_views import option_views
from jalin.services.quotes import QuoteInput, answer, build_request
from jalin.settings import Settings
from jalin.storage.db import current_revision, head_revision, make_engine, upgrade
from jalin.storage.regions import sync_regions
from jalin.storage.uow import unit_of_work


def run_demo(*, preset: str, seed: int) -> NetworkState:
    """Load, publish and show; returns the warmed-up network state for the API to serve."""
    settings = Settings()
    engine = make_engine(settings.database_url)
    if current_revision(engine) != head_revision(engine):
        # A database that was never upgraded (or is behind): bring it to the current schema first.
        upgrade(engine)
        console.print(t("db.upgraded", rev=current_revision(engine)))
    atlas = get_atlas()
    print_geo_summary(atlas)
    console.print(t("geo.stored", added=sync_regions(engine, atlas)))
    sample = "jl merdeka 12 kel lalombaa kolaka sultra"
    res = get_resolver().resolve(sample)
    if res.district:
        console.print(
            f"[dim]{sample}[/] → {res.district.code} {res.district.name}, {res.district.regency}"
            + (f" / {res.village.code} {res.village.name}" if res.village else "")
        )

    out = Path(settings.data_dir) / "network" / f"{preset}-{seed}"
    t0 = time.perf_counter()
    if not (out / "agreements.csv").exists():
        write_network(generate(atlas, preset=preset, seed=seed), out)
        console.print(
            t("demo.generated", preset=preset, seed=seed, out=out, s=f"{time.perf_counter() - t0:.1f}")
        )
    t0 = time.perf_counter()
    counts = {PublishStatus.PUBLISHED: 0, PublishStatus.UNCHANGED: 0}
    runs = facilities = 0
    feeds = []
    parsed = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        result = validate_feed(folder, atlas)
        with unit_of_work(engine) as uow:
            outcome = publish_validated(uow, CLI_ADMIN, result)
        if result.feed is not None:
            feeds.append(result.feed)
            parsed[outcome.version.id] = result.feed
        counts[outcome.status] += 1
        runs += outcome.version.runs
        facilities += outcome.version.facilities
    console.print(
        t(
            "demo.published",
            published=counts[PublishStatus.PUBLISHED],
            unchanged=counts[PublishStatus.UNCHANGED],
            facilities=thousands(facilities),
            runs=thousands(runs),
            s=f"{time.perf_counter() - t0:.1f}",
        )
    )
    t0 = time.perf_counter()
    with unit_of_work(engine) as uow:
        summary = seed_association(uow, atlas, feeds, out)
    console.print(summary + f" ({time.perf_counter() - t0:.1f} s)")
    state = NetworkState(engine, get_atlas, settings.snapshots)
    for version_id, feed in parsed.items():
        state.remember(version_id, feed)
    print_summary(state.current().summary())

    t0 = time.perf_counter()
    planner = state.snapshot().planner(open_handovers=False)
    console.print(t("demo.compiled", s=f"{time.perf_counter() - t0:.1f}"))
    q = QuoteInput(
        "jl sudirman 5 kec menteng jakarta pusat",
        "wamena jayawijaya",
        "2,5",
        "30x20x10",
        datetime.now(UTC).replace(microsecond=0),
    )
    request, origin, destination = build_request(get_resolver(), q)
    t0 = time.perf_counter()
    body = answer(planner, request, origin, destination, open_handovers=False)
    console.print("\n" + t("demo.sample", ms=f"{(time.perf_counter() - t0) * 1000:.0f}"))
    print_answer(body, show_legs=False)
    interline = next((v for v in option_views(body) if v.handovers > 0), None)
    if interline is not None:
        console.print(t("demo.interline"))
        for line in leg_lines(interline):
            console.print(f"  {line}", highlight=False)
    show_jabar_post_impact(state, feeds, out.parent / f"{out.name}-pos-jabar")
    console.print("\nPemesanan kiriman antarkurir / booking shipments across carriers:")
    booked = book_demo_shipments(engine, state, settings)
    console.print("\nSerah terima, pengantaran dan kliring / handover, delivery and settlement:")
    settle_demo_shipments(engine, state, settings, booked)
    create_demo_users(engine, settings)
    return state


def show_jabar_post_impact(state: NetworkState, feeds: list[Feed], folder: Path) -> None:
    """The pending application of the post's Jawa Barat office: its own feed joining the network,
    with a Rp1.500 handover agreement with every carrier it meets, from the 38 capitals."""
    from jalin.cli.impact import IMPACT_LAPS, print_impact
    from jalin.impact import Joining, Proposal
    from jalin.network.regional_post import regional_post_feed
    from jalin.network.writer import write_feed
    from jalin.services.impact import ImpactInput, run_live_impact

    post = next((f for f in feeds if f.carrier_id == "POS"), None)
    if post is None or "MP32" not in post.facilities:
        return
    feed = regional_post_feed(post, "32", carrier_id="POSJB", name="Pos Regional Jawa Barat")
    write_feed(feed, folder / "POSJB")
    console.print(
        "\n[bold]Dampak permohonan Pos Regional Jawa Barat[/] / impact of the pending Jawa Barat post "
        "application: feed sendiri + perjanjian serah terima Rp1.500 dengan setiap kurir yang ditemuinya."
    )
    t0 = time.perf_counter()
    body = run_live_impact(
        state,
        Proposal(join=(Joining(feed, 1500),)),
        ImpactInput(rank=3),
        atlas=get_atlas(),
        resolver=get_resolver(),
        progress=lambda lap: console.print(
            f"[dim]  {IMPACT_LAPS.get(lap, lap)} ({time.perf_counter() - t0:.0f} s)[/]"
        ),
    )
    print_impact(body)
    console.print(
        f"({time.perf_counter() - t0:.1f} s) Ulangi / repeat: [bold]jalin impact --join {folder / 'POSJB'} "
        "--join-fee 1500 --html dampak.html[/]"
    )
