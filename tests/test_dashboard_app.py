"""The dashboard run page by page through its router with Streamlit's AppTest, on databases the real pipeline
built: the small hand-made progress fixture (official figures, Changshou to end-2024), the sample, and the
known-answer file after rejected runs (the data-quality page)."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from scripts.configuration import text as catalog
from scripts.publishing.ingest import REJECTED, ingest
from scripts.ingestion.submission_store import SubmissionStore
from tests import submission_files
from tests.conftest import (FIXTURES, REPO_ROOT, TEST_ACCOUNTS, quality_dir, query, run_pipeline, run_reports,
                            submissions_dir)
from tests.html_tables import wrapped_tables

APP = str(REPO_ROOT / "dashboard" / "app.py")
PAGES = ["app_pages/overview.py", "app_pages/scorecard.py", "app_pages/indicator.py", "app_pages/green_credit.py", "app_pages/green_bonds.py", "app_pages/energy_carbon_forest.py",
         "app_pages/changshou_guangan.py", "app_pages/institution_evaluation.py", "app_pages/task_ledger.py",
         "app_pages/data_quality.py"]
TITLES = {
    "zh": ["2025 年目标完成情况", "目标完成情况", "指标详情", "绿色信贷", "绿色债券", "能耗·碳排放·森林", "区域比较",
           "金融机构绿色金融评价", "任务台账", "数据质量"],
    "en": ["The 2025 targets: outcome", "Targets: outcome", "Indicator details", "Green credit", "Green bonds", "Energy, carbon and forest",
           "Regions compared", "Green-finance evaluation of institutions", "Task ledger", "Data quality"],
}
SAMPLE_BANNER = {"zh": "示例数据", "en": "Sample data"}
TECHNICAL_DETAIL = "技术细节（供数据报送员，程序原文）"  # the data-quality page's folded console text


def serve(monkeypatch, db_path: Path, lang: str = "zh", username: str = "li_leader") -> AppTest:
    """The app on db_path (and the run reports beside it), logged in as `username`, in `lang`."""
    monkeypatch.setenv("GF_DUCKDB_PATH", str(db_path))
    monkeypatch.setenv("GF_QUALITY_DIR", str(quality_dir(db_path)))
    app = AppTest.from_file(APP, default_timeout=60).run()
    if lang != "zh":
        app.sidebar.segmented_control(key="language_switch").set_value(lang).run()
    log_in(app, username, TEST_ACCOUNTS[username][2])
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def log_in(app: AppTest, username: str, password: str) -> AppTest:
    """Through the real login form, as a reader would."""
    app.text_input[0].input(username)
    app.text_input[1].input(password)
    return app.button[0].click().run()


def page_text(app: AppTest) -> str:
    """Everything written on the page as text (markdown, captions, metrics, alerts)."""
    parts = [element.value for element in [*app.markdown, *app.caption, *app.warning, *app.info, *app.error,
                                           *app.title, *app.subheader, *app.text]]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    return "\n".join(str(part) for part in parts)


@pytest.fixture()
def progress_app(published_progress, monkeypatch):
    return lambda lang="zh": serve(monkeypatch, published_progress[0], lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_runs_through_the_router_with_its_key_elements(progress_app, lang):
    app = progress_app(lang)
    for page, title in zip(PAGES, TITLES[lang]):
        app.switch_page(page).run()
        assert not app.exception, (page, [exception.value for exception in app.exception])
        assert [element.value for element in app.title] == [title], page
        charts, tables = len(app.get("plotly_chart")), len(app.dataframe) + len(wrapped_tables(app))
        if page.endswith("overview.py"):
            assert len(app.metric) >= 10  # one card per target of the registry, then the task counts
        elif page.endswith("indicator.py"):
            assert charts == 1 and tables == 1
        elif page.endswith(("green_credit.py", "energy_carbon_forest.py")):
            assert charts >= 5, page
        elif page.endswith("green_bonds.py"):
            assert charts == 3 and tables == 1
        elif page.endswith("changshou_guangan.py"):
            assert charts >= 2 and tables == 2
        elif page.endswith("task_ledger.py"):
            assert charts == 1 and tables >= 13  # a table per section of the plan, then per-department counts
        elif page.endswith("data_quality.py"):
            assert tables >= 3 and len(app.metric) == 4
        if not page.endswith(("overview.py", "data_quality.py")):
            assert app.main.get("download_button"), page  # the page's own, not the sidebar's workbook


def as_at(app: AppTest, day: dt.date) -> AppTest:
    """Choose a quarter end in the sidebar's 数据截至 selector."""
    return app.sidebar.selectbox(key="as_at_choice_zh").set_value(day).run()


def test_after_the_deadline_without_the_final_figure_cards_say_so(progress_app):
    """The progress fixture stops at end-2024 for Changshou; today is after the end-2025 deadline. No card asks
    for growth toward the past date: each says the end-2025 figure is not in and what end-2024 pointed to."""
    app = progress_app("zh")
    chinese = page_text(app)
    assert "期限已过，2025 年末数据尚未报送；按 2024 年末数据判断：需加快进度。" in chinese  # the balance, 62 亿元
    assert "按 2024 年末数据判断：进展有限。" in chinese  # bonds 8 of 20 亿元
    scorecard, _ = sections(app, "2025 年目标完成情况（", "当前目标")  # the targets after 2025 do need growth
    assert "需年均" not in scorecard and "需每年新增" not in scorecard
    assert "62.00 亿元" in chinese and "2024 年末" in chinese  # the headline, labelled with its date
    assert "目标未设定（待市级下达）" in chinese  # CO₂ intensity and non-fossil share: not set, never 0
    assert f"期限已过 {(dt.date.today() - dt.date(2025, 12, 31)).days} 天" in chinese
    app = progress_app("en")
    english = page_text(app)
    assert "the end-2025 figure has not been reported yet. On the end-2024 figure: Acceleration needed." in english
    scorecard, _ = sections(app, "The 2025 targets: outcome (", "Current targets")
    assert "Needs" not in scorecard and "需" not in scorecard


def test_as_at_end_2024_the_cards_say_what_was_needed_then(progress_app):
    """Known answers: Changshou 62亿元 at end-2024, 90亿元 due end-2025: 90 / 62 − 1 = 45.2 % in the one year
    left; bonds 8亿元 since 2021 of 20: 12亿元 in the last year; counted from 2024-12-31: 365 days left."""
    chinese = page_text(as_at(progress_app("zh"), dt.date(2024, 12, 31)))
    assert "需年均增长 45.2% 才能在 2025 年末达到 90 亿元" in chinese
    assert "需每年新增 12.00 亿元 才能在 2025 年末累计达到 20 亿元" in chinese
    assert "距期限还有 365 天" in chinese and "2025 年目标进展" in chinese
    assert "正在查看截至 2024 年四季度的数据" in chinese


def test_a_target_missed_at_the_deadline_and_met_later_says_when(published_sample, monkeypatch):
    """The sample: Changshou's green-loan share 14.28 % at end-2025 (not above 15 %), then above 15 % later;
    bonds 21.50 亿元 by end-2025, met. The later date is the mart's met_after_deadline_on."""
    db_path = published_sample[0]
    (met_on,), = query(db_path, "select met_after_deadline_on from fct_indicator_progress_latest "
                                "where region_code = '500115' and target_code = 'GL_SHARE_2025'")
    quarter = "一二三四"[(met_on.month - 1) // 3]
    expected_period = f"{met_on.year} 年末" if met_on.month == 12 else f"{met_on.year} 年{quarter}季度末"
    app = serve(monkeypatch, db_path)
    chinese = page_text(app)
    assert f"2025 年末 14.28%，未达到 > 15% 的目标。{expected_period}已达到目标。" in chinese
    assert "已达到目标：2025 年末 21.50 亿元，目标 ≥ 20 亿元。" in chinese
    assert "单位地区生产总值能源消耗降低" in chinese and "降低 15.5%" in chinese and "-15.5%" not in chinese
    scorecard, _ = sections(app, "2025 年目标完成情况（", "当前目标")
    assert "需年均" not in scorecard


def test_as_at_2025q4_the_overview_shows_the_marts_figures_of_that_quarter(published_sample, monkeypatch):
    """Every card's headline at 2025Q4 is the fct_indicator_progress figure of the observation judged then,
    written as a reader reads it (a level with its unit, a change as 增长/降低)."""
    db_path = published_sample[0]
    app = as_at(serve(monkeypatch, db_path), dt.date(2025, 12, 31))
    rows = query(db_path, """
        select target.target_name_zh, progress.target_kind, progress.value_in_target_unit, progress.target_unit,
            progress.period_end
        from fct_indicator_progress_as_of as picture
        join fct_indicator_progress as progress
            on progress.region_code = picture.region_code and progress.target_code = picture.target_code
            and progress.period_end = picture.as_of_date
        join dim_indicator as target on target.target_code = picture.target_code
        where picture.region_code = '500115' and picture.as_at_date = '2025-12-31' and target.regime_code = 'CS2025'
        order by target.display_order""")
    assert len(rows) == 10  # the 2025 plan's scorecard leads: its ten cards come first

    def written(kind, value, unit):
        if kind in ("pct_change_vs_baseline", "annual_rate_floor"):
            words = f"{'增长' if value >= 0 else '降低'} {abs(value):.1f}%"
            return "同比" + words if kind == "annual_rate_floor" else words
        return f"{value:.2f}%" if unit == "%" else f"{value:,.2f} {unit}"

    cards = [(metric.label, metric.value) for metric in app.metric][:10]
    assert cards == [("2025 年末", written(kind, value, unit)) for _, kind, value, unit, _ in rows]
    assert all(period_end == dt.date(2025, 12, 31) for *_, period_end in rows)


def test_sample_banner_shows_exactly_when_a_figure_on_the_page_is_synthetic(published_progress, published_sample,
                                                                            monkeypatch):
    official = serve(monkeypatch, published_progress[0])
    official.switch_page("app_pages/green_credit.py").run()
    assert SAMPLE_BANNER["zh"] not in page_text(official)  # the progress fixture is marked official
    official.switch_page("app_pages/task_ledger.py").run()
    assert SAMPLE_BANNER["zh"] in page_text(official)  # task statuses are sample placeholders until reported
    sample = serve(monkeypatch, published_sample[0], "en")
    for page in PAGES[:-1]:
        sample.switch_page(page).run()
        assert SAMPLE_BANNER["en"] in page_text(sample), page


def test_a_republished_file_is_read_without_restarting_the_app(published_progress, published_sample, tmp_path,
                                                                monkeypatch):
    served = tmp_path / "greenfinance.duckdb"
    shutil.copy(published_progress[0], served)
    app = serve(monkeypatch, served)
    assert "62.00 亿元" in page_text(app)
    replacement = tmp_path / "new.duckdb"
    shutil.copy(published_sample[0], replacement)
    os.replace(replacement, served)  # what the pipeline does when it publishes
    app.run()
    assert "62.00 亿元" not in page_text(app) and "88.35 亿元" in page_text(app)


def test_without_a_published_file_pages_say_how_to_build_one(tmp_path, monkeypatch):
    app = serve(monkeypatch, tmp_path / "missing.duckdb")
    assert "make build" in page_text(app)
    app.switch_page("app_pages/data_quality.py").run()
    assert not app.exception
    assert "尚无运行记录" in page_text(app)


def test_the_language_switch_reaches_charts_and_tables(progress_app):
    app = progress_app("en")
    app.switch_page("app_pages/green_credit.py").run()
    # Titles are wrapped to fit a phone (components.chart_lines); the spec is JSON, which writes < as \u003c.
    chart_titles = [chart.proto.spec.replace("\\u003cbr\\u003e", " ") for chart in app.get("plotly_chart")]
    assert any("Green-loan balance against the target paths" in spec for spec in chart_titles)
    assert not any("绿色贷款余额与目标路径" in spec for spec in chart_titles)
    assert any("Share of own lending (%)" in list(table.columns) for table in wrapped_tables(app))


def target_lines(app: AppTest) -> dict[tuple[str, str], float]:
    """Every target line drawn on the page's charts: (target, region) -> the level it is drawn at."""
    lines = {}
    for chart in app.get("plotly_chart"):
        for shape in json.loads(chart.proto.spec).get("layout", {}).get("shapes", []):
            if str(shape.get("name", "")).startswith("target_line|"):
                _, target_code, region_code = shape["name"].split("|")
                lines[(target_code, region_code)] = shape["y0"]
    return lines


# (page, region switch key) of every page with target lines; the indicator page is walked target by target.
CHART_PAGES = [("app_pages/green_credit.py", "credit_region"), ("app_pages/green_bonds.py", "bonds_region"),
               ("app_pages/energy_carbon_forest.py", "energy_region")]


@pytest.mark.parametrize("as_at_day", [None, dt.date(2025, 6, 30)])
def test_every_target_line_is_the_level_the_mart_judges(published_sample, monkeypatch, as_at_day):
    """Each line equals fct_indicator_progress_as_of's level for that region and quarter end (the annual floor's
    line is the floor itself), and every target with a level gets its line. Guang'an's +200 % line is its 2020
    balance restated on the basis judged: 189.1503 亿元 on the 2025 catalogue now, 186.3549 on the 2019
    catalogue at 2025Q2 - never the other basis's level, and no 90亿元 line (Changshou's target only)."""
    db_path = published_sample[0]
    app = serve(monkeypatch, db_path)
    if as_at_day is not None:
        as_at(app, as_at_day)
    day = as_at_day or query(db_path, "select max(as_at_date) from dim_as_at_quarter")[0][0]
    # Every region the pages are walked for; every target with a line on the indicator page, the 2025 plan's on the
    # domain pages (the targets that follow it are drawn on the indicator page and listed on the overview).
    levels = query(db_path, """
        select target_code, region_code, regime_code,
            case when target_kind = 'annual_rate_floor' then target_value else target_level end
        from fct_indicator_progress_as_of
        where as_at_date = ? and target_value is not null and region_code in ('500115', '511600')
            and (target_level is not null or target_kind = 'annual_rate_floor')""", [day])
    expected = {(target, region): level for target, region, _, level in levels}
    on_domain_pages = {(target, region): level for target, region, regime, level in levels if regime == "CS2025"}
    drawn = {}
    for region_code in ("500115", "511600"):
        for page, region_key in CHART_PAGES:
            app.switch_page(page).run()
            app.segmented_control(key=region_key).set_value(region_code).run()
            assert not app.exception, (page, region_code)
            drawn |= target_lines(app)
        if as_at_day is not None:  # the indicator page draws by the same components: walked once, at the latest
            continue
        app.switch_page("app_pages/indicator.py").run()
        app.segmented_control(key="indicator_region").set_value(region_code).run()
        for target_code in [code for code, region in expected if region == region_code]:
            app.selectbox(key="indicator_target").set_value(target_code).run()
            lines = target_lines(app)
            assert lines == {(target_code, region_code): pytest.approx(expected[(target_code, region_code)])}, \
                (target_code, region_code, lines)
    assert drawn == {key: pytest.approx(level) for key, level in on_domain_pages.items()}
    guang_an = drawn[("GL_GROWTH_VS_2020", "511600")]
    assert guang_an == pytest.approx(186.3549 if as_at_day else 189.1503, abs=1e-4)
    assert ("GL_BALANCE_2025", "511600") not in drawn


def test_the_whole_dataset_download_is_in_the_sidebar_behind_the_login(published_progress, monkeypatch):
    monkeypatch.setenv("GF_DUCKDB_PATH", str(published_progress[0]))
    logged_out = AppTest.from_file(APP, default_timeout=60).run()
    assert not logged_out.get("download_button")
    app = serve(monkeypatch, published_progress[0])
    assert [button.label for button in app.sidebar.get("download_button")] == ["下载全部数据（Excel）"]
    app.sidebar.segmented_control(key="language_switch").set_value("en").run()
    assert [button.label for button in app.sidebar.get("download_button")] == ["Download all data (Excel)"]


@pytest.fixture(scope="module")
def rejected_after_published(published_known_answer, tmp_path_factory) -> Path:
    """The known-answer file published (run 1), then a steward's upload rejected by the raw gate (run 2: a bad
    date and an unknown bank), then a raw folder the loader cannot read (run 3: a missing column)."""
    work = tmp_path_factory.mktemp("rejected_after_published")
    db = work / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    shutil.copy(published_known_answer, db)
    shutil.copytree(quality_dir(published_known_answer) / "runs", quality_dir(db) / "runs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GF_QUALITY_DIR", str(quality_dir(db)))
        upload = ingest(submission_files.GREEN_LOANS_BAD, "有问题的文件.xlsx", "green_loans", "zhang_steward",
                        channel="upload page", raw_dir=FIXTURES / "known_answer", published=db,
                        store=SubmissionStore(submissions_dir(db)))
    assert upload.outcome == REJECTED
    raw_dir = work / "raw"
    shutil.copytree(FIXTURES / "known_answer", raw_dir)
    shutil.copyfile(FIXTURES / "bad_input" / "08_missing_column__green_loans.csv",
                    raw_dir / "green_loans" / "known_answer_green_loans.csv")
    assert run_pipeline(raw_dir, db).returncode == 1
    assert [report["outcome"] for report in run_reports(db)] == ["rejected", "rejected", "published"]
    return db


def outside_technical_detail(node, technical_label: str):
    """Every element under `node` in page order, except what the technical-detail expanders hold."""
    for child in node.children.values():
        if child.type == "expander" and child.label == technical_label:
            continue
        yield child
        if getattr(child, "children", None):
            yield from outside_technical_detail(child, technical_label)


def element_text(element) -> str:
    value = getattr(element, "value", None)
    text = value.to_string() if hasattr(value, "to_string") else "" if value is None else str(value)
    return f"{getattr(element, 'label', '') or ''} {text}"


def test_after_a_rejected_upload_the_quality_page_says_first_that_the_published_data_is_valid(
        rejected_after_published, monkeypatch):
    monkeypatch.setenv("GF_SUBMISSIONS_DIR", str(submissions_dir(rejected_after_published)))
    app = serve(monkeypatch, rejected_after_published)
    app.switch_page("app_pages/data_quality.py").run()
    assert not app.exception, [exception.value for exception in app.exception]
    shown = list(outside_technical_detail(app.main, TECHNICAL_DETAIL))
    alerts = [element for element in shown if element.type in ("success", "info", "warning", "error")]
    assert alerts[0].type == "success"
    assert "当前发布的数据：第 1 次运行" in alerts[0].value and "全部关键检查通过" in alerts[0].value
    unreadable, upload = [alert.value for alert in alerts if alert.type == "warning" and "次运行" in alert.value]
    # Newest first, each with its reason in Chinese: the upload's rules, the loader's structural problem.
    assert "第 2 次运行" in upload and "已拒绝" in upload and "原始数据检查" in upload
    assert "必须是按 YYYY" in upload and "seeds\\/institutions\\.csv" in upload
    assert "第 3 次运行" in unreadable and "读取原始文件" in unreadable and "未能读入" in unreadable
    text = "\n".join(element_text(element) for element in shown)
    assert "有问题的文件" in text and "zhang" in text and "上传页面" in text
    # The program's own English lines are only in the technical detail, folded away.
    console = [line.strip() for report in run_reports(rejected_after_published)[:2]
               for line in [*report["message"].splitlines(), report["trigger"] or ""] if len(line.strip()) > 12]
    assert console and not [line for line in console if line in text]
    for marker in ("Quality gate:", "rejected raw input", "critical failure", "upload page:"):
        assert marker not in text, marker
    technical = [expander for expander in app.expander if expander.label == TECHNICAL_DETAIL]
    assert len(technical) == 2 and all(not expander.proto.expanded for expander in technical)
    codes = [code.value for expander in technical for code in expander.code]
    assert any("Quality gate:" in code for code in codes) and any("rejected raw input" in code for code in codes)


def test_the_quality_page_gives_the_rejection_in_english_too(rejected_after_published, monkeypatch):
    monkeypatch.setenv("GF_SUBMISSIONS_DIR", str(submissions_dir(rejected_after_published)))
    app = serve(monkeypatch, rejected_after_published, "en")
    app.switch_page("app_pages/data_quality.py").run()
    assert "Published data: run 1" in app.success[0].value
    unreadable, upload = [alert.value for alert in app.warning if alert.value.startswith("Run ")]
    assert "Run 3" in unreadable and "could not be read" in unreadable
    assert "Run 2" in upload and "rejected at the raw quality gate" in upload and "YYYY" in upload
    assert "必须是" not in upload and "已拒绝" not in page_text(app)


def ordered_text(node) -> list[str]:
    """The page's texts in the order they are drawn (page_text groups them by kind): headings, notes, cards."""
    texts = []
    for child in getattr(node, "children", {}).values():
        if getattr(child, "children", None):
            texts += ordered_text(child)
        elif child.type == "metric":
            texts.append(f"{child.label} {child.value}")
        elif hasattr(child, "value") and isinstance(child.value, str):
            texts.append(child.value)
    return texts


def sections(app: AppTest, *headings: str) -> list[str]:
    """The page's text cut at each heading, in the order given: asserts the headings come in that order."""
    text = "\n".join(ordered_text(app.main))
    cuts = [text.index(heading) for heading in headings]
    assert cuts == sorted(cuts), headings
    return [text[start:end] for start, end in zip(cuts, [*cuts[1:], len(text)])]


@pytest.mark.parametrize("lang, headings", [
    ("zh", ("2025 年目标完成情况（长寿区建设绿色金融改革创新试验区实施方案）", "当前目标", "目标状态一览")),
    ("en", ("The 2025 targets: outcome (Implementation plan for building the Changshou green-finance reform",
            "Current targets", "Status of every target"))])
def test_after_the_deadline_the_overview_leads_with_the_scorecard_then_the_current_targets(progress_app, lang,
                                                                                          headings):
    """Today (after 2025-12-31) the 2025 plan's outcome comes first, with the note that its green-loan conditions
    disagree (30 × 1.2⁵ = 74.6亿元 < 90亿元, which needs 24.6 % a year); then the targets still running: the
    city's 12,000亿元 by 2027 (4.88 % a year, 1.20 % a quarter from 10,778.9亿元) with Changshou's share
    (62 / 8,829.2 = 0.70 % at end-2024), the district's targets from 2026 not set, the nation's 2030 CO₂ cut."""
    app = progress_app(lang)
    scorecard, current, matrix = sections(app, *headings)
    if lang == "zh":
        assert "按年均增速 20\\% 从 30 亿元 起算，2025 年末只能达到 74\\.6 亿元，低于 90 亿元 的目标；后者要求年均增长 24\\.6\\%" \
            in scorecard
        assert "期限已过，2025 年末数据尚未报送；按 2024 年末数据判断：需加快进度。" in scorecard
        assert "需年均" not in scorecard and "全市绿色金融贷款余额" not in scorecard
        assert "全市绿色金融贷款余额" in current and "仍需每年 4.88%（每季度 1.20%）" in current
        assert "长寿区占全市 0.70%（2024 年末）" in current
        assert "目标未设定（待区级发布）" in current and "绿色贷款余额（2026年起）" in current
        assert "单位国内生产总值二氧化碳排放降低（全国）" in current and "2025 年末数据尚未报送" not in current
    else:
        assert "growth of 20\\% a year from 30 亿元 reaches only 74\\.6 亿元 by end\\-2025\\, below the 90 亿元 target\\, " \
               "which needs 24\\.6\\% a year" in scorecard
        # Card names are Markdown-escaped ("Green\-loan balance\, Chongqing").
        assert "Chongqing**" in current and "Still needs 4.88% a year (1.20% a quarter)" in current
        assert "Changshou District is 0.70% of the city's figure (end-2024)" in current
        assert "Target not set (the district has not issued it yet)" in current
    assert "Needs" not in scorecard and "需年均" not in scorecard


def test_before_the_deadline_the_overview_has_no_scorecard_and_every_target_runs(progress_app):
    app = as_at(progress_app("zh"), dt.date(2025, 9, 30))
    text = "\n".join(ordered_text(app.main))
    assert "目标完成情况（" not in text and "2025 年目标进展" in text
    (current,) = sections(app, "当前目标")
    assert current.index("绿色贷款余额") < current.index("全市绿色金融贷款余额")  # by deadline: 2025 first


def test_the_scorecard_page_says_when_a_missed_target_was_met_later(progress_app):
    """Guang'an: the share 14.79 % at end-2025, 30 / 195 = 15.38 % at 2026-06-30; the floor met at the deadline."""
    app = progress_app("zh")
    app.switch_page("app_pages/scorecard.py").run()
    assert not app.exception
    # Changshou first: its level and share not reported, and the note on the plan's own numbers.
    assert any("2025 年末只能达到 74\\.6 亿元" in note.value for note in app.info)
    changshou = wrapped_tables(app)[0]
    assert changshou[changshou["目标"] == "绿色贷款余额"].iloc[0]["期限当期数值"] == "期末数据未报送"
    app.segmented_control(key="scorecard_region").set_value("511600").run()
    assert not any("74\\.6" in note.value for note in app.info)  # Guang'an's targets are relative ones
    tables = wrapped_tables(app)
    scorecard = tables[0]
    share = scorecard[scorecard["目标"] == "绿色贷款占比"].iloc[0]
    assert (share["期限当期数值"], share["结果"], share["逾期后达成于"]) == ("14.79%", "未达成", "2026 年二季度末")
    floor = scorecard[scorecard["目标"] == "绿色贷款余额年均增速"].iloc[0]
    assert floor["结果"] == "已达成"
    regimes = tables[1]
    assert list(regimes["规划文件"]) == ["长寿区建设绿色金融改革创新试验区实施方案",
                                     "重庆市推进经济社会发展全面绿色转型行动计划（2025—2027年）",
                                     "中华人民共和国国民经济和社会发展第十五个五年规划纲要",
                                     "长寿区绿色金融改革创新试验区2026年起目标"]
    assert list(regimes["已核对原文"]) == ["是", "否（据公开报道）", "否（据公开报道）", "否（据公开报道）"]


def test_the_category_chart_draws_one_history_across_the_catalogue_change(published_sample, monkeypatch):
    """The green-credit page: a category that continues into the 2025 catalogue is one line from 2020 on (clean
    energy -> green and low-carbon energy transition); a split one ends at the change (dotted), a new one starts
    there (dashed); the change is marked where the 2025 basis takes effect."""
    import plotly.io

    app = serve(monkeypatch, published_sample[0])
    app.switch_page("app_pages/green_credit.py").run()
    assert not app.exception
    figures = [plotly.io.from_json(element.proto.spec) for element in app.get("plotly_chart")]
    (history,) = [figure for figure in figures if figure.layout.title.text.startswith("各用途类别绿色贷款余额")]
    lines = {trace.name: trace for trace in history.data}

    def days(trace) -> list[str]:
        return sorted(str(day)[:10] for day in trace.x)

    energy = lines["能源绿色低碳转型"]
    assert days(energy)[0] == "2020-12-31" and days(energy)[-1] > "2026" and energy.line.dash == "solid"
    assert lines["节能环保产业 (至目录调整止，已拆分)"].line.dash == "dot"
    assert days(lines["节能环保产业 (至目录调整止，已拆分)"])[-1] < "2025-10-01"
    assert days(lines["绿色贸易 (目录调整后新增)"])[0] >= "2025-09-30"
    assert [str(shape.x0)[:10] for shape in history.layout.shapes] == ["2025-10-01"]


@pytest.fixture()
def deferred_downloads(monkeypatch) -> dict[str, tuple]:
    """Every deferred download the app registers, by file name: (the callable a click runs, the MIME type).
    AppTest's runtime lives only while a script runs, so a click cannot be sent afterwards; the callable that
    Streamlit's MediaFileManager.execute_deferred would run is kept and run by the test instead."""
    registered: dict[str, tuple] = {}
    original = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **keywords):
        registered[file_name] = (data_callable, mimetype)
        return original(self, data_callable, mimetype, coordinates, file_name, **keywords)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return registered


@pytest.mark.parametrize("lang, labels", [("zh", ["下载简报（PDF）", "下载简报（Word）"]),
                                          ("en", ["Download the briefing (PDF)", "Download the briefing (Word)"])])
def test_the_overview_offers_the_briefing_of_the_quarter_chosen(progress_app, deferred_downloads, lang, labels):
    """Two downloads on the overview, made only on a click, for the quarter in the sidebar: at 2023Q4 the PDF is
    2023Q4's (its credit sentence says end-2023, 52 亿元), and the Word file is a Word file."""
    app = progress_app(lang)
    assert [button.label for button in app.main.get("download_button")][:2] == labels  # above the tables' CSVs
    app = as_at(app, dt.date(2023, 12, 31)) if lang == "zh" else app
    quarter = "2023Q4" if lang == "zh" else "2026Q3"
    names = [catalog.t("briefing_file_name", lang, quarter=quarter, extension=extension) for extension in ("pdf", "docx")]
    (pdf, pdf_type), (word, word_type) = ((deferred_downloads[name][0](), deferred_downloads[name][1]) for name in names)
    assert pdf.startswith(b"%PDF-") and pdf_type == "application/pdf"
    assert word.startswith(b"PK") and word_type.endswith("wordprocessingml.document")  # a Word file is a zip
    if lang == "zh":
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert "2023 年四季度" in text and "52.00" in text and "62.00" not in text



@pytest.fixture()
def evaluation_app(monkeypatch, tmp_path_factory):
    from tests.test_institution_figures import published_evaluation_db
    db = published_evaluation_db(tmp_path_factory)
    return db, lambda lang="zh": serve(monkeypatch, db, lang).switch_page("app_pages/institution_evaluation.py").run()


@pytest.mark.integration
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_league_table_is_the_marts_ranking_with_its_grades_and_caveats(evaluation_app, lang):
    """On the evaluation fixture (tests/test_institution_figures.py: worked by hand) at 2026-09-30, PBoC scheme:
    工行 84.2 (B), 中行 71.4 (C), 农行 52.64 (D); the branch caveat and the placeholder formula are said."""
    db, open_page = evaluation_app
    app = open_page(lang)
    assert not app.exception, [exception.value for exception in app.exception]
    league = next(frame for frame in wrapped_tables(app) if (frame.astype(str) == "84.20").any().any())
    ranked = query(db, "select institution_rank, institution_name_zh, institution_name_en, total_score, grade_code "
                       "from fct_institution_evaluation where scheme_code = 'PBOC2021' and period_end = "
                       "date '2026-09-30' order by institution_rank")
    assert list(league.iloc[:, 0]) == [str(rank) for rank, *_ in ranked] == ["1", "2", "3"]
    assert list(league.iloc[:, 1]) == [zh if lang == "zh" else en for _, zh, en, *_ in ranked]
    assert list(league.iloc[:, 3]) == [f"{total:.2f}" for *_, total, _ in ranked] == ["84.20", "71.40", "52.64"]
    text = page_text(app)
    assert ("分支机构" if lang == "zh" else "mostly branches") in text
    assert ("暂定，待录入官方附件" if lang == "zh" else "placeholder until the official annex") in text
    assert len(app.get("plotly_chart")) == 2  # 工行's waterfall from 2026-06-30 (scored then) and its rank over time
