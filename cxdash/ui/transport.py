"""Let the server send its small writes at once: TCP_NODELAY on its sockets.

Streamlit serves through uvicorn on a listening socket it creates itself
without a protocol number, and asyncio turns Nagle's algorithm off only on
sockets whose protocol reads as TCP. Left on, a response on a kept-alive
connection (its headers, then its body, two writes) waits for the browser's
delayed acknowledgement: about 40 ms for each of the hundred-odd script files
a browser fetches to open a page, and for WebSocket messages too.

Connections accepted later inherit the option from the listening socket
(Linux); the ones already open are set as well. Linux only: elsewhere this
does nothing.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_FDS = Path("/proc/self/fd")
_TCP = (socket.AF_INET, socket.AF_INET6)
_done = False


def send_small_writes_at_once() -> int:
    """Set TCP_NODELAY on this process's TCP sockets, once per process; how many were set."""
    global _done
    if _done:
        return 0
    _done = True
    return set_no_delay()


def set_no_delay() -> int:
    """Set TCP_NODELAY on every TCP socket this process holds; how many were set."""
    if not _FDS.is_dir():
        return 0
    count = 0
    for entry in _FDS.iterdir():
        try:
            # A duplicate, so that closing our socket object leaves the server's open.
            duplicate = os.dup(int(entry.name))
        except (OSError, ValueError):
            continue  # closed meanwhile
        try:
            sock = socket.socket(fileno=duplicate)  # family and type read from the kernel
        except OSError:
            os.close(duplicate)  # not a socket
            continue
        with sock:
            if sock.family in _TCP and sock.type == socket.SOCK_STREAM:
                try:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    count += 1
                except OSError:
                    pass
    return count
