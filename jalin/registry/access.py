"""Who is asking: the principal behind an API key (or the public), and what region they see."""

from __future__ import annotations

from dataclasses import dataclass

from jalin.registry.rules import BoardLevel, Role


@dataclass(frozen=True, slots=True)
class Principal:
    role: Role
    key_prefix: str | None = None
    member_id: int | None = None
    board_level: BoardLevel | None = None
    region_code: str | None = None  # an officer's province (DPW) or regency (DPD)

    @property
    def actor(self) -> str:
        """How the audit log names this principal."""
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


PUBLIC = Principal(Role.PUBLIC)
CLI_ADMIN = Principal(Role.ADMIN)
