"""The dashboard tried as an attacker would, on the real `streamlit run` server in headless Chromium: no way past
the login on a freshly started server (whatever its first request), logging out ends the session and its token,
and nothing a steward's file holds runs as a script, a link or a formula."""
from __future__ import annotations

import base64
import csv
import io
import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.ingestion.submission_store import SubmissionStore
from tests.browser import offline_page, screenshot
from tests.conftest import FIXTURES, TEST_ACCOUNTS, quality_dir, submissions_dir
from tests.test_dashboard_browser import PAGES, choose_files, log_in, running_dashboard, wait_until_drawn, wait_until_idle

pytestmark = pytest.mark.e2e  # a Streamlit server and headless Chromium

# Every address a page is served at, and every page script's file name (what Streamlit's older multipage mode
# would serve), and the folder they are in.
URL_PATHS = ["", "overview", "indicator", "green-credit", "green-bonds", "energy-carbon-forest", "changshou-guangan",
             "tasks", "data-quality", "submit"]
FILE_NAMES = ["overview", "indicator", "green_credit", "green_bonds", "energy_carbon_forest", "changshou_guangan",
              "task_ledger", "data_quality", "submit_data", "app_pages/overview", "pages/overview"]
COOKIE_NAME = "gf_monitor_auth"


def unsigned_token(username: str) -> str:
    """A JWT with "alg": "none" and no signature, as an attacker would forge one."""
    def part(content: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(content).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({'sub': username, 'username': username, 'exp': 9999999999, 'exp_date': 9999999999})}."


def assert_login_form_and_no_figure(page, where: str, login_form: bool = True) -> None:
    if login_form:
        assert page.get_by_role("button", name="登录").count() == 1, where
    text = page.locator("body").inner_text()
    assert "亿元" not in text and "%" not in text, (where, text[:300])
    assert page.locator(".js-plotly-plot").count() == 0, where
    assert page.locator('input[type="file"]').count() == 0, where
    assert page.locator('[data-testid="stSidebarNav"] a').count() == 0, where  # no page listed either


def visit_anonymously(page, url: str, path: str) -> None:
    """Open `path` with no valid login. A path of two segments (app_pages/overview) gets Streamlit's page with
    its scripts addressed relative to the wrong folder: a blank page, which the checks still look through."""
    page.goto(f"{url}/{path}", wait_until="load")
    if "/" in path:
        page.wait_for_timeout(1500)  # long enough for a page that did load its scripts to draw
    else:
        # The login form is the run's only page: once it is drawn, no other page is coming in this run (a page
        # served instead would never show it, and the wait would fail).
        page.get_by_role("button", name="登录").wait_for(timeout=30_000)


@pytest.mark.parametrize("mode", ["development", "production"])
@pytest.mark.parametrize("first_request", ["alg_none_cookie", "page_file_name"])
def test_a_fresh_server_lets_no_one_past_the_login_whatever_its_first_request(
        first_request, mode, published_progress, accounts_file, tmp_path):
    environment = {"GF_ENV": "production"} if mode == "production" else {}
    with running_dashboard(published_progress[0], accounts_file, tmp_path, **environment) as url:
        with offline_page((1280, 900)) as (page, requests):
            if first_request == "alg_none_cookie":  # the server's very first script run carries a forged cookie
                page.context.add_cookies([{"name": COOKIE_NAME, "value": unsigned_token("li_leader"), "url": url}])
                visit_anonymously(page, url, "overview")
                assert_login_form_and_no_figure(page, "forged cookie")
            else:  # the very first request is a page script's file name
                visit_anonymously(page, url, "green_credit")
                assert_login_form_and_no_figure(page, "first request green_credit")
            page.context.clear_cookies()
            # Every path, url and file name, once per mode; after a file name as the first request, the file
            # names again (the paths a server may serve by file name before any session has run the router).
            for path in URL_PATHS + FILE_NAMES if first_request == "alg_none_cookie" else FILE_NAMES:
                visit_anonymously(page, url, path)
                assert_login_form_and_no_figure(page, path, login_form="/" not in path)
            screenshot(page, f"security_fresh_server_{first_request}_{mode}")
        assert requests.outside == []
        with pytest.raises(urllib.error.HTTPError) as closed:
            urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10)
        assert closed.value.code == 404


def cookie_of(page, url: str) -> dict:
    return next(cookie for cookie in page.context.cookies(url) if cookie["name"] == COOKIE_NAME)


def test_logging_out_ends_the_session_and_revokes_its_token(published_progress, accounts_file, tmp_path):
    with running_dashboard(published_progress[0], accounts_file, tmp_path) as url:
        with offline_page((1280, 900)) as (page, requests):
            log_in(page, url, "li_leader")
            page.wait_for_timeout(1000)  # the cookie is written by the run that follows the login
            token = cookie_of(page, url)["value"]
            page.reload()
            wait_until_drawn(page, 0, "2025 年目标完成情况")  # a reload stays logged in
            page.locator('[data-testid="stSidebar"]').get_by_role("button", name="退出登录").click()
            page.get_by_role("button", name="登录").wait_for(timeout=30_000)
            page.wait_for_timeout(1000)
            assert COOKIE_NAME not in {cookie["name"] for cookie in page.context.cookies(url)}  # deleted
            page.reload()
            wait_until_idle(page, "用户名")
            assert_login_form_and_no_figure(page, "reload after logout")
            # The token captured before the logout, replayed: refused by the server, not only by the browser.
            page.context.add_cookies([{"name": COOKIE_NAME, "value": token, "url": url}])
            visit_anonymously(page, url, "green-credit")
            assert_login_form_and_no_figure(page, "replayed token")
            assert page.get_by_text("Page not found").count() == 0  # the bookmark's address has the login form
            screenshot(page, "security_after_logout_zh")
            # Logging in there opens the bookmarked page itself.
            wait_until_idle(page, "用户名")
            page.get_by_role("textbox", name="用户名").fill("li_leader")
            page.get_by_role("textbox", name="密码").fill(TEST_ACCOUNTS["li_leader"][2])
            page.get_by_role("button", name="登录").click()
            wait_until_drawn(page, 0, "绿色信贷")
        assert requests.outside == []
    outcomes = [line["outcome"] for line in map(json.loads, (tmp_path / "security" / "login_audit.jsonl")
                                                 .read_text(encoding="utf-8").splitlines())]
    assert outcomes == ["success", "logout", "success"]


# --- what a steward's file holds stays text ------------------------------------------------------------------

# No double quote: Chromium sends one in a file name as %22.
SCRIPT_FILE_NAME = "=HYPERLINK(http:evil.example) 绿色贷款.csv"
LINK_FILE_NAME = "[官方通知](https:evil.example) 森林覆盖率.csv"
FORMULAS = ['=HYPERLINK("http://evil.example","点击")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0"]


def bonds_with_formula_names() -> str:
    """Two valid Changshou bonds of 2025 whose names and issuers are the OWASP examples."""
    rows = [["bond_code", "bond_name", "issuer_name", "region_code", "issue_date", "amount", "amount_unit",
             "bond_type", "market"],
            ["EVIL01", FORMULAS[0], FORMULAS[1], "500115", "2025-03-15", "1.25", "亿元", "green_bond", "interbank"],
            ["EVIL02", FORMULAS[3], FORMULAS[2], "500115", "2025-05-20", "0.75", "亿元", "carbon_neutral", "exchange"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile_uploads(published_known_answer, accounts_file, tmp_path_factory):
    """A server on a copy of the known-answer database, where a steward has uploaded a file with markup in
    its cells under a formula-like name (rejected), and bonds with formula-like names under a Markdown-link
    name (published)."""
    work = tmp_path_factory.mktemp("hostile")
    db = work / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    shutil.copy(published_known_answer, db)
    uploads = work / "uploads"
    uploads.mkdir()
    (uploads / SCRIPT_FILE_NAME).write_bytes((FIXTURES / "attack" / "script_in_a_cell.csv").read_bytes())
    (uploads / LINK_FILE_NAME).write_text(bonds_with_formula_names(), encoding="utf-8")
    with running_dashboard(db, accounts_file, work, GF_RAW_DIR=str(FIXTURES / "known_answer")) as url:
        dialogs: list[str] = []
        with offline_page((1400, 900)) as (page, requests):
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            log_in(page, url, "zhang_steward")
            for name, source, outcome in ((SCRIPT_FILE_NAME, "green_loans", "未接收"),
                                          (LINK_FILE_NAME, "green_bonds", "已接收并发布")):
                page.goto(f"{url}/submit")
                page.get_by_role("heading", name="数据报送", level=1).wait_for(timeout=30_000)
                page.locator('[data-testid="stMain"]').get_by_role("combobox").first.click()
                page.get_by_role("option").filter(has_text=f"({source})").click()
                choose_files(page, [uploads / name])
                page.get_by_role("button", name="校验并发布").click()
                page.get_by_text(outcome).first.wait_for(timeout=240_000)
                page.wait_for_timeout(1000)
            screenshot(page, "security_hostile_submissions_zh")
            yield url, db, page, dialogs, work
        assert requests.outside == []


def download(page, button) -> list[list[str]]:
    with page.expect_download() as info:
        button.click()
    return list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))


def test_formula_like_names_are_neutralised_in_every_download(hostile_uploads):
    url, db, page, dialogs, work = hostile_uploads
    page.goto(f"{url}/green-bonds")
    wait_until_drawn(page, 3, "绿色债券")
    cells = [cell for button in page.get_by_role("button", name="下载 CSV").all() for row in download(page, button)
             for cell in row]
    for formula in FORMULAS:
        assert "'" + formula in cells and formula not in cells, formula
    # On screen too: the table's own download button (Streamlit's) exports what the table shows.
    page.goto(f"{url}/submit")
    # The audit log's download comes after the upload form: wait for it, then for the script to finish.
    page.get_by_role("button", name="下载 CSV").first.wait_for(timeout=60_000)
    wait_until_drawn(page, 0, "数据报送")
    exported = [cell for button in page.get_by_role("button", name="下载 CSV").all() for row in download(page, button)
                for cell in row]
    assert "'" + SCRIPT_FILE_NAME in exported, "|".join(exported)  # the audit log's file name
    risky = [cell for cell in exported if cell[:1] in ("=", "+", "@", "\t", "\r")
             or (cell.startswith("-") and not cell[1:2].isdigit())]
    assert risky == []


def test_a_file_name_link_is_shown_as_text_on_the_overview(hostile_uploads):
    url, db, page, dialogs, work = hostile_uploads
    page.goto(url)
    wait_until_drawn(page, 0, "2025 年目标完成情况")
    shown = page.get_by_text(LINK_FILE_NAME, exact=False).first
    shown.wait_for(timeout=30_000)
    assert page.locator('a[href*="evil"]').count() == 0
    shown.scroll_into_view_if_needed()
    screenshot(page, "security_link_name_as_text_zh")


def test_markup_in_a_rejected_value_fires_no_script_in_the_data_docs_or_any_page(hostile_uploads):
    url, db, page, dialogs, work = hostile_uploads
    for path, _, title, _ in [("submit", 0, "数据报送", None), *PAGES]:
        page.goto(f"{url}/{path}")
        wait_until_drawn(page, 0, title)
    docs = quality_dir(db) / "data_docs"
    pages = [docs / "index.html", *sorted((docs / "validations").rglob("*.html"))]
    hostile = [html for html in pages if "onerror=alert" in html.read_text(encoding="utf-8")
               .replace("&lt;", "<").replace("&gt;", ">")]
    assert hostile, "the rejected run's validation page should quote the value"
    for html in [pages[0], *hostile]:
        page.goto(html.as_uri())
        page.wait_for_timeout(1500)
    page.goto(hostile[0].as_uri())
    page.get_by_text("<img src=x onerror=alert(1)>", exact=False).first.wait_for(timeout=10_000)
    screenshot(page, "security_data_docs_value_as_text")
    assert dialogs == []
    audit = SubmissionStore(submissions_dir(db)).audit_log()
    assert [(line["file_as_sent"], line["outcome"]) for line in audit] == [
        (SCRIPT_FILE_NAME, "rejected"), (LINK_FILE_NAME, "published")]
