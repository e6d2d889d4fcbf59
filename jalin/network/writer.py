"""Writes a `Feed` as a contract folder (feed.json plus CSV files, UTF-8, LF line ends)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from jalin.network.model import Feed


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def write_feed(feed: Feed, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    info = feed.info
    (out / "feed.json").write_text(
        json.dumps(
            {
                "carrier_id": info.carrier_id,
                "carrier_name": info.carrier_name,
                "feed_version": info.feed_version,
                "valid_from": info.valid_from.isoformat(),
                "valid_until": info.valid_until.isoformat(),
                "currency": info.currency,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )

    def table(name: str, header: list[str], rows: list[list[object]]) -> None:
        with (out / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    table(
        "services.csv",
        ["service_id", "name", "max_weight_kg", "volumetric_divisor", "cod"],
        [
            [s.service_id, s.name, s.max_weight_kg, s.volumetric_divisor, int(s.cod)]
            for s in feed.services.values()
        ],
    )
    table(
        "facilities.csv",
        ["facility_id", "name", "kind", "area_code", "lat", "lon", "handover"],
        [
            [
                f.facility_id,
                f.name,
                f.kind.value,
                f.area_code,
                "" if f.lat is None else f"{f.lat:.5f}",
                "" if f.lon is None else f"{f.lon:.5f}",
                int(f.handover),
            ]
            for f in feed.facilities.values()
        ],
    )
    has_capacity = any(r.capacity_kg is not None for r in feed.runs)
    header = [
        "run_id",
        "service_id",
        "origin",
        "destination",
        "days",
        "departs_at",
        "cutoff_minutes",
        "duration_minutes",
        "base_price",
        "price_per_kg",
    ] + (["capacity_kg"] if has_capacity else [])
    table(
        "runs.csv",
        header,
        [
            [
                r.run_id,
                r.service_id,
                str(r.origin),
                str(r.destination),
                r.days,
                _hhmm(r.departs_at),
                r.cutoff_minutes,
                r.duration_minutes,
                r.base_price,
                r.price_per_kg,
            ]
            + ([r.capacity_kg if r.capacity_kg is not None else ""] if has_capacity else [])
            for r in feed.runs
        ],
    )
    if feed.calendar:
        table(
            "calendar_dates.csv",
            ["service_id", "date", "exception_type"],
            [[c.service_id, c.date.strftime("%Y%m%d"), c.exception_type] for c in feed.calendar],
        )
    if feed.status_codes:
        table(
            "status_codes.csv",
            ["code", "status", "description"],
            [[c.code, c.status, c.description or ""] for c in feed.status_codes],
        )
    return out
