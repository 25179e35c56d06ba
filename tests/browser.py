"""Headless Debian Chromium driven by Playwright, with every request that would leave the machine recorded and
refused. `playwright install` cannot download a browser here; /usr/bin/chromium comes from `make system-packages`."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Request, Route, sync_playwright

from scripts.configuration.browser import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LOCAL_PREFIXES = ("file://", "http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1",
                  "data:", "blob:", "about:")


@dataclass
class Requests:
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)

    def record_failure(self, request: Request) -> None:
        """A request that failed on the network. One the browser cancelled because the test moved to the next
        page (a lazily loaded script, a download link's file) is not a fault of the page."""
        (self.aborted if request.failure == "net::ERR_ABORTED" else self.failed).append(request.url)

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@contextmanager
def offline_page(viewport=(1280, 900)):
    """A page whose outside requests are refused and listed in the yielded Requests."""
    from tests.conftest import require_lane

    require_lane("headless Chromium", "e2e")
    requests = Requests()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.route("**/*", requests.route)
            page.on("requestfailed", requests.record_failure)
            yield page, requests
        finally:
            browser.close()


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
