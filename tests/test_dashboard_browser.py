"""End to end: the real `streamlit run` server on the published sample, every page opened in Debian's headless
Chromium (Playwright) with every request that would leave the machine refused and recorded. Screenshots of
every page go to tests/artifacts/dashboard_<page>_<lang>.png."""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

from scripts.configuration.local_server import free_port, wait_until_healthy
from scripts.configuration.submission_format import seed_rows
from scripts.ingestion.submission_store import SubmissionStore
from tests.browser import offline_page, screenshot
from tests.submission_files import workbook
from tests.conftest import REPO_ROOT, TEST_ACCOUNTS, quality_dir, require_lane, submissions_dir

# (url path, Plotly charts the page draws on the sample, its title in Chinese and English)
PAGES = [
    ("", 0, "2025 年目标完成情况", "The 2025 targets: outcome"),
    ("scorecard", 0, "目标完成情况", "Targets: outcome"),
    ("indicator", 1, "指标详情", "Indicator details"),
    ("green-credit", 6, "绿色信贷", "Green credit"),
    ("green-bonds", 3, "绿色债券", "Green bonds"),
    ("energy-carbon-forest", 5, "能耗·碳排放·森林", "Energy, carbon and forest"),
    ("changshou-guangan", 7, "区域比较", "Regions compared"),
    ("institution-evaluation", 2, "金融机构绿色金融评价", "Green-finance evaluation of institutions"),
    ("tasks", 1, "任务台账", "Task ledger"),
    ("data-quality", 0, "数据质量", "Data quality"),
]
CJK = re.compile(r"[\u4e00-\u9fff]")
START_TIMEOUT_S = 60


@contextmanager
def running_dashboard(db_path: Path, accounts_file: Path, work_dir: Path, **environment: str):
    """The real server as `make serve` starts it (the repository's .streamlit/config.toml), on db_path, with the
    tests' accounts; its log is checked for internet lookups and tracebacks when it stops."""
    require_lane("the Streamlit server", "e2e")
    port = free_port()
    log_path = work_dir / "server.log"
    env = dict(os.environ, GF_DUCKDB_PATH=str(db_path), GF_QUALITY_DIR=str(quality_dir(db_path)),
               GF_AUTH_CONFIG=str(accounts_file), GF_SUBMISSIONS_DIR=str(submissions_dir(db_path)),
               GF_SECURITY_DIR=str(work_dir / "security"))
    env.pop("GF_ENV", None)
    env.update(environment)
    with log_path.open("w") as log:
        # Errors are shown in full so that a failing screenshot is readable.
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/server.py",
                                   "--server.port", str(port), "--server.address", "0.0.0.0",
                                   "--browser.serverAddress", "127.0.0.1", "--client.showErrorDetails", "full"],
                                  cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, lambda: server.poll() is None, START_TIMEOUT_S,
                           lambda: f"streamlit did not start:\n{log_path.read_text()}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
    log = log_path.read_text()
    assert "external IP" not in log, log  # the server did not try to reach the internet either
    assert "Traceback" not in log, log


@pytest.fixture(scope="module")
def dashboard_url(published_sample, accounts_file, tmp_path_factory):
    with running_dashboard(published_sample[0], accounts_file, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


def log_in(page, url: str, username: str, lang: str = "zh") -> None:
    """Through the login form, as a reader does; the cookie it leaves keeps later visits logged in."""
    page.goto(f"{url}/?lang={lang}")
    labels = ("用户名", "密码", "登录") if lang == "zh" else ("Username", "Password", "Log in")
    wait_until_idle(page, labels[0])
    page.get_by_role("textbox", name=labels[0]).fill(username)
    page.get_by_role("textbox", name=labels[1]).fill(TEST_ACCOUNTS[username][2])
    page.get_by_role("button", name=labels[2]).click()
    wait_until_drawn(page, 0, PAGES[0][2] if lang == "zh" else PAGES[0][3])


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


def choose_files(page, paths: list[Path]) -> None:
    """Put files in the upload box and wait until it lists each of them and the script is done. A click on a
    button during the rerun an upload starts is lost (a person is never that fast; a loaded test machine is)."""
    page.locator('input[type="file"]').set_input_files([str(path) for path in paths])
    uploader = page.locator('[data-testid="stFileUploader"]')
    for path in paths:  # the end of the name: the box shortens a long one from the left
        uploader.get_by_text(path.name[-10:]).first.wait_for(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')",
                           timeout=60_000)


def wait_until_idle(page, field: str) -> None:
    """The login form is drawn and no script is running. A click while the login cookie's component makes
    its first rerun would be lost in that rerun (a person is never that fast; a test is)."""
    page.get_by_role("textbox", name=field).wait_for(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')",
                           timeout=30_000)
    page.wait_for_timeout(1000)


def whole_page_screenshot(page, name: str) -> None:
    """Streamlit scrolls inside its main block, so a tall viewport is what shows the whole page."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(800)  # Plotly redraws at the new size
    screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 900})


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders_offline_without_errors(dashboard_url, lang):
    with offline_page((1400, 900)) as (page, requests):
        log_in(page, dashboard_url, "li_leader", lang)
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


@pytest.mark.e2e
def test_the_language_switch_holds_across_pages(dashboard_url):
    with offline_page((1400, 900)) as (page, requests):
        log_in(page, dashboard_url, "li_leader")
        open_page(page, dashboard_url, 0, "2025 年目标完成情况")
        page.locator("[data-testid=\"stSidebar\"]").get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="The 2025 targets: outcome", level=1).wait_for(timeout=30_000)
        page.get_by_role("link", name="Green credit").click()
        page.get_by_role("heading", name="Green credit", level=1).wait_for(timeout=30_000)
        page.get_by_role("link", name="Compare regions").click()
        wait_until_drawn(page, 7, "Regions compared")
        assert "Normalised indicators side by side" in " ".join(
            page.locator(".js-plotly-plot .gtitle").all_text_contents())
    assert requests.outside == []


@pytest.mark.e2e
def test_a_leader_downloads_the_briefing_from_the_overview(dashboard_url, tmp_path):
    """The click a leader makes: the briefing is made on the server then (not before) and arrives as a PDF of
    the newest quarter, marked as sample on every page (the sample is synthetic), and as a Word file."""
    with offline_page((1400, 900)) as (page, requests):
        log_in(page, dashboard_url, "li_leader")
        main = page.locator('[data-testid="stMain"]')
        received = {}
        for label, extension in (("下载简报（PDF）", "pdf"), ("下载简报（Word）", "docx")):
            with page.expect_download(timeout=120_000) as info:
                main.get_by_role("button", name=label).click()
            received[extension] = tmp_path / info.value.suggested_filename
            info.value.save_as(received[extension])
    assert requests.outside == [], requests.outside
    assert received["pdf"].name == "长寿区绿色金融简报_2026Q3.pdf" and received["docx"].suffix == ".docx"
    assert received["pdf"].read_bytes().startswith(b"%PDF-") and received["docx"].read_bytes().startswith(b"PK")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", received["pdf"]], capture_output=True,
                                                             text=True, check=True).stdout).group(1))
    texts = [subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), received["pdf"], "-"],
                            capture_output=True, text=True, check=True).stdout for number in range(1, pages + 1)]
    assert all("示例数据 非官方统计" in text for text in texts), texts
    assert "（2026 年三季度）" in texts[0]  # the subtitle: the newest published quarter, the sidebar's default


def test_chinese_fonts_are_installed_for_the_charts():
    """The screenshots can only show Chinese if fontconfig has a CJK face (Debian's fonts-noto-cjk)."""
    families = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    assert "Noto Sans CJK" in families


# --- logging in, roles and a steward's upload, on a server of its own (the upload republishes its file) ---------

@pytest.fixture(scope="module")
def submission_dashboard(published_sample, sample_raw_dir, accounts_file, tmp_path_factory):
    work = tmp_path_factory.mktemp("upload")
    db_path = work / "warehouse" / "greenfinance.duckdb"
    db_path.parent.mkdir()
    shutil.copy(published_sample[0], db_path)
    with running_dashboard(db_path, accounts_file, work, GF_RAW_DIR=str(sample_raw_dir)) as url:
        yield url, db_path, sample_raw_dir


def corrected_green_loans(raw_dir: Path) -> tuple[bytes, str]:
    """Changshou's end-2025 green loans (2025 catalogue) from the sample, every line raised by 3 % and rounded to
    the cent, as a steward's workbook with Chinese headers, institution names and a total row; and the balance
    the overview must then show: the sum of the lines written, in 亿元 to two decimals."""
    with (raw_dir / "green_loans" / "sample_green_loans.csv").open(encoding="utf-8") as handle:
        lines = [row for row in csv.DictReader(handle) if row["region_code"] == "500115"
                 and row["period_end"] == "2025-12-31" and row["statistics_basis"] == "GF2025"]
    assert lines and {row["amount_unit"] for row in lines} == {"万元"}
    raised = [(Decimal(row["balance"]) * Decimal("1.03")).quantize(Decimal("0.01")) for row in lines]
    names = {entry["institution_code"]: entry["institution_name_zh"] for entry in seed_rows("institutions")}
    rows = [["长寿区绿色贷款专项统计表（2025年末，更正）"], ["单位：万元"],
            ["地区", "机构名称", "报告期", "统计口径", "贷款用途分类", "碳减排效应", "余额"]]
    rows += [["长寿区", names[row["institution_code"]], "2025年四季度", "GF2025", row["loan_use_category"],
              row["carbon_effect"], float(amount)] for row, amount in zip(lines, raised)]
    rows.append(["合计", None, None, None, None, None, float(sum(raised))])
    return workbook(rows), f"{(sum(raised) / 10000).quantize(Decimal('0.01'))} 亿元"


@pytest.mark.e2e
def test_a_steward_uploads_a_file_and_sees_the_new_figure_on_the_overview(submission_dashboard, tmp_path):
    url, db_path, raw_dir = submission_dashboard
    content, new_balance = corrected_green_loans(raw_dir)
    upload = tmp_path / "长寿区2025年末绿色贷款（更正）.xlsx"
    upload.write_bytes(content)
    with offline_page((1400, 900)) as (page, requests):
        log_in(page, url, "zhang_steward")
        assert new_balance not in page.locator('[data-testid="stMain"]').inner_text()
        page.get_by_role("link", name="数据报送").click()
        page.get_by_role("heading", name="数据报送", level=1).wait_for(timeout=30_000)
        choose_files(page, [upload])
        page.get_by_role("button", name="校验并发布").click()
        # The steps are shown as they start; the rebuild is the longest, long enough to be seen.
        page.get_by_text("第 4 步，共 7 步：模型构建（dbt）…").wait_for(timeout=120_000)
        whole_page_screenshot(page, "submission_progress_zh")
        page.get_by_text("已接收并发布：第 1 号报送").wait_for(timeout=180_000)
        whole_page_screenshot(page, "submission_published_zh")
        page.get_by_role("link", name="总览").click()
        source = "第 1 号报送（长寿区2025年末绿色贷款（更正）.xlsx，zhang_steward"
        wait_until_drawn(page, 0, "2025 年目标完成情况")  # the cards are drawn one after another: wait for the last
        page.get_by_text(source).first.wait_for(timeout=30_000)
        overview = page.locator('[data-testid="stMain"]').inner_text()
        assert new_balance in overview and source in overview
        whole_page_screenshot(page, "overview_after_submission_zh")
    assert requests.outside == [] and requests.failed == []
    history = SubmissionStore(submissions_dir(db_path)).history()
    assert [(entry.submission_id, entry.submitted_by, entry.channel) for entry in history] == [
        (1, "zhang_steward", "upload page")]
    assert SubmissionStore(submissions_dir(db_path)).audit_log()[-1]["outcome"] == "published"


@pytest.mark.e2e
def test_a_leader_has_no_upload_page(submission_dashboard):
    url = submission_dashboard[0]
    with offline_page((1400, 900)) as (page, requests):
        log_in(page, url, "li_leader")
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_role("link", name="数据质量").count() == 1
        assert sidebar.get_by_role("link", name="数据报送").count() == 0
        page.goto(f"{url}/submit")
        page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        assert page.locator('input[type="file"]').count() == 0
        assert page.get_by_role("heading", name="数据报送", level=1).count() == 0
    assert requests.outside == []


@pytest.mark.e2e
def test_a_wrong_password_gets_in_nowhere(submission_dashboard):
    url = submission_dashboard[0]
    with offline_page((1400, 900)) as (page, requests):
        page.goto(url)
        wait_until_idle(page, "用户名")
        page.get_by_role("textbox", name="用户名").fill("zhang_steward")
        page.get_by_role("textbox", name="密码").fill("wrong-password")
        page.get_by_role("button", name="登录").click()
        page.get_by_text("用户名或密码错误").wait_for(timeout=30_000)
        # Neither the new pages' addresses nor the scripts' own file names lead past the login.
        for path in ("", "green-credit", "submit", "green_credit", "submit_data", "overview"):
            page.goto(f"{url}/{path}")
            page.get_by_role("button", name="登录").wait_for(timeout=30_000)
            page.wait_for_timeout(800)
            main = page.locator('[data-testid="stMain"]').inner_text()
            assert "亿元" not in main and page.locator(".js-plotly-plot").count() == 0, path
            assert page.locator('input[type="file"]').count() == 0, path
        screenshot(page, "login_refused_zh")
    assert requests.outside == []
