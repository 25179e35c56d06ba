"""Headless Debian Chromium as the tests and the benchmark drive it (Playwright cannot download a browser here;
/usr/bin/chromium comes from `make system-packages`), and a free local port for a dashboard server."""
from __future__ import annotations

import socket

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium phones home at start-up, which this network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    """A free local port (closed again before the server binds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
