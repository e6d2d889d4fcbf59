"""Password hashing: argon2id with argon2-cffi's defaults (RFC 9106's second recommended option:
t=3, m=64 MiB, p=4), verified in constant time; hashes made with weaker parameters are
upgraded at the next successful sign-in."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
#: Verified when an address has no user (or no password yet), so a wrong address takes as long
#: as a wrong password and the answer time does not tell which one it was.
_DUMMY = _hasher.hash("jalin: no such user, nothing to find here")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches `stored` (an argon2 hash); False for no hash, always after the
    same work."""
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)
