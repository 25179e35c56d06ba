"""What a leader sees in a minute, in Debian's headless Chromium on the real server: the words after the deadline
on the published data (the progress fixture, whose end-2025 figures are missing, then the sample, republished
under the running server, where a target missed at the deadline was met later), the status matrix readable on
a phone without scrolling sideways, and screenshots of the overview, an indicator page, the comparison and the
task page in both languages at 1400×900 and 390×844 (tests/artifacts/leader_<page>_<lang>_<viewport>.png)."""
from __future__ import annotations

import os
import shutil

import pytest

from tests.browser import offline_page, screenshot
from tests.conftest import TEST_ACCOUNTS, query
from tests.test_dashboard_browser import running_dashboard, wait_until_drawn, wait_until_idle

pytestmark = pytest.mark.e2e  # a Streamlit server and headless Chromium

VIEWPORTS = {"laptop": (1400, 900), "phone": (390, 844)}
# (url path, charts on the sample, title zh, title en)
LEADER_PAGES = [
    ("", 0, "2025 年目标完成情况", "The 2025 targets: outcome"),
    ("indicator", 1, "指标详情", "Indicator details"),
    ("changshou-guangan", 7, "区域比较", "Regions compared"),
    # the league (task 32): the waterfall of the last quarter and the rank over time
    ("institution-evaluation", 2, "金融机构绿色金融评价", "Green-finance evaluation of institutions"),
    ("tasks", 1, "任务台账", "Task ledger"),
]


@pytest.fixture(scope="module")
def leader_dashboard(published_progress, published_sample, accounts_file, tmp_path_factory):
    """A server on a copy of the progress fixture; a test may republish the sample over it."""
    work = tmp_path_factory.mktemp("leader")
    served = work / "warehouse" / "greenfinance.duckdb"
    served.parent.mkdir()
    shutil.copy(published_progress[0], served)
    with running_dashboard(served, accounts_file, work) as url:
        yield url, served, published_progress[0], published_sample[0]


def log_in(page, url: str, lang: str) -> None:
    page.goto(f"{url}/?lang={lang}")
    labels = ("用户名", "密码", "登录") if lang == "zh" else ("Username", "Password", "Log in")
    wait_until_idle(page, labels[0])
    page.get_by_role("textbox", name=labels[0]).fill("li_leader")
    page.get_by_role("textbox", name=labels[1]).fill(TEST_ACCOUNTS["li_leader"][2])
    page.get_by_role("button", name=labels[2]).click()
    wait_until_drawn(page, 0, LEADER_PAGES[0][2] if lang == "zh" else LEADER_PAGES[0][3])


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def republish(served, replacement) -> None:
    """What the pipeline does when it publishes: a new file moved over the served one."""
    staged = served.with_name("staged.duckdb")
    shutil.copy(replacement, staged)
    os.replace(staged, served)


def test_the_words_after_the_deadline_in_the_browser(leader_dashboard):
    url, served, progress, sample = leader_dashboard
    republish(served, progress)  # the progress fixture first, whichever test ran before
    with offline_page(VIEWPORTS["phone"]) as (page, requests):
        log_in(page, url, "zh")
        page.get_by_text("2025 年末数据尚未报送").first.wait_for(timeout=30_000)
        text = main_text(page)
        assert "期限已过，2025 年末数据尚未报送；按 2024 年末数据判断：需加快进度。" in text
        scorecard = text.split("当前目标")[0]  # the targets still running do need growth
        assert "需年均" not in scorecard and "需每年新增" not in scorecard
        # The sample: Changshou's share short of 15 % at end-2025 and above it later; bonds met by end-2025.
        republish(served, sample)
        (met_on,), = query(sample, "select met_after_deadline_on from fct_indicator_progress_latest "
                                   "where region_code = '500115' and target_code = 'GL_SHARE_2025'")
        quarter = "一二三四"[(met_on.month - 1) // 3]
        page.reload()
        page.get_by_text("已达到目标：2025 年末 21.50 亿元").first.wait_for(timeout=30_000)
        text = main_text(page)
        assert f"2025 年末 14.28%，未达到 > 15% 的目标。{met_on.year} 年{quarter}季度末已达到目标。" in text
        assert "需年均" not in text.split("当前目标")[0] and "2025 年末数据尚未报送" not in text
    assert requests.outside == [] and requests.failed == []


def status_cells_inside(page, width: int) -> int:
    """Every status cell of the overview's matrix lies inside the viewport; returns how many there are."""
    cells = page.locator("table.status-matrix td.status")
    count = cells.count()
    for index in range(count):
        box = cells.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (index, box)
    return count


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_leader_pages_on_a_laptop_and_a_phone(leader_dashboard, lang):
    url, served, _, sample = leader_dashboard
    republish(served, sample)
    for viewport, (width, height) in VIEWPORTS.items():
        with offline_page((width, height)) as (page, requests):
            log_in(page, url, lang)
            # The matrix: the 14 targets that apply to Changshou or Guang'an (the 2025 plan's 10, the national 2030
            # one, the district's 3 awaited; not the city's own) × the two, on the first phone screen's width.
            assert status_cells_inside(page, width) == 14 * 2
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            matrix = page.locator("table.status-matrix").bounding_box()
            assert matrix["height"] <= VIEWPORTS["phone"][1], matrix  # the whole matrix on one phone screen
            legend = page.locator(".status-legend")
            assert legend.is_visible()  # the legend is always shown, not folded away
            for path, charts, title_zh, title_en in LEADER_PAGES:
                page.goto(f"{url}/{path}?lang={lang}")
                wait_until_drawn(page, charts, title_zh if lang == "zh" else title_en)
                assert page.locator('[data-testid="stException"]').count() == 0, path
                if path == "institution-evaluation":
                    assert_league_in_mart_order(page, sample, lang)
                whole_page(page, width, f"leader_{path or 'overview'}_{lang}_{viewport}")
        assert requests.outside == [] and requests.failed == [], (viewport, requests.outside, requests.failed)


def assert_league_in_mart_order(page, db, lang: str) -> None:
    """The league as drawn (a table on a laptop, cards on a phone) names the institutions in the mart's order."""
    names = [name for (name,) in query(db, f"select institution_name_{lang} from fct_institution_evaluation "
                                           "where scheme_code = 'PBOC2021' and region_code = '500115' and "
                                           "period_end = (select max(period_end) from fct_institution_evaluation) "
                                           "and institution_rank is not null order by institution_rank")]
    text = main_text(page)
    positions = [text.find(name) for name in names]
    assert len(names) == 7 and -1 not in positions and positions == sorted(positions), (names, positions)


def whole_page(page, width: int, name: str) -> None:
    """Streamlit scrolls inside its main block: a tall viewport of the same width shows the whole page."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    original = page.viewport_size
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(800)
    screenshot(page, name)
    page.set_viewport_size(original)


@pytest.mark.parametrize("lang, headings", [
    ("zh", ("2025 年目标完成情况（长寿区建设绿色金融改革创新试验区实施方案）", "当前目标", "目标状态一览")),
    ("en", ("The 2025 targets: outcome (Implementation plan", "Current targets", "Status of every target"))])
def test_the_overview_leads_with_the_scorecard_then_the_current_targets_in_the_browser(leader_dashboard, lang,
                                                                                       headings):
    """After the 2025 deadline, as a leader's phone shows it: the 2025 plan's outcome with the note on its
    green-loan conditions (74.6亿元 at the floor, below 90亿元), then the targets still running, the city's
    12,000亿元 with Changshou's share among them, then the matrix."""
    url, served, progress, _ = leader_dashboard
    republish(served, progress)
    with offline_page(VIEWPORTS["phone"]) as (page, requests):
        log_in(page, url, lang)
        page.get_by_text(headings[2]).first.wait_for(timeout=30_000)
        text = main_text(page)
        cuts = [text.index(heading) for heading in headings]
        assert cuts == sorted(cuts), cuts
        scorecard, current = text[cuts[0]:cuts[1]], text[cuts[1]:cuts[2]]
        assert "74.6 亿元" in scorecard
        city = "全市绿色金融贷款余额" if lang == "zh" else "Green-loan balance, Chongqing"
        share = "长寿区占全市 0.70%" if lang == "zh" else "Changshou District is 0.70% of the city's figure"
        assert city in current and share in current and city not in scorecard
        screenshot(page, f"overview_scorecard_then_current_{lang}_phone")
    assert requests.outside == [] and requests.failed == []
