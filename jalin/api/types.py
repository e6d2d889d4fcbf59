"""Constrained types shared by every route, so a bad value is a 422 before it reaches storage.

`Id` is every object id (path or body): a whole number from 1 to `MAX_ID`, the largest value of
the 32-bit integer columns in both databases (beyond it SQLite's driver overflows and PostgreSQL
refuses the comparison). Body fields use the strict variants: JSON `false` is not the id 0 and
`0` is not `false` (no loose coercion); path and query values arrive as text and are parsed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from annotated_types import Ge, Le
from fastapi import Query
from pydantic import BeforeValidator, Strict

from jalin.services.paging import DEFAULT_LIMIT, MAX_LIMIT
from jalin.services.shipments.views import parse_member_ref

MAX_ID = 2**31 - 1
#: Rupiah amounts a person types (fees): 0 to one billion.
MAX_RUPIAH = 1_000_000_000

Id = Annotated[int, Ge(1), Le(MAX_ID)]
BodyId = Annotated[Id, Strict()]
BodyInt = Annotated[int, Strict()]
BodyBool = Annotated[bool, Strict()]


def _iso_text(value: Any) -> Any:
    if not isinstance(value, str | date):
        raise ValueError("must be a date written as YYYY-MM-DD, e.g. 2026-12-01")
    return value


#: A calendar date in a body: only the ISO text (a number is not a date since 1970).
BodyDate = Annotated[date, BeforeValidator(_iso_text)]


def _member_ref(value: Any) -> Any:
    """`M0012` (as shipments name a member) or `12` -> 12; anything else is left for the strict
    integer check to refuse (so `true` and `1.5` stay errors)."""
    if isinstance(value, str):
        parsed = parse_member_ref(value)
        return value if parsed is None else parsed
    return value


#: A member id in a path or body: the bare id (12) or the reference shipments use (M0012).
MemberRef = Annotated[Id, Strict(), BeforeValidator(_member_ref)]


#: `cursor` of a list: the `next_cursor` of the previous page. Anything else is one 422
#: `invalid_cursor` naming `cursor` (the service decodes it, so every adapter answers alike).
Cursor = Annotated[
    str | None,
    Query(description="`next_cursor` of the previous page; leave out for the first page"),
]
#: `limit` of a list: items per page, 1 to `MAX_LIMIT` (500); 50 when left out.
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}")]
DEFAULT_PAGE = DEFAULT_LIMIT
