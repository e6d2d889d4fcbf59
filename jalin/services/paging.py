"""One page of a list: `{"items": [...], "next_cursor": ...}`, a page at a time by keyset.

Every list the API answers goes through here (DESIGN.md: "Lists answer `{"items": [...],
"next_cursor": ...}` with cursor pagination"). The rules:

- A list has one documented, total order (by id unless its docstring says otherwise); a
  page is the first `limit` items *after* the key of the previous page's last item (keyset,
  never an offset), so rows inserted or removed between two requests neither repeat an item
  nor skip one that existed when the first page was read.
- `next_cursor` is opaque: base64url of `<tag>:<key as JSON>`, where `tag` names the list (a
  members cursor is refused by the agreements list) and the key is the last item's sort key
  (`s:123` for shipments, as before this module existed). It is null on the last page.
- A cursor this module did not make is one `invalid_cursor` error (422, `field: "cursor"`); a
  `limit` outside 1..`maximum` is one `invalid_query` error (422, `field: "limit"`). Adapters
  validate the same bounds first (FastAPI `Query(ge=1, le=...)`), so both paths answer alike.

Nothing here knows HTTP: services take `cursor` and `limit` as plain values and return the page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from jalin.errors import CommonErrorCode, JalinError

T = TypeVar("T")

#: Items per page when the caller names no `limit`, and the most it may ask for.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: The longest cursor this module makes is well under this; adapters refuse longer ones early.
MAX_CURSOR_LENGTH = 200

Key = int | str | tuple[int | str, ...]


def check_limit(limit: int, maximum: int = MAX_LIMIT) -> int:
    """`limit` itself, or one `invalid_query` error naming `limit` and its bounds."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= maximum:
        raise JalinError(
            CommonErrorCode.INVALID_QUERY,
            f"limit harus 1 sampai {maximum}. / limit must be 1 to {maximum}.",
            field="limit",
        )
    return limit


def encode_cursor(tag: str, key: Key) -> str:
    """The opaque cursor that continues list `tag` after the item whose sort key is `key`."""
    body = json.dumps(list(key) if isinstance(key, tuple) else key, separators=(",", ":"))
    return base64.urlsafe_b64encode(f"{tag}:{body}".encode()).decode().rstrip("=")


def bad_cursor() -> JalinError:
    return JalinError(
        CommonErrorCode.INVALID_CURSOR,
        "cursor tidak dikenal; pakai next_cursor dari halaman sebelumnya. / Unknown cursor; use "
        "next_cursor from the previous page.",
        field="cursor",
    )


def _fits(value: Any, shape: type) -> bool:
    if shape is int:  # ids: the 32-bit integer columns of both databases
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31
    return isinstance(value, shape)


def decode_cursor(cursor: str | None, tag: str, shape: type | tuple[type, ...] = int) -> Any:
    """The key `encode_cursor(tag, key)` put in `cursor` (None for no cursor), checked against
    `shape` (a type, or a tuple of types for a composite key); else one `invalid_cursor` error."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise bad_cursor()
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii") + b"=" * (-len(cursor) % 4)).decode()
        found_tag, _, body = text.partition(":")
        if found_tag != tag:
            raise ValueError
        key = json.loads(body)
    except (ValueError, UnicodeError, binascii.Error):
        raise bad_cursor() from None
    if isinstance(shape, tuple):
        if not isinstance(key, list) or len(key) != len(shape):
            raise bad_cursor()
        if not all(_fits(v, s) for v, s in zip(key, shape, strict=True)):
            raise bad_cursor()
        return tuple(key)
    if not _fits(key, shape):
        raise bad_cursor()
    return key


def page(rows: Sequence[T], limit: int, tag: str, key: Callable[[T], Key]) -> dict[str, Any]:
    """`{"items", "next_cursor"}` from up to `limit + 1` rows already in list order after the
    cursor: the extra row only says that another page exists."""
    items = list(rows[:limit])
    more = len(rows) > limit and bool(items)
    return {"items": items, "next_cursor": encode_cursor(tag, key(items[-1])) if more else None}


def page_of(
    ordered: Iterable[T],
    *,
    tag: str,
    key: Callable[[T], Any],
    cursor: str | None,
    limit: int | None,
    shape: type | tuple[type, ...] = int,
    descending: bool = False,
) -> dict[str, Any]:
    """One page of items already computed in list order (a report, a list filtered by who may
    see it): the items whose key comes after the cursor's, `limit` of them (None: all of them,
    for callers inside Jalin such as portal pages). Still keyset: an item added before the
    cursor's key does not shift the next page."""
    if limit is not None:
        check_limit(limit)
    after = decode_cursor(cursor, tag, shape)
    taken: list[T] = []
    for item in ordered:
        k = key(item)
        if after is not None and (k >= after if descending else k <= after):
            continue
        taken.append(item)
        if limit is not None and len(taken) > limit:
            break
    return page(taken, len(taken) if limit is None else limit, tag, key)
