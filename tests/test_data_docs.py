"""The Data Docs open from disk, fully styled and scripted, with no request leaving the machine."""
import pytest

from tests.browser import offline_page, screenshot
from tests.conftest import quality_dir
from scripts.quality import data_docs
from scripts.quality.data_docs import OUTSIDE_LOAD


@pytest.fixture(scope="module")
def site(published_known_answer):
    return quality_dir(published_known_answer) / "data_docs"


def test_no_page_refers_to_an_outside_script_stylesheet_or_image(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10  # the index, one page per suite, one per validation result
    assert [page for page in pages if OUTSIDE_LOAD.search(page.read_text(encoding="utf-8"))] == []


@pytest.mark.e2e
def test_data_docs_render_in_headless_chromium_with_no_outside_request(site):
    pages = {
        "index": site / "index.html",
        "validation": next((site / "validations" / "raw_loan_reporting").rglob("*.html")),
        "suite": site / "expectations" / "raw_green_loans.html",
    }
    with offline_page() as (page, requests):
        for name, path in pages.items():
            page.goto(path.as_uri())  # waits for the load event: every script and stylesheet is in
            page.evaluate("document.fonts.ready")
            # Bootstrap's stylesheet makes the navbar a flex box; the scripts define these globals.
            assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex", name
            assert page.evaluate("typeof jQuery.fn.bootstrapTable") == "function", name
            assert page.evaluate("typeof vegaEmbed") == "function", name
            assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')"), name
            screenshot(page, f"data_docs_{name}")
        assert requests.outside == []
        assert requests.failed == []
    # The warning the known-answer data raises is on the validation page, with its rule in Chinese.
    assert "本地区报送季度应连续" in pages["validation"].read_text(encoding="utf-8")


def test_only_the_newest_runs_stay_in_the_site_and_older_ones_move_to_the_archive(tmp_path, monkeypatch):
    monkeypatch.setenv("GF_QUALITY_DIR", str(tmp_path))
    validations, pages = tmp_path / "gx" / "validations", tmp_path / "data_docs" / "validations"
    # Three runs of two suites; run times are GX's UTC folder names, and "run b" is the oldest.
    times = {"run a": "20261201T100000.000000Z", "run b": "20261130T090000.000000Z", "run c": "20261202T080000.000000Z"}
    for suite in ("raw_green_loans", "mart_reconciliation"):
        for name, run_time in times.items():
            (validations / suite / name / run_time).mkdir(parents=True)
            (validations / suite / name / run_time / "batch.json").write_text("{}")
            (pages / suite / name / run_time).mkdir(parents=True)
            (pages / suite / name / run_time / "batch.html").write_text("<html></html>")
    assert data_docs.archive_older_runs(keep=2) == ["run b"]
    for suite in ("raw_green_loans", "mart_reconciliation"):
        assert sorted(path.name for path in (validations / suite).iterdir()) == ["run a", "run c"]
        assert sorted(path.name for path in (pages / suite).iterdir()) == ["run a", "run c"]
        archived = tmp_path / "validations_archive" / suite / "run b" / times["run b"] / "batch.json"
        assert archived.read_text() == "{}"
    assert data_docs.archive_older_runs(keep=2) == []  # nothing more to move
