"""Validate one feed in this process and print the time: for comparing validator versions.

    .venv/bin/python benchmarks/validate_one.py FEED_DIR
    PYTHONPATH=/path/to/an/older/checkout .venv/bin/python benchmarks/validate_one.py FEED_DIR

`jalin.__file__` in the output says which code ran.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import jalin
from jalin.geo import get_atlas
from jalin.network.validator import validate_feed


def main() -> None:
    atlas = get_atlas()
    t = time.perf_counter()
    result = validate_feed(Path(sys.argv[1]), atlas)
    seconds = time.perf_counter() - t
    runs = len(result.feed.runs) if result.feed else 0
    print(
        json.dumps(
            {"code": jalin.__file__, "validate_s": round(seconds, 2), "valid": result.valid, "runs": runs}
        )
    )


if __name__ == "__main__":
    main()
