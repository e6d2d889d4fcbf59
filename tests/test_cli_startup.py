"""What a CLI process loads before it answers: each heavy library only for the commands that use it.

docs/benchmarks.md ("CLI over the persisted snapshot") has the times: importing numba and
setting it up takes about half a second, lokal-id 0.1 s (its PII patterns), Alembic 0.1 s,
SQLAlchemy 0.1 s. A fresh interpreter per check, as an operator's shell would start one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("numba", "lokal", "alembic", "sqlalchemy", "email_validator", "fastapi", "scipy", "pandas")


def loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The heavy top-level packages imported once `code` has run in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        check=True,
        capture_output=True,
        text=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_loads_none_of_them():
    assert loaded_after("import jalin.cli") == set()


def test_reading_codes_needs_neither_lokal_id_nor_a_database(tmp_path):
    """A district, village or postal code is answered from the geography cache alone."""
    code = (
        "from jalin.geo import get_resolver\n"
        "r = get_resolver()\n"
        "assert r.resolve('74.01.04').district.name == 'Kolaka'\n"
        "assert r.resolve('7401041004').village.name == 'Lalombaa'\n"
        "assert r.resolve('93518').district.code == '74.01.04'\n"
    )
    env = {"JALIN_CACHE_DIR": str(tmp_path)}
    loaded_after(code, env)  # the first process builds the cache (and needs lokal-id for that)
    assert loaded_after(code, env) == set()


def test_free_text_brings_lokal_id_only():
    code = (
        "from jalin.geo import get_resolver\n"
        "assert get_resolver().resolve('kel lalombaa kolaka sultra').village.name == 'Lalombaa'\n"
    )
    assert loaded_after(code) == {"lokal"}


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        # Coverage reads the compiled network: SQLAlchemy for the counters, no planner.
        ("jalin.services.network_state", {"sqlalchemy"}),
        # The planner is what brings numba (numba itself may import scipy to look for BLAS).
        ("jalin.routing.planner", {"numba"}),
    ],
)
def test_the_snapshot_reader_and_the_planner_load_what_they_need(module, expected):
    assert loaded_after(f"import {module}") - {"scipy"} == expected
