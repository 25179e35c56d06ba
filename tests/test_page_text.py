"""Every page in the Chinese view, read as a district leader reads it, on the sample and on the hand-made progress
fixture: no text says "None", "nan" or "NaT" (a missing value shows as "—" or empty), no figure is written with
more decimals than anyone reads (0.6498, -4.1475), and no English phrase is left in the Chinese view.

What is read: titles, headers, Markdown, captions, alerts, metrics, expander labels, the buttons' labels, every
cell and column name of every table (the text a grid shows, i.e. its formatted values) and every table drawn as
HTML, and the charts' titles, axis titles, notes, legend entries and bar labels."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pytest

from dashboard import components
from tests.html_tables import html_texts
from tests.test_dashboard_app import PAGES, serve

STEWARD_PAGES = ("app_pages/submit_data.py",)  # only in a data steward's navigation

# A word of its own: "expect_column_values_to_not_be_null" (an expectation's name) is not a missing value.
NOT_A_VALUE = re.compile(r"(?<![A-Za-z_])(None|nan|NaN|NaT|null)(?![A-Za-z_])")
# No figure on the dashboard is read to four decimals without its unit: 0.6498 and -4.1475 are unformatted
# floats; a rule's tolerance, "0.000001 亿元", is a figure with its unit.
RAW_FLOAT = re.compile(r"\d\.\d{4,}(?!\d)(?!\s?(?:%|[A-Za-z\u4e00-\u9fff]))")
# AppTest has no browser behind it: the sign-in log records its stand-in client, a MagicMock, as the address
# (cut to the log's length).
TEST_ARTEFACT = re.compile(r"<MagicMock name='mock\.get_client\(\)[^>]*>?")
# Two or more English words in a row. Single words are left alone: codes, units and names such as CSV, Excel,
# GDP, CO₂, tCO₂, dbt, SHA-256 or a region code are the same in both languages.
ENGLISH_PHRASE = re.compile(r"(?<![A-Za-z])[A-Za-z]+(?:[ '-]+[A-Za-z]+)+(?![A-Za-z])")
# The only English phrases the Chinese view may show: product and method names, which have no Chinese name
# (Open SDG: the progress measure the statuses follow), and the date format the stewards' rules name.
ALLOWED_PHRASES = ("Great Expectations", "Data Docs", "YYYY-MM-DD", "Open SDG")
# Commands and paths in `code` are typed as they are, in any language.
CODE_SPAN = re.compile(r"`[^`]*`")


def faults(text: str) -> list[str]:
    """What is wrong with one piece of text shown in the Chinese view."""
    found = []
    text = TEST_ARTEFACT.sub(" ", text)
    if NOT_A_VALUE.search(text):
        found.append("missing value shown as a word")
    if RAW_FLOAT.search(text):
        found.append("unformatted float")
    prose = CODE_SPAN.sub(" ", text)
    for phrase in ALLOWED_PHRASES:
        prose = prose.replace(phrase, " ")
    if ENGLISH_PHRASE.search(prose):
        found.append(f"English phrase {ENGLISH_PHRASE.search(prose).group(0)!r}")
    return found


def grid_texts(element) -> Iterator[str]:
    """What an st.dataframe shows: its column names and, per cell, the formatted text when a Styler formats it,
    else the value as the grid writes it (a missing one as the placeholder, "None" without one)."""
    frame = element.value
    yield from (str(column) for column in frame.columns)
    styler = element.proto.arrow_data.styler
    if styler.display_values:
        shown = pa.ipc.open_stream(io.BytesIO(styler.display_values)).read_all().to_pandas()
        yield from (str(value) for value in shown.to_numpy().ravel() if isinstance(value, str))
        return
    placeholder = element.proto.placeholder if element.proto.HasField("placeholder") else "None"
    for value in frame.to_numpy().ravel():
        yield placeholder if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def chart_texts(element) -> Iterator[str]:
    """The chart's words: title, axis titles, notes (annotations), legend entries and bar labels."""
    spec = json.loads(element.proto.spec)
    layout = spec.get("layout", {})
    yield (layout.get("title") or {}).get("text") or ""
    for axis in ("xaxis", "yaxis"):
        yield ((layout.get(axis) or {}).get("title") or {}).get("text") or ""
    yield from (annotation.get("text") or "" for annotation in layout.get("annotations", []))
    for trace in spec.get("data", []):
        yield str(trace.get("name") or "")
        text = trace.get("text")
        yield from ([str(value) for value in text] if isinstance(text, list) else [str(text or "")])


def shown_texts(app) -> Iterator[tuple[str, str]]:
    """(what kind of element, text) for everything the page shows."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "success",
                 "error"):
        for element in getattr(app, kind):
            # Markdown may carry the dashboard's own HTML (status badges): its text is what is shown.
            yield kind, " ".join(html_texts(str(element.value)))
    for metric in app.metric:
        yield "metric", f"{metric.label} {metric.value} {metric.proto.delta}"
    for expander in app.expander:
        yield "expander", expander.label
    for button in (*app.button, *app.get("download_button")):
        yield "button", button.proto.label
    for element in app.dataframe:
        yield from (("table", text) for text in grid_texts(element))
    for element in app.html:
        yield from (("html", text) for text in html_texts(element.proto.body))
    for element in app.get("plotly_chart"):
        yield from (("chart", text) for text in chart_texts(element))


@pytest.mark.integration
@pytest.mark.parametrize("database", ["published_sample", "published_progress"])
def test_the_chinese_view_shows_no_missing_marker_raw_float_or_english(database, request, monkeypatch):
    """Every page, one session per account (a steward sees every page a leader sees, and the upload page)."""
    db_path = request.getfixturevalue(database)[0]
    problems = []
    for username, pages in (("li_leader", PAGES), ("zhang_steward", STEWARD_PAGES)):
        app = serve(monkeypatch, db_path, "zh", username)
        for page in pages:
            app.switch_page(page).run()
            assert not app.exception, (page, [exception.value for exception in app.exception])
            problems += sorted({(page, kind, why, text[:160]) for kind, text in shown_texts(app)
                                for why in faults(text)})
    assert not problems, "\n".join(f"{page}: {kind}: {why}: {text}" for page, kind, why, text in problems)


@pytest.mark.parametrize("text, expected", [
    ("已完成（示例） None", ["missing value shown as a word"]),
    ("0.6498", ["unformatted float"]),
    ("-4.1475", ["unformatted float"]),
    ("降低 4.1%", []),
    ("Target to be set by the city", ["English phrase 'Target to be set by the city'"]),
    ("来源: 地区统计（GDP、能源、碳排放、森林） · 示例数据（合成）", []),
    ("完整报告（Data Docs）", []),
    ("请先运行 `make build`（或 `make run`）。", []),
    ("nanotechnology", []),  # a word that contains "nan" is not a missing value
    ("expect_column_values_to_not_be_null", []),
    ("误差不超过 0.000001 亿元", []),
    ("12.5371 (截至 2025-12-31)", ["unformatted float"]),
])
def test_what_counts_as_a_fault(text, expected):
    assert faults(text) == expected


def test_a_table_writes_a_figure_with_its_unit_and_a_change_as_a_rise_or_a_fall():
    """components.number_text and cell_text, the one place a table's cell is written (Chinese, the default)."""
    change = components.Number(1, "%", change=True)
    assert components.number_text(-4.1475, change) == "降低 4.1%"
    assert components.number_text(2.04, change) == "增长 2.0%"
    assert components.number_text(-0.01, change) == "持平"  # rounds to nothing: no "降低 0.0%"
    assert components.number_text(12.5371, components.Number(1, "%")) == "12.5%"
    assert components.number_text(1089.08, components.Number(2, "亿元")) == "1,089.08 亿元"
    assert components.number_text(-0.001) == "0.00"  # never "-0.00"
    assert [components.cell_text(value) for value in (None, float("nan"), pd.NaT, 0.6498, Decimal("826"), 3, True,
                                                      dt.date(2025, 12, 31), "文字")] == [
        "—", "—", "—", "0.65", "826.00", "3", "是", "2025-12-31", "文字"]


def test_chart_text_is_wrapped_at_spaces_and_between_chinese_characters():
    assert components.chart_lines("Source: Regional statistics (GDP, energy, CO₂, forest) · sample data (synthetic)",
                                  50) == "Source: Regional statistics (GDP, energy, CO₂,<br>forest) · sample data (synthetic)"
    # A Chinese word longer than a line breaks between characters, a closing bracket staying with its word.
    assert components.chart_lines("所选地区共同适用目标的状态以及其他很长很长的标题（示例）", 38) == \
        "所选地区共同适用目标的状态以及其他很长<br>很长的标题（示例）"
    assert components.chart_lines("标题<br><sup>副标题</sup>", 4) == "标题<br><sup>副标题</sup>"  # marked up: as is
