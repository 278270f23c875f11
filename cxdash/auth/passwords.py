"""Password hashes: Argon2id with argon2-cffi's recommended parameters (RFC 9106).

Each hash carries its own random salt and parameters, so hashes made with
older parameters still verify. Verification compares in constant time.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """A salted Argon2id hash of ``password`` (the plaintext is not kept)."""
    if not password:
        raise ValueError("a password must not be empty")
    return _HASHER.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``password_hash``.

    Without a hash (an unknown name, or an entry that signs in elsewhere) a
    dummy hash is checked all the same, so the answer takes as long either way
    and does not reveal which names exist.
    """
    try:
        matched = _HASHER.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None


def is_hash(text: str) -> bool:
    """True when ``text`` looks like an Argon2 hash this module can check."""
    return text.startswith("$argon2")


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash("not a password anyone has")
