"""Download headers: a `Content-Disposition` any client can read, whatever the file is called."""

from __future__ import annotations

import re
from urllib.parse import quote

_UNSAFE_ASCII = re.compile(r'[^\x20-\x7e]|["\\]')


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII `filename` (non-ASCII, quotes and backslashes as `_`) and the exact
    name as RFC 5987 `filename*` (UTF-8, percent-encoded), as RFC 6266 recommends."""
    fallback = _UNSAFE_ASCII.sub("_", filename) or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
