"""Decodes and splits one CSV file of a feed, turning every reading problem into a notice."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jalin.network.notices import NoticeLog

MAX_FIELD_CHARS = 64 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class CsvTable:
    """Header plus rows, each row with its physical line number (header is line 1)."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    positions: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.positions = {name: i for i, name in enumerate(self.header)}

    def column(self, name: str) -> int | None:
        """Position of a column in each row, or None when the header lacks it."""
        return self.positions.get(name)


def _decode(name: str, data: bytes, log: NoticeLog) -> str | None:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        log.add(
            "invalid_csv",
            f"{name} contains NUL bytes (a binary or UTF-16 file?); save it as CSV UTF-8.",
            file=name,
            line=line,
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        log.add(
            "invalid_csv",
            f"{name} is not UTF-8 (byte 0x{bad} on line {line}; Excel's Windows-1252?): "
            "save it as 'CSV UTF-8 (Comma delimited)'.",
            file=name,
            line=line,
        )
        return None


def _records(text: str) -> Iterable[tuple[int, list[str]]]:
    """Each record with the physical line it ends on, as the csv module reads them."""
    plain = _split_records(text)
    return plain if plain is not None else _csv_records(text)


def _csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    for row in reader:
        yield reader.line_num, row


def _split_records(text: str) -> Iterable[tuple[int, list[str]]] | None:
    """The records of a text without quotes and carriage returns, or None for any other text.

    Without a quote or a carriage return the csv module reads every line as one record and
    every comma as a separator, and it fails on none of them if no line is longer than the
    field limit; then splitting the text gives the same records, faster. An empty line is the
    empty record.
    """
    if '"' in text or "\r" in text:
        return None
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # a final newline ends the last line (and an empty text has no line)
    if max(map(len, lines), default=0) > MAX_FIELD_CHARS:
        return None
    return enumerate([line.split(",") if line else [] for line in lines], start=1)


def read_csv(name: str, data: bytes, log: NoticeLog) -> CsvTable | None:
    """The table, or None when the file cannot be read at all (a notice then says why)."""
    text = _decode(name, data, log)
    if text is None:
        return None
    if not text.strip():
        log.add("invalid_csv", f"{name} is empty; it needs at least the header row.", file=name, line=1)
        return None
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if first_line.count(";") > first_line.count(",") and first_line.count(";") >= 1:
        log.add(
            "invalid_csv",
            f"{name} separates fields with semicolons (;), as Excel saves CSV in an Indonesian or "
            "other European locale; the feed needs commas: save it as 'CSV UTF-8 (Comma delimited)' "
            "or set Excel's list separator to a comma.",
            file=name,
            line=1,
        )
        return None
    previous = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        records = _records(text)
        header: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        width = 0
        line = 0
        try:
            for line, row in records:
                if header is None:
                    header = [h.strip() for h in row]
                    if len(set(header)) != len(header):
                        dup = sorted({h for h in header if header.count(h) > 1})
                        log.add(
                            "invalid_csv",
                            f"{name} repeats column(s) {', '.join(dup)} in its header.",
                            file=name,
                            line=line,
                        )
                        return None
                    width = len(header)
                    continue
                if len(row) == width and (width > 1 or (row and row[0].strip())):
                    rows.append((line, row))  # a full row (a blank line has at most one field)
                elif not row or (len(row) == 1 and not row[0].strip()):
                    continue  # blank line
                else:
                    log.add(
                        "invalid_csv",
                        f"row has {len(row)} fields but the header has {width}; "
                        "check for an unquoted comma or a missing value.",
                        file=name,
                        line=line,
                    )
        except csv.Error as exc:
            log.add(
                "invalid_csv",
                f"{name} cannot be parsed after line {line}: {exc} (fields are limited to "
                f"{MAX_FIELD_CHARS:,} characters; quotes must be closed).",
                file=name,
                line=line + 1,
            )
            return None
    finally:
        csv.field_size_limit(previous)
    assert header is not None
    return CsvTable(name, header, rows)
