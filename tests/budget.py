"""How many examples a property test draws, scaled by the hypothesis profile in use.

`ci` (the default, derandomised) runs the counts as written; `explore` ten times as many, fresh
each run; `mutation` (scripts/mutation.py) a small share, since every mutant reruns the tests.
"""

from __future__ import annotations

import os

_SCALE = {"ci": 1.0, "explore": 10.0, "mutation": 0.15}


def examples(n: int) -> int:
    return max(10, int(n * _SCALE.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), 1.0)))
