"""`make serve-many`: two dashboard processes behind nginx (scripts/serving/behind_proxy.py), as readers reach
them: each browser stays on one process for its whole visit, new browsers are spread over the processes, and a
login made on one process is good on the other."""
from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest

from scripts.configuration.local_server import free_port
from scripts.serving.behind_proxy import READY_LINE, START_TIMEOUT_S, STREAMLIT_STATIC
from tests.browser import offline_page
from tests.conftest import REPO_ROOT, quality_dir, require_lane, submissions_dir
from tests.test_dashboard_browser import PAGES, log_in, open_page

pytestmark = pytest.mark.e2e
NGINX_ITSELF = "-"  # the access log's upstream address for a request nginx answered itself
ROUTE = re.compile(r'"(?P<request>[^"]*)" \d+ route=(?P<route>[0-9a-f]{32}) process=(?P<process>\S+)$')


@pytest.fixture(scope="module")
def proxy(published_sample, accounts_file, tmp_path_factory):
    require_lane("nginx and two Streamlit servers", "e2e")
    run_dir = tmp_path_factory.mktemp("serving")
    port = free_port(span=3)  # nginx's port, then the two processes'
    env = dict(os.environ, GF_DUCKDB_PATH=str(published_sample[0]), GF_QUALITY_DIR=str(quality_dir(published_sample[0])),
               GF_AUTH_CONFIG=str(accounts_file), GF_SUBMISSIONS_DIR=str(submissions_dir(published_sample[0])),
               GF_SECURITY_DIR=str(run_dir / "security"))
    log_path = run_dir / "behind_proxy.log"
    with log_path.open("w") as log:
        served = subprocess.Popen([sys.executable, "-m", "scripts.serving.behind_proxy", "--processes", "2",
                                   "--no-worker", "--address", "127.0.0.1", "--port", str(port), "--host", "127.0.0.1",
                                   "--first-process-port", str(port + 1), "--run-dir", str(run_dir)],
                                  cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S * 2
        while READY_LINE not in log_path.read_text():
            assert served.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", run_dir
    finally:
        served.terminate()
        served.wait(timeout=60)
    for dashboard_log in run_dir.glob("dashboard-*.log"):
        assert "Traceback" not in dashboard_log.read_text(), dashboard_log.read_text()


def processes_by_route(run_dir: Path) -> dict[str, set[str]]:
    """The dashboard processes each route's requests went to (not the front end's files: nginx's own, "-")."""
    served = defaultdict(set)
    for line in (run_dir / "nginx-access.log").read_text().splitlines():
        if (match := ROUTE.search(line)) and match["process"] != NGINX_ITSELF:
            served[match["route"]].add(match["process"])
    return served


def test_the_front_end_is_served_by_nginx_compressed_once_and_kept_by_the_browser(proxy):
    url, run_dir = proxy
    with urllib.request.urlopen(f"{url}/", timeout=10) as response:
        script = re.search(r'src="\./(static/js/[^"]+\.js)"', response.read().decode("utf-8"))[1]
    asked = urllib.request.Request(f"{url}/{script}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(asked, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Content-Type"] == "application/javascript"
        assert "immutable" in response.headers["Cache-Control"]
        body = gzip.decompress(response.read())
    assert body == (STREAMLIT_STATIC / script.removeprefix("static/")).read_bytes()
    with urllib.request.urlopen(f"{url}/{script}", timeout=10) as response:  # a client that takes no gzip
        assert response.headers["Content-Encoding"] is None and response.read() == body
    served = [line for line in (run_dir / "nginx-access.log").read_text().splitlines() if f"GET /{script} " in line]
    assert len(served) == 2 and all(line.endswith(f"process={NGINX_ITSELF}") for line in served)


def test_each_browser_stays_on_one_process_and_a_login_holds_on_every_process(proxy):
    url, run_dir = proxy
    for _ in range(20):  # new visitors, no cookie: nginx gives each a route of its own
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
            assert response.status == 200
    spread = {process for processes in processes_by_route(run_dir).values() for process in processes}
    assert len(spread) == 2, spread  # 20 new routes on one of two processes only: 1 chance in half a million
    with offline_page((1280, 900)) as (page, requests):
        log_in(page, url, "li_leader")
        open_page(page, f"{url}/{PAGES[2][0]}", PAGES[2][1], PAGES[2][2])
        cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
        assert cookies["gf_route"]["httpOnly"] and cookies["gf_route"]["sameSite"] == "Strict"
        route = cookies["gf_route"]["value"]
        # The same login cookie, but the route of a visitor the other process served.
        own = processes_by_route(run_dir)[route]
        other = next(other_route for other_route, processes in processes_by_route(run_dir).items()
                     if processes and not processes & own)
        page.context.add_cookies([dict(cookies["gf_route"], value=other)])
        open_page(page, f"{url}/{PAGES[3][0]}", PAGES[3][1], PAGES[3][2])
        assert page.get_by_role("textbox", name="密码").count() == 0  # no second login
    assert requests.outside == [] and requests.failed == []
    served = processes_by_route(run_dir)
    # Everything the first visit asked for (page, scripts, websocket) went to one process, the second visit's
    # to the other; the websocket's line is written when it closes.
    assert served[route] == own and len(own) == 1
    assert served[other] and not served[other] & own
    lines = (run_dir / "nginx-access.log").read_text()
    assert f"GET /_stcore/stream HTTP/1.1\" 101 route={route}" in lines
