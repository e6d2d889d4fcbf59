"""Who is asking: the principal behind an API key (or the public), what region they see, and what
they may change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jalin.registry.records import Party
from jalin.registry.rules import BoardLevel, Role


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking, as every service sees it: from an API key or from a portal session (the same
    type, so one set of access rules serves both)."""

    role: Role
    key_prefix: str | None = None
    member_id: int | None = None
    board_level: BoardLevel | None = None
    region_code: str | None = None  # an officer's province (DPW) or regency (DPD)
    user_id: int | None = None  # a person signed in to the portal (then key_prefix is None)

    @property
    def actor(self) -> str:
        """How the audit log names this principal."""
        if self.user_id is not None:
            return f"user:{self.user_id}"
        if self.key_prefix:
            return f"key:{self.key_prefix}"
        return "cli" if self.role is Role.ADMIN else "public"

    def sees_region(self, regency_code: str | None, province_code: str | None) -> bool:
        """Admins see everything; an officer sees their DPW's province or their DPD's regency."""
        if self.role is Role.ADMIN:
            return True
        if self.role is not Role.OFFICER or self.region_code is None:
            return False
        if self.board_level is BoardLevel.DPW:
            return province_code == self.region_code or (regency_code or "")[:2] == self.region_code
        return regency_code == self.region_code


def may_act_on_agreement(who: Principal, carried_by: str | None, parties: Sequence[Party]) -> bool:
    """Whether `who` may create an agreement or change one (stage, terms, documents).

    The rule: the DPP (admin) acts on every agreement. An officer acts only when *every* party is
    a member registered in the officer's region (a DPW officer: the province; a DPD officer: the
    regency) and the agreement is carried by the officer's own DPW (`carried_by` is that
    province's code, or None when no DPW carries it). An agreement with a party elsewhere changes
    quotes beyond the officer's region, so no single DPW speaks for it: the DPP records it.
    Members and the public never act. Seeing is wider than acting: an officer still *reads* every
    agreement that has a party in their region (see `services.registry`).
    """
    if who.role is Role.ADMIN:
        return True
    if who.role is not Role.OFFICER or not who.region_code or not parties:
        return False
    if carried_by is not None and carried_by != who.region_code[:2]:
        return False
    return all(who.sees_region(p.regency_code, p.province_code) for p in parties)


PUBLIC = Principal(Role.PUBLIC)
CLI_ADMIN = Principal(Role.ADMIN)
