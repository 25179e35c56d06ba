"""A local port for a server the tests, the benchmark or `make serve-many` start, and the wait until it answers.

Ports are taken below the kernel's ephemeral range. A connection to a port inside that range, while nothing
listens on it yet, can be given that same port as its source port; the socket then talks to itself (TCP
simultaneous open) and the health check reads back its own request ("BadStatusLine: GET /_stcore/health").
"""
from __future__ import annotations

import http.client
import random
import socket
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

EPHEMERAL_RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST_PORT = 20000
HEALTH_PATH = "/_stcore/health"
POLL_INTERVAL_S = 0.3


def ephemeral_low() -> int:
    """The lowest port the kernel hands out as a source port (Linux's default when the file cannot be read)."""
    try:
        return int(EPHEMERAL_RANGE_FILE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(span: int = 1) -> int:
    """The first of `span` consecutive free local ports below the ephemeral range, from a random start so that
    servers started side by side (pytest's workers) rarely reach for the same ones. Free when probed: a server
    still has to bind it."""
    high = ephemeral_low() - span
    start = random.randrange(LOWEST_PORT, high)
    for offset in range(high - LOWEST_PORT):
        first = LOWEST_PORT + (start - LOWEST_PORT + offset) % (high - LOWEST_PORT)
        if all(port_is_free(first + step) for step in range(span)):
            return first
    raise OSError(f"no {span} free consecutive local ports between {LOWEST_PORT} and {high + span}")


def wait_until_healthy(url: str, running: Callable[[], bool], timeout_s: float, failure: Callable[[], str]) -> None:
    """Poll `url`'s health path until it answers 200. Anything else (refused, reset, a reply that is not HTTP)
    means "not yet" while `running()` holds and the time lasts; then the error is `failure()`'s text."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(f"{url}{HEALTH_PATH}", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, http.client.HTTPException):
            pass
        if not running() or time.monotonic() > deadline:
            raise RuntimeError(failure())
        time.sleep(POLL_INTERVAL_S)
