"""Narrowing lists of registry records the way an officer asks: by province, status, kind, stage
or a few typed words.

Pure functions over typed records, used by the CLI's `list` commands (and any page that lists
the same records). They only narrow what the caller may already see: visibility is decided
before, by `jalin.registry.visibility`. A filter left as None keeps every record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from jalin.registry.records import Agreement, Application, DirectoryEntry, Member

R = TypeVar("R", Member, Application)


def _words(text: str | None) -> list[str]:
    return [w for w in (text or "").casefold().split() if w]


def _matches(haystack: Iterable[str | None], words: Sequence[str]) -> bool:
    """Every typed word occurs in one of the fields (case-insensitive, any order)."""
    joined = " ".join(h.casefold() for h in haystack if h)
    return all(w in joined for w in words)


def filter_members(
    rows: Iterable[R],
    *,
    province: str | None = None,
    regency: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    search: str | None = None,
) -> list[R]:
    """Members (or applications) in a province or regency (codes, e.g. 32 or 32.73), with a
    status and a member type, whose legal name, brand, carrier id or NIB holds every word of
    `search`."""
    words = _words(search)
    return [
        r
        for r in rows
        if (province is None or r.province_code == province)
        and (regency is None or r.regency_code == regency)
        and (status is None or r.status == status)
        and (kind is None or r.type == kind)
        and _matches((r.legal_name, r.brand, r.carrier_id, r.nib), words)
    ]


def filter_agreements(
    rows: Iterable[Agreement],
    *,
    names: Mapping[int, str],
    province: str | None = None,
    stage: str | None = None,
    kind: str | None = None,
    search: str | None = None,
) -> list[Agreement]:
    """Agreements carried by a DPW (`province`), at a stage, of a kind, whose title or parties'
    names (`names`: member id -> brand) hold every word of `search`."""
    words = _words(search)
    return [
        a
        for a in rows
        if (province is None or a.province_code == province)
        and (stage is None or a.stage == stage)
        and (kind is None or a.kind == kind)
        and _matches((a.title, *(names.get(p, "") for p in a.parties)), words)
    ]


def filter_directory(
    rows: Iterable[DirectoryEntry],
    *,
    province: str | None = None,
    regency: str | None = None,
    kind: str | None = None,
    search: str | None = None,
) -> list[DirectoryEntry]:
    """The public directory narrowed the way a seller looks for a courier: in a province or
    regency (codes), of a member type, whose brand or carrier id holds every word of `search`
    (the directory publishes nothing else to search in)."""
    words = _words(search)
    return [
        r
        for r in rows
        if (province is None or r.province_code == province)
        and (regency is None or r.regency_code == regency)
        and (kind is None or r.type == kind)
        and _matches((r.brand, r.carrier_id), words)
    ]
