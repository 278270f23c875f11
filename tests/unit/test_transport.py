"""TCP_NODELAY on the server's sockets (cxdash/ui/transport.py), on real sockets of this process."""

from __future__ import annotations

import socket
import sys

import pytest

from cxdash.ui import transport

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")


def _no_delay(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


@pytest.fixture
def listener():
    # Made as Streamlit makes its own: no protocol number, so asyncio leaves Nagle on.
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


def _accept(listener: socket.socket) -> tuple[socket.socket, socket.socket]:
    client = socket.create_connection(listener.getsockname())
    served, _ = listener.accept()
    return client, served


def test_open_connections_and_later_ones_send_at_once(listener):
    client, served = _accept(listener)
    assert not _no_delay(served)  # what the server would otherwise run with
    assert transport.set_no_delay() >= 3  # the listener and both ends of the connection
    assert _no_delay(listener) and _no_delay(served)
    later_client, later = _accept(listener)
    assert _no_delay(later)  # inherited from the listening socket
    for sock in (client, served, later_client, later):
        sock.close()


def test_other_descriptors_are_left_alone_and_stay_open(listener, tmp_path):
    left, right = socket.socketpair()  # Unix sockets: no TCP option to set
    with (tmp_path / "file").open("w") as file:
        transport.set_no_delay()
        file.write("still open")
    left.sendall(b"x")
    assert right.recv(1) == b"x"  # neither end was closed by the scan
    left.close()
    right.close()


def test_once_per_process(listener, monkeypatch):
    monkeypatch.setattr(transport, "_done", False)
    assert transport.send_small_writes_at_once() >= 1
    assert _no_delay(listener)
    assert transport.send_small_writes_at_once() == 0  # the second call scans nothing
