"""The dashboard run page by page through its router with Streamlit's AppTest, on databases the real pipeline
built: the small hand-made progress fixture (official figures, Changshou to end-2024) and the sample."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT, TEST_ACCOUNTS, quality_dir
from tests.html_tables import wrapped_tables

APP = str(REPO_ROOT / "dashboard" / "app.py")
PAGES = ["app_pages/overview.py", "app_pages/green_credit.py", "app_pages/green_bonds.py", "app_pages/energy_carbon_forest.py",
         "app_pages/changshou_guangan.py", "app_pages/task_ledger.py", "app_pages/data_quality.py"]
TITLES = {
    "zh": ["目标进展总览", "绿色信贷", "绿色债券", "能耗·碳排放·森林", "区域比较", "任务台账", "数据质量"],
    "en": ["Progress toward the 2025 targets", "Green credit", "Green bonds", "Energy, carbon and forest",
           "Regions compared", "Task ledger", "Data quality"],
}
SAMPLE_BANNER = {"zh": "示例数据", "en": "Sample data"}


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
            assert app.get("download_button"), page


def test_overview_cards_say_what_is_needed_in_both_languages(progress_app):
    """Known answers from tests/fixtures/progress: Changshou 62亿元 at end-2024, 90亿元 due end-2025:
    90 / 62 − 1 = 45.2 % in the one year left. Bonds 8亿元 since 2021 of 20: 12亿元 in the last year."""
    chinese = page_text(progress_app("zh"))
    assert "需年均增长 45.2% 才能在 2025 年末达到 90 亿元" in chinese
    assert "需每年新增 12.00 亿元 才能在 2025 年末累计达到 20 亿元" in chinese
    assert "62.00 亿元" in chinese and "截至 2024-12-31" in chinese
    assert "目标未设定（待市级下达）" in chinese  # CO₂ intensity and non-fossil share: not set, never 0
    days_left = (dt.date(2025, 12, 31) - dt.date.today()).days
    assert (f"距期限还有 {days_left} 天" if days_left > 0 else f"期限已过 {-days_left} 天") in chinese
    english = page_text(progress_app("en"))
    assert "Needs 45.2% a year to reach 90 亿元 by end-2025" in english
    assert "Target not set (to be set by the city)" in english
    assert "需年均增长" not in english


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
    assert "Share of own lending (%)" in list(app.dataframe[0].value.columns)
