"""``python -m cxdash users add|remove|list``: managing the users file from a shell.

Passwords come from a prompt (typed twice, never echoed) or, for scripts,
from the first line of standard input with ``--password-stdin``; they are
never taken as an argument (it would show in the process list and the shell
history) and never printed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from cxdash.auth import users as users_file
from cxdash.auth.roles import ROLES

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
MIN_PASSWORD = 8


def add_parser(sub) -> None:
    """The ``users`` command and its sub-commands, on the main parser's ``sub``."""
    users = sub.add_parser(
        "users",
        help="add, remove or list who may sign in to the app",
        description="Manage the users file that turns sign-in on. The app asks for a "
        "name and password when the file exists; roles: " + ", ".join(ROLES) + ".",
    )
    actions = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a user (asks for the password)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=tuple(ROLES))
    how = add.add_mutually_exclusive_group()
    how.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )
    how.add_argument(
        "--no-password",
        action="store_true",
        help="no password: the user signs in through the identity provider (OIDC) only",
    )
    add.add_argument("--replace", action="store_true", help="change the user if they exist")
    remove = actions.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    listing = actions.add_parser(
        "list", help="print the users as JSON lines (name, role, password set or not)"
    )
    for parser in (add, remove, listing):
        parser.add_argument(
            "--file",
            type=Path,
            default=None,
            help=f"users file (default: ${users_file.ENV_USERS}, else {users_file.DEFAULT_USERS})",
        )


def run(args: argparse.Namespace) -> int:
    path = args.file or users_file.users_path()
    try:
        if args.users_command == "list":
            for user in users_file.read(path).users:
                record = {
                    "name": user.name,
                    "role": user.role,
                    "password": bool(user.password_hash),
                }
                print(json.dumps(record, ensure_ascii=False))
            return EXIT_OK
        if args.users_command == "remove":
            gone = users_file.remove(args.name, path=path)
            print(f"removed {gone.name!r} from {path}", file=sys.stderr)
            return EXIT_OK
        password = None if args.no_password else _password(args)
        if password is not None and len(password) < MIN_PASSWORD:
            print(
                f"cxdash users: a password needs at least {MIN_PASSWORD} characters",
                file=sys.stderr,
            )
            return EXIT_REFUSED
        user = users_file.add(args.name, args.role, password, path=path, replace=args.replace)
        print(f"{user.name!r} may sign in as {user.role} ({path})", file=sys.stderr)
        return EXIT_OK
    except (users_file.UsersFileError, _NoPasswordError) as exc:
        print(f"cxdash users: {exc}", file=sys.stderr)
        return EXIT_REFUSED


class _NoPasswordError(Exception):
    pass


def _password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise _NoPasswordError("no password on standard input")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise _NoPasswordError("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("The same password again: ") != first:
        raise _NoPasswordError("the two passwords differ; nothing changed")
    return first
