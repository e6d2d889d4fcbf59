"""One file of named numpy arrays plus JSON metadata, read back by memory-mapping.

Layout: the magic `JALNARR1`, the header length (8 bytes, little endian) and its CRC-32 (4
bytes), the header (JSON: metadata, and per array its dtype, shape, offset, size and CRC-32),
then the arrays, each aligned to 64 bytes. Reading maps the file once and hands out read-only views into the
mapping, so processes that read the same file share its pages and nothing is parsed or copied.

The header's and every array's CRC-32 and the file's size are checked when it is read: a truncated,
partly written or corrupted file raises `ArrayFileError` and is never used. Writing goes to
a temporary file in the same folder, fsynced, then renamed over the target (atomic on POSIX),
so a reader sees the old file, the new file, or none; never half of one.
"""

from __future__ import annotations

import json
import mmap
import os
import tempfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"JALNARR1"
_PREFIX = len(MAGIC) + 8 + 4  # magic, header length, header CRC-32
_ALIGN = 64


class ArrayFileError(Exception):
    """The file is not a complete, intact array file (missing, truncated, corrupted, other format)."""


def _pad(n: int) -> int:
    return -n % _ALIGN


def write_arrays(path: Path, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any]) -> None:
    """Write `arrays` and JSON-serialisable `meta` to `path` atomically (temporary file + rename)."""
    entries = {}
    offset = 0
    blobs = []
    for name, arr in arrays.items():
        a = np.ascontiguousarray(arr)
        if a.dtype.hasobject:
            raise TypeError(f"array {name} holds Python objects; only plain dtypes can be written")
        data = a.tobytes()
        entries[name] = {
            "dtype": a.dtype.str,
            "shape": list(a.shape),
            "offset": offset,
            "nbytes": len(data),
            "crc32": zlib.crc32(data),
        }
        blobs.append(data)
        offset += len(data) + _pad(len(data))
    header = json.dumps({"arrays": entries, "meta": meta}, separators=(",", ":")).encode()
    start = _PREFIX + len(header)
    start += _pad(start)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC)
            fh.write(len(header).to_bytes(8, "little"))
            fh.write(zlib.crc32(header).to_bytes(4, "little"))
            fh.write(header)
            fh.write(b"\0" * (start - fh.tell()))
            for data in blobs:
                fh.write(data)
                fh.write(b"\0" * _pad(len(data)))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ArrayFile(Mapping[str, np.ndarray]):
    """Read-only views of the arrays in one file, verified; `meta` is the JSON metadata."""

    def __init__(self, path: Path) -> None:
        try:
            with path.open("rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size < _PREFIX:
                    raise ArrayFileError(f"{path} is too short to be an array file")
                self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except OSError as exc:
            raise ArrayFileError(f"{path} cannot be read: {exc}") from exc
        buf = memoryview(self._map)
        if bytes(buf[: len(MAGIC)]) != MAGIC:
            raise ArrayFileError(f"{path} is not an array file of this format")
        n = int.from_bytes(buf[len(MAGIC) : len(MAGIC) + 8], "little")
        if _PREFIX + n > size:
            raise ArrayFileError(f"{path} is truncated (header)")
        raw = bytes(buf[_PREFIX : _PREFIX + n])
        if zlib.crc32(raw) != int.from_bytes(buf[len(MAGIC) + 8 : _PREFIX], "little"):
            raise ArrayFileError(f"{path} is corrupted (header fails its checksum)")
        try:
            header = json.loads(raw)
            entries: dict[str, dict[str, Any]] = header["arrays"]
            self.meta: dict[str, Any] = header["meta"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ArrayFileError(f"{path} has a damaged header: {exc}") from exc
        start = _PREFIX + n
        start += _pad(start)
        self._arrays: dict[str, np.ndarray] = {}
        end = start
        for name, e in entries.items():
            lo = start + int(e["offset"])
            hi = lo + int(e["nbytes"])
            end = max(end, hi)
            if hi > size:
                raise ArrayFileError(f"{path} is truncated (array {name})")
            if zlib.crc32(buf[lo:hi]) != e["crc32"]:
                raise ArrayFileError(f"{path} is corrupted (array {name} fails its checksum)")
            dtype = np.dtype(e["dtype"])
            shape = tuple(e["shape"])
            count = int(np.prod(shape)) if shape else 1
            arr = np.frombuffer(self._map, dtype=dtype, count=count, offset=lo).reshape(shape)
            self._arrays[name] = arr
        if size < end:
            raise ArrayFileError(f"{path} is truncated")

    def __getitem__(self, name: str) -> np.ndarray:
        return self._arrays[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)


class StringColumn(Sequence[str]):
    """A list of strings kept as one UTF-8 buffer and offsets (so it can live in an array file)."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        self._data = data
        self._offsets = offsets

    @classmethod
    def encode(cls, values: Sequence[str | None]) -> StringColumn:
        """None is stored as the empty string."""
        parts = [(v or "").encode() for v in values]
        offsets = np.zeros(len(parts) + 1, np.int64)
        np.cumsum([len(p) for p in parts], out=offsets[1:])
        return cls(np.frombuffer(b"".join(parts), np.uint8), offsets)

    @property
    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return self._data, self._offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        lo, hi = int(self._offsets[i]), int(self._offsets[i + 1])
        return self._data[lo:hi].tobytes().decode()
