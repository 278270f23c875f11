"""The local users file: who may sign in, with which role and password hash.

For teams without an identity provider. The file is TOML, by default
``data/users.toml`` (``$CXDASH_USERS`` names another)::

    default_role = "viewer"      # people signed in through OIDC with no entry below

    [users."aziza"]
    role = "analyst"
    password = "$argon2id$v=19$..."

    [users."cmo@example.com"]   # no password: signs in through the identity provider
    role = "viewer"

Only hashes are stored, never a password. Every write replaces the file
atomically (a temporary file in the same folder, then a rename) with mode
0600, so a crash never leaves half a file and other system users cannot read
the hashes. Names match without regard to case.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cxdash.auth.passwords import hash_password, is_hash, verify
from cxdash.auth.roles import ROLES

ENV_USERS = "CXDASH_USERS"
DEFAULT_USERS = Path("data") / "users.toml"
# For people the identity provider vouches for but the file does not list.
DEFAULT_IDENTITY_ROLE = "viewer"
NO_ROLE = "none"
_MAX_NAME = 120


class UsersFileError(ValueError):
    """The users file cannot be read, or a change to it is refused; the message says why."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class UsersFile:
    users: tuple[User, ...] = ()
    default_role: str = DEFAULT_IDENTITY_ROLE

    def find(self, name: str) -> User | None:
        wanted = _key(name)
        return next((u for u in self.users if _key(u.name) == wanted), None)


def users_path() -> Path:
    """The users file the app and CLI use: $CXDASH_USERS, else data/users.toml."""
    return Path(os.environ.get(ENV_USERS) or DEFAULT_USERS)


def _key(name: str) -> str:
    return name.strip().casefold()


def check_name(name: str) -> str:
    """``name`` stripped, or UsersFileError when it cannot name a user."""
    cleaned = name.strip()
    if not cleaned:
        raise UsersFileError("a user name must not be empty")
    if len(cleaned) > _MAX_NAME:
        raise UsersFileError(f"a user name is at most {_MAX_NAME} characters")
    if any(not ch.isprintable() for ch in cleaned):
        raise UsersFileError("a user name must not hold control characters or line breaks")
    return cleaned


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UsersFileError(f"{role!r} is not a role; roles: {', '.join(ROLES)}")
    return role


# -- reading ---------------------------------------------------------------------------


def read(path: Path | None = None) -> UsersFile:
    """The users in ``path``; an empty UsersFile when the file does not exist."""
    path = Path(path or users_path())
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UsersFile()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        # Fail closed: the app keeps sign-in on and lets nobody in until the file is fixed.
        raise UsersFileError(f"{path}: cannot be read ({exc})") from None
    return _parse(path, raw)


def _parse(path: Path, raw: dict) -> UsersFile:
    default_role = raw.get("default_role", DEFAULT_IDENTITY_ROLE)
    if default_role != NO_ROLE and default_role not in ROLES:
        raise UsersFileError(
            f"{path}: default_role {default_role!r} is neither a role ({', '.join(ROLES)}) "
            f'nor "{NO_ROLE}"'
        )
    entries = raw.get("users", {})
    if not isinstance(entries, dict):
        raise UsersFileError(f"{path}: [users] must be a table of users")
    users: list[User] = []
    seen: set[str] = set()
    for name, entry in entries.items():
        where = f"{path}: user {name!r}"
        if not isinstance(entry, dict):
            raise UsersFileError(f"{where} must be a table with a role")
        try:
            cleaned, role = check_name(name), check_role(entry.get("role"))
        except UsersFileError as exc:
            raise UsersFileError(f"{where}: {exc}") from None
        password = entry.get("password")
        if password is not None and not (isinstance(password, str) and is_hash(password)):
            raise UsersFileError(f"{where}: password must be a hash written by `cxdash users add`")
        if _key(cleaned) in seen:
            raise UsersFileError(f"{where} is listed twice (names match without regard to case)")
        seen.add(_key(cleaned))
        users.append(User(cleaned, role, password))
    return UsersFile(tuple(users), default_role)


# -- writing ---------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string: same quotes, same escapes.
    return json.dumps(text, ensure_ascii=False)


def _render(users: UsersFile) -> str:
    lines = [
        "# cxdash users: who may sign in, with which role. Managed by",
        "# `python -m cxdash users add|remove|list`; holds password hashes only. Keep it private.",
        "# default_role: the role of people signed in through the identity provider (OIDC)",
        f'# who are not listed below; "{NO_ROLE}" refuses them.',
        f"default_role = {_toml_string(users.default_role)}",
    ]
    for user in users.users:
        lines += ["", f"[users.{_toml_string(user.name)}]", f"role = {_toml_string(user.role)}"]
        if user.password_hash:
            lines.append(f"password = {_toml_string(user.password_hash)}")
    return "\n".join(lines) + "\n"


def write(users: UsersFile, path: Path | None = None) -> None:
    """Replace the file with ``users`` atomically, readable and writable by its owner only."""
    path = Path(path or users_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(_render(users))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def add(
    name: str,
    role: str,
    password: str | None,
    *,
    path: Path | None = None,
    replace: bool = False,
) -> User:
    """Add a user (or, with ``replace``, change one); ``password`` None signs in via OIDC only."""
    path = Path(path or users_path())
    cleaned, role = check_name(name), check_role(role)
    current = read(path)
    existing = current.find(cleaned)
    if existing is not None and not replace:
        raise UsersFileError(
            f"user {existing.name!r} exists already; `users add --replace` changes them"
        )
    user = User(cleaned, role, hash_password(password) if password is not None else None)
    others = tuple(u for u in current.users if u is not existing)
    write(UsersFile((*others, user), current.default_role), path)
    return user


def remove(name: str, *, path: Path | None = None) -> User:
    """Remove a user; UsersFileError when there is no such user."""
    path = Path(path or users_path())
    current = read(path)
    existing = current.find(name)
    if existing is None:
        raise UsersFileError(f"no user {name.strip()!r} in {path}")
    kept = tuple(u for u in current.users if u is not existing)
    write(UsersFile(kept, current.default_role), path)
    return existing


# -- signing in --------------------------------------------------------------------------


def authenticate(users: UsersFile, name: str, password: str) -> User | None:
    """The user when ``name`` and ``password`` match an entry with a password, else None.

    An unknown name costs the same hash check as a wrong password.
    """
    user = users.find(name) if name.strip() else None
    if verify(user.password_hash if user else None, password):
        return user
    return None


def role_for_identity(users: UsersFile, identity: str | None) -> str | None:
    """The role of someone the identity provider signed in: their entry's, else the default.

    None when they may not use the app (``default_role = "none"`` and no entry).
    """
    user = users.find(identity) if identity and identity.strip() else None
    if user is not None:
        return user.role
    return None if users.default_role == NO_ROLE else users.default_role
