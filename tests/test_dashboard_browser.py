"""End to end: the real `streamlit run` server on the published sample, every page opened in Debian's headless
Chromium (Playwright) with every request that would leave the machine refused and recorded. Screenshots of
every page go to tests/artifacts/dashboard_<page>_<lang>.png."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.browser import offline_page, screenshot
from tests.conftest import REPO_ROOT, quality_dir

# (url path, Plotly charts the page draws on the sample, its title in Chinese and English)
PAGES = [
    ("", 0, "目标进展总览", "Progress toward the 2025 targets"),
    ("green-credit", 5, "绿色信贷", "Green credit"),
    ("green-bonds", 3, "绿色债券", "Green bonds"),
    ("energy-carbon-forest", 5, "能耗·碳排放·森林", "Energy, carbon and forest"),
    ("changshou-guangan", 7, "长寿区与广安市对比", "Changshou and Guang'an compared"),
    ("tasks", 1, "任务台账", "Task ledger"),
    ("data-quality", 0, "数据质量", "Data quality"),
]
CJK = re.compile(r"[\u4e00-\u9fff]")
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard_url(published_sample, tmp_path_factory):
    db_path = published_sample[0]
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = dict(os.environ, GF_DUCKDB_PATH=str(db_path), GF_QUALITY_DIR=str(quality_dir(db_path)))
    with log_path.open("w") as log:
        # As `make serve` starts it, with the repository's .streamlit/config.toml (cwd); errors are shown in
        # full so that a failing screenshot is readable.
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
                                   "--server.port", str(port), "--server.address", "0.0.0.0",
                                   "--browser.serverAddress", "127.0.0.1", "--client.showErrorDetails", "full"],
                                  cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"streamlit did not start:\n{log_path.read_text()}")
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
    log = log_path.read_text()
    assert "external IP" not in log, log  # the server did not try to reach the internet either
    assert "Traceback" not in log, log


def open_page(page, url: str, charts: int, title: str) -> None:
    page.goto(url)
    wait_until_drawn(page, charts, title)


def wait_until_drawn(page, charts: int, title: str) -> None:
    """Wait until the page's title is shown, its charts are drawn and its script is done."""
    page.get_by_role("heading", name=title, level=1).wait_for(timeout=30_000)
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg .cartesianlayer').length >= n", arg=charts,
        timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')",
                           timeout=30_000)
    page.wait_for_timeout(500)


def whole_page_screenshot(page, name: str) -> None:
    """Streamlit scrolls inside its main block, so a tall viewport is what shows the whole page."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(800)  # Plotly redraws at the new size
    screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 900})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders_offline_without_errors(dashboard_url, lang):
    with offline_page((1400, 900)) as (page, requests):
        for path, charts, title_zh, title_en in PAGES:
            title = title_zh if lang == "zh" else title_en
            open_page(page, f"{dashboard_url}/{path}?lang={lang}", charts, title)
            assert page.locator('[data-testid="stException"]').count() == 0, path
            assert page.locator(".js-plotly-plot").count() == charts, path
            if path != "data-quality":  # the sample is synthetic: every page with its figures says so
                banner = "示例数据" if lang == "zh" else "Sample data"
                assert page.locator('[data-testid="stAlert"]').filter(has_text=banner).count() == 1, path
            if charts and lang == "zh":
                chart_text = " ".join(page.locator(".js-plotly-plot .gtitle").all_text_contents())
                assert CJK.search(chart_text), (path, chart_text)
            whole_page_screenshot(page, f"dashboard_{path or 'overview'}_{lang}")
    assert requests.outside == [], requests.outside
    assert requests.failed == [], requests.failed


def test_the_language_switch_holds_across_pages(dashboard_url):
    with offline_page((1400, 900)) as (page, requests):
        open_page(page, dashboard_url, 0, "目标进展总览")
        page.locator("[data-testid=\"stSidebar\"]").get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Progress toward the 2025 targets", level=1).wait_for(timeout=30_000)
        page.get_by_role("link", name="Green credit").click()
        page.get_by_role("heading", name="Green credit", level=1).wait_for(timeout=30_000)
        page.get_by_role("link", name="Changshou vs Guang'an").click()
        wait_until_drawn(page, 7, "Changshou and Guang'an compared")
        assert "Normalised indicators side by side" in " ".join(
            page.locator(".js-plotly-plot .gtitle").all_text_contents())
    assert requests.outside == []


def test_chinese_fonts_are_installed_for_the_charts():
    """The screenshots can only show Chinese if fontconfig has a CJK face (Debian's fonts-noto-cjk)."""
    families = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    assert "Noto Sans CJK" in families
