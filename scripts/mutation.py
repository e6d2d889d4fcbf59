"""Mutation testing of one area with mutmut, bounded in time and cores (docs/testing.md).

    nice -n 19 .venv/bin/python scripts/mutation.py routing --sample 300 --timeout 3600
    nice -n 19 .venv/bin/python scripts/mutation.py validator --sample 150 --timeout 3600
    nice -n 19 .venv/bin/python scripts/mutation.py registry --timeout 3600

--sample N judges N mutants drawn with a fixed seed; --resume keeps the last run's verdicts and
judges again what changed, what has no verdict and what survived.

Each area is run in its own scratch copy of the repository (jalin/, tests/, pyproject.toml) under
var/mutation/AREA, so runs of different areas never share mutmut's state and the work tree is
never touched. Only the area's files are mutated, and only the area's fast test files run (the
hypothesis "mutation" profile: derandomised, fewer examples). At the end the script prints the
counts and the surviving mutants, and writes var/mutation/AREA/summary.json.

mutmut does not mutate decorated functions, so for the routing area the scratch copy of
jalin/routing/kernels.py has its numba decorators (@nb.njit) removed and the tests run with
NUMBA_DISABLE_JIT=1: the kernels are then plain Python, which mutmut mutates and traces (slower per
call, fast enough on the property tests' small networks). The work tree keeps its decorators.

The score counts every judged mutant: killed (timeouts included) over killed, survived, suspicious
and "no tests" (a mutant no selected test reaches is not killed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent

AREAS: dict[str, tuple[list[str], list[str]]] = {
    # area: (files to mutate, test files to run)
    "routing": (
        ["jalin/routing/*.py"],
        [
            "tests/test_planner_property.py",
            "tests/test_planner_limits.py",
            "tests/test_kernel_helpers.py",
            "tests/test_network_snapshot.py::test_array_file_round_trip_and_checks",
            "tests/test_network_snapshot.py::test_compiled_network_round_trips_through_a_file",
            "tests/test_network_snapshot.py::test_coverage_from_the_compiled_network_equals_the_merged_feeds",
        ],
    ),
    "validator": (
        ["jalin/network/validator.py"],
        [
            "tests/test_feed_validator.py",
            "tests/test_feed_boundaries.py",
            "tests/test_feed_hostile.py",
            "tests/test_feed_validator_property.py",
            "tests/test_validator_fast_path.py",
            "tests/test_validator_survivors.py",
        ],
    ),
    "registry": (
        ["jalin/registry/*.py"],
        [
            "tests/test_registry_rules.py",
            "tests/test_state_machines.py",
            "tests/test_access_matrix.py",
        ],
    ),
}


def _setup_cfg(mutate: list[str], tests: list[str]) -> str:
    lines = ["[mutmut]", "source_paths=jalin", "also_copy=", "    tests", "    pyproject.toml"]
    lines += ["only_mutate=", *(f"    {m}" for m in mutate)]
    lines += ["pytest_add_cli_args_test_selection=", *(f"    {t}" for t in tests)]
    lines += ["pytest_add_cli_args=", "    -p", "    no:cacheprovider", "    -x", "    -q"]
    return "\n".join(lines) + "\n"


#: Areas whose numba decorators are removed in the scratch copy (and run with NUMBA_DISABLE_JIT=1).
PLAIN_PYTHON = {"routing"}

#: A numba decorator line, with or without arguments (which may span lines) and a comment.
_JIT = re.compile(r"^[ \t]*@(?:nb\.|numba\.)?n?jit\b(?:\([^()]*\))?[ \t]*(?:#[^\n]*)?\n", re.MULTILINE)


def strip_jit(folder: Path) -> int:
    """Remove the numba decorators from every module under `folder`; return how many."""
    removed = 0
    for path in folder.rglob("*.py"):
        text = path.read_text()
        plain, n = _JIT.subn("", text)
        if n:
            if re.search(r"^\s*@(?:nb\.|numba\.)?n?jit", plain, re.MULTILINE):
                raise SystemExit(f"{path}: a numba decorator this script cannot remove")
            path.write_text(plain)
            removed += n
    return removed


#: The seed of --sample, fixed so that a sampled run judges the same mutants every time.
SEED = 17


def _mutmut(command: list[str], work: Path, env: dict[str, str], timeout: int, quiet: bool = False) -> bool:
    """Run one mutmut command in its own process group; stop the whole group at the time limit.
    Return whether it was stopped."""
    out = subprocess.DEVNULL if quiet else None
    with subprocess.Popen(command, cwd=work, env=env, stdout=out, stderr=out, start_new_session=True) as proc:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
    return False


def _mutant_names(work: Path) -> list[str]:
    """Every mutant mutmut generated in `work` (from its per-file .meta records)."""
    names: list[str] = []
    for meta in sorted((work / "mutants").rglob("*.py.meta")):
        names += json.loads(meta.read_text())["exit_code_by_key"]
    return sorted(names)


def _verdicts(work: Path) -> dict[str, str]:
    """mutmut's verdict per mutant in `work` ("not checked" until judged)."""
    out: dict[str, str] = {}
    for meta in sorted((work / "mutants").rglob("*.py.meta")):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            out[name] = status_by_exit_code[code]
    return out


def _scratch(area: str, resume: bool) -> Path:
    """The area's scratch copy, fresh; with `resume`, mutmut's records of the last run are kept
    (mutmut then judges again only the functions that changed, and their callers)."""
    mutate, tests = AREAS[area]
    work = ROOT / "var" / "mutation" / area
    if work.exists() and not resume:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    for folder in ("jalin", "tests"):
        shutil.rmtree(work / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    (work / "setup.cfg").write_text(_setup_cfg(mutate, tests))
    return work


def run_area(
    area: str, max_children: int, timeout: int, sample: int | None = None, resume: bool = False
) -> dict[str, object]:
    mutate, tests = AREAS[area]
    work = _scratch(area, resume)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    env.pop("JALIN_TEST_DATABASE_URL", None)  # SQLite only: the mutated code is storage-free
    decorators = 0
    if area in PLAIN_PYTHON:
        decorators = strip_jit(work / "jalin" / "routing")
        env["NUMBA_DISABLE_JIT"] = "1"
    load_before = os.getloadavg()
    started = time.monotonic()
    mutmut = [sys.executable, "-m", "mutmut"]
    # mutmut generates every mutant and maps tests to functions, then refuses the unknown name.
    _mutmut([*mutmut, "run", "--max-children", "1", "no-such-mutant"], work, env, timeout, quiet=True)
    every = sorted(_verdicts(work))
    if not every:
        raise SystemExit(f"{area}: mutmut generated no mutants (see {work})")
    chosen = sorted(random.Random(SEED).sample(every, min(sample, len(every)))) if sample else every
    before = _verdicts(work)
    # Judge what has no verdict yet, and again what survived or had no test (the tests may be new).
    todo = [n for n in chosen if before[n] in ("not checked", "survived", "no tests")]
    timed_out = False
    if todo:
        left = max(1, timeout - int(time.monotonic() - started))
        timed_out = _mutmut([*mutmut, "run", "--max-children", str(max_children), *todo], work, env, left)
    verdicts = _verdicts(work)
    counts = Counter(verdicts[n] for n in chosen)
    killed = sum(counts[v] for v in ("killed", "timeout", "segfault"))
    judged = killed + sum(counts[v] for v in ("survived", "no tests", "suspicious"))
    summary = {
        "area": area,
        "mutated": mutate,
        "tests": tests,
        "numba_decorators_removed": decorators,
        "mutants": len(every),
        "sample": f"{len(chosen)} drawn with seed {SEED}" if sample else None,
        "counts": dict(sorted(counts.items())),
        "judged": judged,
        "killed": killed,
        "score": round(killed / judged, 3) if judged else None,
        "seconds": round(time.monotonic() - started),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "survived": [n for n in chosen if verdicts[n] == "survived"],
        "no_tests": [n for n in chosen if verdicts[n] == "no tests"],
        "suspicious": [n for n in chosen if verdicts[n] == "suspicious"],
        "timed_out": timed_out,
    }
    (work / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("area", choices=[*AREAS, "all"])
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutants (cores)")
    parser.add_argument("--timeout", type=int, default=2400, help="seconds per area, then stop")
    parser.add_argument(
        "--sample", type=int, help="judge this many mutants of the area, drawn at random (fixed seed)"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the last run's verdicts; judge only changed functions and past survivors",
    )
    args = parser.parse_args()
    for area in AREAS if args.area == "all" else [args.area]:
        s = run_area(area, args.max_children, args.timeout, args.sample, args.resume)
        print(
            f"\n== {area}: {s['killed']} killed (timeouts included) of {s['judged']} judged"
            f" ({s['mutants']} mutants, sample: {s['sample'] or 'all'}): score {s['score']};"
            f" {s['seconds']} s, load {s['load_before']} -> {s['load_after']}; {s['counts']}"
        )
        for kind in ("survived", "no_tests", "suspicious"):
            for name in s[kind]:  # type: ignore[attr-defined]
                print(f"   {kind}: {name}")
        if s["timed_out"]:
            print("   (stopped at the time limit: the figures cover the mutants judged so far)")


if __name__ == "__main__":
    main()
