"""A feed's files as one immutable, content-addressed archive.

The hash covers the contract's files by name and bytes, so a folder and a .zip holding the
same files get the same hash. The archive is a zip with fixed timestamps: the same files
always give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from jalin.network.source import KNOWN_FILES

_EPOCH = (2020, 1, 1, 0, 0, 0)


def content_hash(files: dict[str, bytes]) -> str:
    """sha256 hex over (name, length, bytes) of every contract file, in name order."""
    h = hashlib.sha256()
    for name in sorted(n for n in files if n in KNOWN_FILES):
        data = files[name]
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def pack(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(n for n in files if n in KNOWN_FILES):
            zf.writestr(zipfile.ZipInfo(name, _EPOCH), files[name], compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def unpack(archive: bytes) -> dict[str, bytes]:
    """Files of an archive made by `pack` (stored by Jalin itself, so trusted)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name in KNOWN_FILES}
