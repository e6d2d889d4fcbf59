"""The demo: everything a newcomer should see after `make demo`, built from the real services."""

from __future__ import annotations

import time
from pathlib import Path

from jalin.cli.common import console, thousands
from jalin.cli.feeds import print_summary
from jalin.cli.geo import print_geo_summary
from jalin.geo import get_atlas, get_resolver
from jalin.i18n import t
from jalin.network.generator import generate, write_network
from jalin.network.validator import validate_feed
from jalin.services.network_state import NetworkState
from jalin.services.publishing import PublishStatus, publish_validated
from jalin.settings import Settings
from jalin.storage.db import make_engine
from jalin.storage.regions import sync_regions


def run_demo(*, preset: str, seed: int) -> None:
    settings = Settings()
    engine = make_engine(settings.database_url)
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
            f"Jaringan sintetis '{preset}' (seed {seed}) ditulis ke {out} ({time.perf_counter() - t0:.1f} s)."
        )
    t0 = time.perf_counter()
    counts = {PublishStatus.PUBLISHED: 0, PublishStatus.UNCHANGED: 0}
    runs = facilities = 0
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        result = validate_feed(folder, atlas)
        outcome = publish_validated(engine, result)
        counts[outcome.status] += 1
        runs += outcome.version.runs
        facilities += outcome.version.facilities
    console.print(
        f"Feed: {counts[PublishStatus.PUBLISHED]} diterbitkan, {counts[PublishStatus.UNCHANGED]} "
        f"tidak berubah; {thousands(facilities)} fasilitas, {thousands(runs)} rute "
        f"({time.perf_counter() - t0:.1f} s)."
    )
    print_summary(NetworkState(engine, get_atlas).current().summary())
    engine.dispose()
