"""The national network in a database of its own, for bench_cli.py and bench_http.py.

`benchmarks/.cache/db/` holds a SQLite database with the demo's national network (seed 7)
published and the association loaded (`jalin db upgrade` + `jalin demo --no-serve`), its data
folder (snapshots) and its geography cache. It is made once; `environment()` gives the
variables that point `jalin` at it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / "benchmarks" / ".cache" / "db"
JALIN = str(Path(sys.executable).parent / "jalin")


def environment() -> dict[str, str]:
    """The national database's settings. PYTHONDONTWRITEBYTECODE is dropped: an installed Python
    keeps compiled bytecode, and recompiling every module on every call (0.05-0.1 s) would time
    a shell setting (this sandbox sets it), not the CLI."""
    return {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "JALIN_DATABASE_URL": f"sqlite:///{HOME / 'jalin.db'}",
        "JALIN_DATA_DIR": str(HOME / "var"),
        "JALIN_CACHE_DIR": str(HOME / "cache"),
        "JALIN_LANG": "id",
    }


def ensure() -> dict[str, str]:
    """Make the database on first use (a few minutes); the environment that points at it."""
    env = environment()
    if not (HOME / "ready").exists():
        HOME.mkdir(parents=True, exist_ok=True)
        print("making the national database (once) ...", file=sys.stderr)
        subprocess.run([JALIN, "db", "upgrade"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([JALIN, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
        (HOME / "ready").touch()
    return env
