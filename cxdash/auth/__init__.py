"""Sign-in and roles, without Streamlit: who may do what, and the local users file.

- :mod:`cxdash.auth.roles`: the four roles and the actions each may take;
- :mod:`cxdash.auth.passwords`: Argon2id password hashes (argon2-cffi);
- :mod:`cxdash.auth.users`: the users file (``$CXDASH_USERS``, else ``data/users.toml``),
  written atomically and readable by its owner only.

The app's UI corner (``cxdash/ui/access.py``) decides whether sign-in is on and
who is signed in; the CLI (``python -m cxdash users``) manages the file.
"""

from cxdash.auth.roles import (
    ACTIONS,
    EDIT_ARTEFACTS,
    LOAD_DATA,
    MANAGE,
    ROLES,
    VIEW,
    can,
)
from cxdash.auth.users import (
    DEFAULT_USERS,
    ENV_USERS,
    User,
    UsersFile,
    UsersFileError,
    add,
    authenticate,
    read,
    remove,
    role_for_identity,
    users_path,
)

__all__ = [
    "ACTIONS",
    "DEFAULT_USERS",
    "EDIT_ARTEFACTS",
    "ENV_USERS",
    "LOAD_DATA",
    "MANAGE",
    "ROLES",
    "VIEW",
    "User",
    "UsersFile",
    "UsersFileError",
    "add",
    "authenticate",
    "can",
    "read",
    "remove",
    "role_for_identity",
    "users_path",
]
