"""Who sees what in the registry: pure predicates over the principal and typed records.

An object outside the caller's view is reported as not found, so ids do not leak. `scope_of`
states the same rule as data, so storage can filter lists in SQL (one query, not one per row)
without a second copy of the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jalin.registry.access import Principal
from jalin.registry.records import Agreement, ApiKey, Application, Meeting, Member, Party
from jalin.registry.rules import BoardLevel, Role


@dataclass(frozen=True, slots=True)
class Scope:
    """The members, applications and regions a principal sees. `everything` wins; otherwise
    a row is in scope when its province is `province`, its regency is `regency`, or (members)
    its id is `member_id`. An empty scope sees nothing."""

    everything: bool = False
    province: str | None = None
    regency: str | None = None
    member_id: int | None = None


def scope_of(who: Principal) -> Scope:
    if who.role is Role.ADMIN:
        return Scope(everything=True)
    if who.role is Role.OFFICER and who.region_code:
        if who.board_level is BoardLevel.DPW:
            return Scope(province=who.region_code)
        return Scope(regency=who.region_code)
    if who.role is Role.MEMBER and who.member_id is not None:
        return Scope(member_id=who.member_id)
    return Scope()


def sees_member(who: Principal, m: Member) -> bool:
    if who.role is Role.MEMBER:
        return m.id == who.member_id
    return who.sees_region(m.regency_code, m.province_code)


def sees_application(who: Principal, a: Application) -> bool:
    return who.sees_region(a.regency_code, a.province_code)


def sees_agreement(who: Principal, a: Agreement, seats: Sequence[Party]) -> bool:
    """Admins all; a member those it is party to; an officer those its DPW carries or with a
    party registered in its region (`seats`: where each party is registered)."""
    if who.role is Role.ADMIN:
        return True
    if who.role is Role.MEMBER:
        return who.member_id in a.parties
    if who.role is Role.OFFICER:
        return who.sees_region(None, a.province_code) or any(
            who.sees_region(p.regency_code, p.province_code) for p in seats
        )
    return False


def sees_meeting(who: Principal, m: Meeting, host_region: tuple[str | None, str | None]) -> bool:
    """Admins all; an officer those hosted in its region (`host_region`: (regency, province) of
    the host board); a member those it took part in."""
    if who.role is Role.ADMIN:
        return True
    if who.role is Role.OFFICER:
        return who.sees_region(*host_region)
    if who.role is Role.MEMBER:
        return who.member_id in m.members
    return False


def sees_key(who: Principal, k: ApiKey) -> bool:
    """Admins all keys; a member its own member's keys; anyone else the key they present."""
    if who.role is Role.ADMIN:
        return True
    if who.role is Role.MEMBER:
        return k.member_id == who.member_id
    return k.prefix == who.key_prefix
