"""Mutation testing of one area with mutmut, bounded in time and cores (docs/testing.md).

    .venv/bin/python scripts/mutation.py validator       # or: routing, registry
    .venv/bin/python scripts/mutation.py all --max-children 2 --timeout 3600

Each area is run in its own scratch copy of the repository (jalin/, tests/, pyproject.toml) under
var/mutation/AREA, so runs of different areas never share mutmut's state and the work tree is
never touched. Only the area's files are mutated, and only the area's fast test files run (the
hypothesis "mutation" profile: derandomised, fewer examples). At the end the script prints the
counts and the surviving mutants, and writes var/mutation/AREA/summary.json.

mutmut does not mutate decorated functions, so the numba kernels (@nb.njit) in
jalin/routing/kernels.py are outside its reach; docs/testing.md says how they are covered.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

AREAS: dict[str, tuple[list[str], list[str]]] = {
    # area: (files to mutate, test files to run)
    "routing": (
        ["jalin/routing/*.py"],
        ["tests/test_planner_property.py"],
    ),
    "validator": (
        ["jalin/network/validator.py"],
        ["tests/test_feed_validator.py", "tests/test_feed_boundaries.py", "tests/test_feed_hostile.py"],
    ),
    "registry": (
        ["jalin/registry/*.py"],
        ["tests/test_registry_rules.py"],
    ),
}


def _setup_cfg(mutate: list[str], tests: list[str]) -> str:
    lines = ["[mutmut]", "source_paths=jalin", "also_copy=", "    tests", "    pyproject.toml"]
    lines += ["only_mutate=", *(f"    {m}" for m in mutate)]
    lines += ["pytest_add_cli_args_test_selection=", *(f"    {t}" for t in tests)]
    lines += ["pytest_add_cli_args=", "    -p", "    no:cacheprovider", "    -x", "    -q"]
    return "\n".join(lines) + "\n"


def run_area(area: str, max_children: int, timeout: int) -> dict[str, object]:
    mutate, tests = AREAS[area]
    work = ROOT / "var" / "mutation" / area
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "jalin", work / "jalin", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    text = (ROOT / "pyproject.toml").read_text()
    (work / "pyproject.toml").write_text(text)
    (work / "setup.cfg").write_text(_setup_cfg(mutate, tests))
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation", "JALIN_TEST_DATABASE_URL": ""}
    env.pop("JALIN_TEST_DATABASE_URL")
    mutmut = [sys.executable, "-m", "mutmut"]
    try:
        subprocess.run(
            [*mutmut, "run", "--max-children", str(max_children)],
            cwd=work,
            env=env,
            timeout=timeout,
            check=False,
        )
        timed_out = False
    except subprocess.TimeoutExpired:
        timed_out = True
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=work, env=env, check=False, capture_output=True)
    stats_file = work / "mutants" / "mutmut-cicd-stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    results = subprocess.run([*mutmut, "results"], cwd=work, env=env, capture_output=True, text=True)
    survivors = [line.strip() for line in results.stdout.splitlines() if "survived" in line]
    killed = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    judged = killed + int(stats.get("survived", 0))
    summary = {
        "area": area,
        "mutated": mutate,
        "tests": tests,
        "stats": stats,
        "score": round(killed / judged, 3) if judged else None,
        "survivors": survivors,
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
    args = parser.parse_args()
    for area in AREAS if args.area == "all" else [args.area]:
        s = run_area(area, args.max_children, args.timeout)
        print(f"\n== {area}: score {s['score']} (killed incl. timeouts / judged) {s['stats']}")
        for line in s["survivors"]:  # type: ignore[attr-defined]
            print("   survived:", line)
        if s["timed_out"]:
            print("   (stopped at the time limit: the figures cover the mutants judged so far)")


if __name__ == "__main__":
    main()
