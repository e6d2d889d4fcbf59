"""Quoting straight from feed folders, with no database: a carrier tests its own feed this way."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jalin.geo.atlas import Atlas
from jalin.network.agreements import InterlineAgreement, read_agreements
from jalin.network.model import Feed
from jalin.network.validator import ValidationResult, validate_feed


@dataclass(slots=True)
class OfflineNetwork:
    feeds: list[Feed]
    agreements: list[InterlineAgreement] | None  # None: DIR has no agreements.csv
    invalid: dict[str, ValidationResult]


def load_feeds_dir(folder: Path, atlas: Atlas) -> OfflineNetwork:
    """Every feed folder or .zip in `folder` (or `folder` itself when it is one feed), plus agreements.csv."""
    candidates = (
        [folder]
        if (folder / "feed.json").exists() or folder.suffix == ".zip"
        else sorted(p for p in folder.iterdir() if p.is_dir() or p.suffix == ".zip")
    )
    feeds: list[Feed] = []
    invalid: dict[str, ValidationResult] = {}
    for path in candidates:
        result = validate_feed(path, atlas)
        if result.feed is None:
            invalid[path.name] = result
        else:
            feeds.append(result.feed)
    agreements_file = folder / "agreements.csv"
    agreements = None
    if agreements_file.is_file():
        agreements = read_agreements(agreements_file)
    return OfflineNetwork(feeds, agreements, invalid)
