"""Faster typo matching for lokal-id's address parser.

lokal-id compares every unmatched word against region names with a pure-Python restricted
Damerau-Levenshtein distance (optimal string alignment), which is most of its run time.
rapidfuzz computes the same distance in C. Every caller in lokal-id only asks whether the
distance exceeds `most`, so returning `most + 1` for anything beyond is the same answer;
tests/test_geo_resolve.py checks the two agree on random strings. Pinned to lokal-id 0.7.x:
if the private hook disappears, the parser simply keeps its own implementation.
"""

from __future__ import annotations

import lokal.wilayah  # noqa: F401  (initialises lokal.alamat in the order the package expects)
from lokal import alamat
from rapidfuzz.distance import OSA

_original = getattr(alamat, "_distance", None)


def osa_distance(a: str, b: str, most: int) -> int:
    """Edits between two words (an adjacent swap counts one), capped at `most + 1`."""
    return OSA.distance(a, b, score_cutoff=most)


def install() -> bool:
    """Route lokal-id's typo distance through rapidfuzz; True when the hook exists."""
    if _original is None:
        return False
    alamat._distance = osa_distance
    return True


def restore() -> None:
    """Put lokal-id's own distance back (the benchmark's baseline)."""
    if _original is not None:
        alamat._distance = _original


def original() -> object:
    """lokal-id's own distance function, for the equivalence test and the benchmark baseline."""
    return _original
