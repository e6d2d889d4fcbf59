"""Who sees what of settlement (docs/settlement.md, docs/security.md).

- admin: every period, every member's row, every line and statement; closes periods and
  records adjustments.
- member: the period totals, its own row, its own lines (as payer or payee) and its own
  statements; another member's statement is 404, as if it did not exist.
- officer (DPW or DPD): the period totals and the rows of the members registered in its
  region (province or regency); no lines and no statements (they are the members' books).
- public: nothing.
"""

from __future__ import annotations

from typing import Any

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.registry.rules import Role


def sees_row(who: Principal, member: int, info: dict[str, Any] | None) -> bool:
    """Whether `who` sees `member`'s row (receivable, payable, net) in a period."""
    if who.role is Role.ADMIN:
        return True
    if who.role is Role.MEMBER:
        return who.member_id == member
    if who.role is Role.OFFICER and info is not None:
        regency = info.get("regency_code")
        return who.sees_region(regency, (regency or "")[:2] or None)
    return False


def lines_scope(who: Principal) -> int | None:
    """None: every line (admin); else the member whose lines the caller sees."""
    if who.role is Role.ADMIN:
        return None
    if who.role is Role.MEMBER and who.member_id is not None:
        return who.member_id
    raise JalinError(CommonErrorCode.FORBIDDEN, "only an admin or a member reads settlement lines")


def require_admin(who: Principal) -> None:
    if who.role is not Role.ADMIN:
        raise JalinError(CommonErrorCode.FORBIDDEN, "only an admin closes periods and records adjustments")


def statement_allowed(who: Principal, member: int) -> bool:
    return who.role is Role.ADMIN or (who.role is Role.MEMBER and who.member_id == member)
