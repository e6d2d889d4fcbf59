"""Reads a feed's files from a directory or a .zip without ever reading outside the feed.

Limits (stated in docs/feed-spec.md): each file at most 200 MB uncompressed, all files at most
400 MB, at most 1,000 zip entries. Sizes are counted while decompressing, never trusted from the
zip header, so a zip bomb stops at the limit. Entries with absolute paths, drive letters or `..`
segments, and symbolic links in a directory feed, are refused with a notice and not read.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from jalin.network.notices import NoticeLog

REQUIRED_FILES = ("feed.json", "services.csv", "facilities.csv", "runs.csv")
OPTIONAL_FILES = ("calendar_dates.csv", "status_codes.csv")
KNOWN_FILES = REQUIRED_FILES + OPTIONAL_FILES
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
_CHUNK = 1024 * 1024


class FeedSourceError(Exception):
    """The path is not a feed at all (missing, or neither a directory nor a .zip)."""


def read_feed_files(path: Path, log: NoticeLog) -> dict[str, bytes]:
    """The contract's files by name. Problems become notices; unknown files are listed as INFO."""
    if path.is_dir():
        return _read_directory(path, log)
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise FeedSourceError(f"{path} is neither a feed folder nor a .zip file")
        return _read_zip(path, log)
    raise FeedSourceError(f"{path} does not exist")


def _read_directory(root: Path, log: NoticeLog) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for entry in sorted(root.iterdir()):
        st = entry.lstat()
        if stat.S_ISLNK(st.st_mode):
            log.add(
                "invalid_archive",
                f"{entry.name} is a symbolic link; copy the real file into the feed.",
                file=entry.name,
            )
            continue
        if entry.name not in KNOWN_FILES:
            if stat.S_ISREG(st.st_mode):
                log.add(
                    "unexpected_file",
                    f"{entry.name} is not part of the contract and is ignored.",
                    file=entry.name,
                )
            continue
        if st.st_size > MAX_FILE_BYTES:
            log.add(
                "invalid_archive",
                f"{entry.name} is {st.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}.",
                file=entry.name,
            )
            continue
        total += st.st_size
        if total > MAX_TOTAL_BYTES:
            log.add(
                "invalid_archive", f"the feed exceeds {MAX_TOTAL_BYTES:,} bytes in total.", file=entry.name
            )
            break
        files[entry.name] = entry.read_bytes()
    return files


def _safe_name(name: str) -> str | None:
    """The entry's path inside the archive, or None when it would point outside it."""
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    p = PurePosixPath(name)
    if any(part == ".." for part in p.parts):
        return None
    return str(p)


def _read_zip(path: Path, log: NoticeLog) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        log.add("invalid_archive", f"the zip cannot be opened: {exc}.", file=path.name)
        return files
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_ENTRIES:
            log.add(
                "invalid_archive",
                f"the zip has {len(infos):,} entries; the limit is {MAX_ZIP_ENTRIES:,}.",
                file=path.name,
            )
            return files
        safe: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = _safe_name(info.filename)
            if name is None:
                log.add(
                    "invalid_archive",
                    f"entry {info.filename!r} points outside the feed and was not read.",
                    file=info.filename,
                )
                continue
            safe[name] = info
        # A zip of the feed folder holds "folder/feed.json": strip one shared top folder.
        tops = {n.split("/", 1)[0] for n in safe}
        if "feed.json" not in safe and len(tops) == 1 and all("/" in n for n in safe):
            safe = {n.split("/", 1)[1]: i for n, i in safe.items()}
        total = 0
        for name, info in sorted(safe.items()):
            if name not in KNOWN_FILES:
                log.add("unexpected_file", f"{name} is not part of the contract and is ignored.", file=name)
                continue
            data = _read_entry(zf, info, name, log, MAX_TOTAL_BYTES - total)
            if data is None:
                continue
            total += len(data)
            files[name] = data
    return files


def _read_entry(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, log: NoticeLog, room: int
) -> bytes | None:
    limit = min(MAX_FILE_BYTES, room)
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    log.add(
                        "invalid_archive",
                        f"{name} expands beyond {limit:,} bytes (limit per file {MAX_FILE_BYTES:,}, "
                        f"per feed {MAX_TOTAL_BYTES:,}); it was not read.",
                        file=name,
                    )
                    return None
                chunks.append(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as exc:
        log.add("invalid_archive", f"{name} cannot be decompressed: {exc}.", file=name)
        return None
    return b"".join(chunks)
