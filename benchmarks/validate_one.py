"""Validate one feed in this process and print the time: for comparing validator versions.

    .venv/bin/python benchmarks/validate_one.py FEED_DIR
    PYTHONPATH=/path/to/an/older/checkout .venv/bin/python benchmarks/validate_one.py FEED_DIR

`jalin.__file__` in the output says which code ran.
"""

import sys, time, json
from pathlib import Path
from jalin.geo import get_atlas
from jalin.network.validator import validate_feed
import jalin

a = get_atlas()
t = time.perf_counter()
r = validate_feed(Path(sys.argv[1]), a)
dt = time.perf_counter() - t
print(
    json.dumps(
        {
            "code": jalin.__file__,
            "validate_s": round(dt, 2),
            "valid": r.valid,
            "runs": len(r.feed.runs) if r.feed else 0,
        }
    )
)
