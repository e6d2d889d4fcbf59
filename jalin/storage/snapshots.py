"""Snapshot files of the compiled network on local disk, one set per snapshot key.

A key names exactly what a snapshot was built from (see `jalin.services.network_state`), so a
file is either right for the current data or never looked at: there is nothing to invalidate.
Files are `<key>.<part>.arr` array files (`jalin.routing.arrayfile`): written to a temporary
file and renamed, verified when read. A damaged file is removed and reported as missing, so
the caller rebuilds it. Builders of one key take an exclusive lock on `<key>.lock`, so of
several processes (API workers, a CLI call) one builds and the others wait and then read.
Old keys are pruned, keeping the newest few.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from jalin.routing.arrayfile import ArrayFile, ArrayFileError, write_arrays

log = logging.getLogger(__name__)

#: Snapshot keys kept on disk (the current one and a few before it, for processes still on them).
KEEP = 4


class SnapshotFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str, part: str) -> Path:
        return self.folder / f"{key}.{part}.arr"

    def read(self, key: str, part: str) -> ArrayFile | None:
        """The verified file, or None when it is missing or damaged (a damaged one is removed)."""
        path = self.path(key, part)
        if not path.exists():
            return None
        try:
            return ArrayFile(path)
        except ArrayFileError as exc:
            log.warning("snapshot file rejected, it will be rebuilt: %s", exc)
            path.unlink(missing_ok=True)
            return None

    def write(self, key: str, part: str, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_arrays(self.path(key, part), arrays, meta)

    @contextmanager
    def building(self, key: str) -> Iterator[None]:
        """Hold the key's build lock (blocks while another process builds the same key)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / f"{key}.lock").open("a") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def prune(self, keep: str) -> None:
        """Remove the files of all but the newest `KEEP` keys (always keeping `keep`).

        Processes that still map a removed file keep reading it (POSIX unlink semantics).
        """
        if not self.folder.is_dir():
            return
        newest: dict[str, float] = {}
        for p in self.folder.iterdir():
            key = p.name.split(".", 1)[0]
            try:
                newest[key] = max(newest.get(key, 0.0), p.stat().st_mtime)
            except FileNotFoundError:
                continue
        ordered = sorted(newest, key=lambda k: newest[k], reverse=True)
        stale = {k for k in ordered[KEEP:] if k != keep}
        for p in list(self.folder.iterdir()):
            if p.name.split(".", 1)[0] in stale:
                p.unlink(missing_ok=True)
