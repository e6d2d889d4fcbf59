"""Run a benchmark of the current tree against the code of an earlier commit.

    .venv/bin/python benchmarks/at_commit.py b295560^ -- benchmarks/bench_quote.py --preset national --json

Checks the commit's `jalin/` out into a temporary git worktree and runs the given benchmark
script (from the current tree, so the same inputs and measurement) with that `jalin` first on
the import path. This is how the figures of earlier versions in docs/benchmarks.md are
reproduced. The worktree is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("commit")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="-- script.py [its arguments]")
    args = ap.parse_args()
    command = [a for a in args.command if a != "--"]
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.commit], check=True
        )
        try:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


if __name__ == "__main__":
    main()
