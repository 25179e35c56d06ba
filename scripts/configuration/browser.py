"""Headless Debian Chromium as the tests and the benchmark drive it (Playwright cannot download a browser here;
/usr/bin/chromium comes from `make system-packages`)."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium phones home at start-up, which this network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

