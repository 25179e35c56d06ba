"""The ports the tests, the benchmark and `make serve-many` give their servers, and the wait until a server
answers. CI once lost `make serve-many`'s test to a health check that connected to itself: on a port inside
the kernel's ephemeral range with nothing listening yet, the check's socket can be given that port as its own,
and it then reads back its own request ("BadStatusLine: GET /_stcore/health HTTP/1.1")."""
from __future__ import annotations

import socket
import threading

import pytest

from scripts.configuration import local_server

pytestmark = pytest.mark.unit


def test_ports_are_below_the_ephemeral_range_free_and_consecutive():
    low = local_server.ephemeral_low()
    for _ in range(20):
        first = local_server.free_port(span=3)
        assert local_server.LOWEST_PORT <= first and first + 2 < low
        assert all(local_server.port_is_free(first + step) for step in range(3))


def test_a_taken_port_is_not_free():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        assert not local_server.port_is_free(holder.getsockname()[1])


class EchoThenHealthy:
    """A server whose first `echoes` connections get their own request back, as a self-connected socket does;
    later ones get the health path's 200."""

    def __init__(self, echoes: int):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.echoes = echoes
        self.served = 0
        threading.Thread(target=self.serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def serve(self) -> None:
        while True:
            connection, _ = self.listener.accept()
            with connection:
                request = connection.recv(65536)
                self.served += 1
                if self.served <= self.echoes:
                    connection.sendall(request)
                else:
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")


def test_a_reply_that_is_not_http_means_not_yet():
    server = EchoThenHealthy(echoes=3)
    local_server.wait_until_healthy(server.url, lambda: True, 30, lambda: "never healthy")
    assert server.served == 4  # three echoes waited out, the fourth answer taken


def test_a_server_that_stopped_is_reported_with_its_text():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", local_server.free_port()))
        url = f"http://127.0.0.1:{unused.getsockname()[1]}"  # bound, not listening: refused
        with pytest.raises(RuntimeError, match="the server's log says: boom"):
            local_server.wait_until_healthy(url, lambda: False, 30, lambda: "the server's log says: boom")
