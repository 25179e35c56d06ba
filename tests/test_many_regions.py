"""The dashboard with more regions than Changshou and Guang'an: every page, every region in the region switch, the
comparison of the pilot zone with any peers, one colour per region, and region names shown as text.

The databases are built by the real pipeline (tests/many_regions.py): the progress fixture (Changshou, Guang'an)
plus 渝北区 Yubei District with hand-made official figures, in 亿元:
    green loans 2023-12-31 40, 2024-12-31 50; all loans 800, 1250
    green-loan share 2023: 40 / 800 = 5.0 %; 2024: 50 / 1250 = 4.0 %; year-on-year 2024: 50 / 40 − 1 = 25.0 %
    forest coverage 2023 38.5 %, 2024 39.0 %
The page's figures are compared with the values the marts hold (fct_region_comparison,
fct_indicator_progress_latest), never recomputed by the test.
"""
from __future__ import annotations

import base64

import numpy
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import components, safe_text
from tests.browser import offline_page, screenshot
from tests.conftest import query
from tests.html_tables import html_tables, wrapped_tables
from tests.many_regions import YUBEI, Region, build_db_with_regions
from tests.test_dashboard_app import PAGES, page_text, serve
from tests.test_dashboard_browser import log_in, open_page, running_dashboard, wait_until_drawn, whole_page_screenshot

CHANGSHOU, GUANGAN, CHONGQING = "500115", "511600", "500000"
COMPARISON = "app_pages/changshou_guangan.py"
REGION_SWITCHES = {"app_pages/green_credit.py": "credit_region", "app_pages/green_bonds.py": "bonds_region",
                   "app_pages/energy_carbon_forest.py": "energy_region"}
# Names a steward could type: Markdown, HTML and a Streamlit directive, which must show as typed.
HOSTILE = Region(
    region={"region_code": "511621", "region_name_zh": "岳池县 **粗体** [通知](http://example.com) <b>x</b> :red[红]",
            "region_name_en": "Yuechi <i>County</i> *star*", "province_zh": "四川省", "province_en": "Sichuan",
            "admin_level": "county", "is_pilot_zone": "false"},
    institutions=[{"institution_code": "YC-ABC", "region_code": "511621", "institution_name_zh": "中国农业银行岳池支行",
                   "institution_name_en": "ABC Yuechi Sub-branch", "institution_type": "large_state_owned"}],
    raw={"green_loans": [{"region_code": "511621", "institution_code": "YC-ABC", "period_end": "2024-12-31",
                          "statistics_basis": "GL2019", "loan_use_category": "GL19-01", "carbon_effect": "direct",
                          "balance": "3", "amount_unit": "亿元", "provenance": "official"}],
         "total_loans": [{"region_code": "511621", "institution_code": "YC-ABC", "period_end": "2024-12-31",
                          "balance": "60", "amount_unit": "亿元", "provenance": "official"}]},
)
# A region in dim_region with no figures at all (one of Guang'an's counties, not yet reporting).
NO_FIGURES = Region(
    region={"region_code": "511622", "region_name_zh": "武胜县 *未报送* <b>y</b>", "region_name_en": "Wusheng County",
            "province_zh": "四川省", "province_en": "Sichuan", "admin_level": "county", "is_pilot_zone": "false"},
    institutions=[])


@pytest.fixture(scope="module")
def three_regions(tmp_path_factory, published_progress):
    # The progress fixture as the session published it, then Yubei's round.
    return build_db_with_regions(tmp_path_factory.mktemp("three_regions"), (YUBEI,), published_progress[0])


@pytest.fixture(scope="module")
def five_regions(tmp_path_factory, three_regions):
    # Two more regions as a second round on top of the three (Yubei's round stays in the submissions).
    return build_db_with_regions(tmp_path_factory.mktemp("five_regions"), (HOSTILE, NO_FIGURES), three_regions)


def region_codes(db_path) -> list[str]:
    return [code for (code,) in query(db_path, "select region_code from dim_region "
                                               "order by is_pilot_zone desc, region_code")]


def region_names(db_path, lang: str) -> list[str]:
    return [name for (name,) in query(db_path, f"select region_name_{lang} from dim_region "
                                               "order by is_pilot_zone desc, region_code")]


def charts(app: AppTest) -> list[go.Figure]:
    """The page's Plotly figures as the browser receives them (arrays decoded)."""
    return [plotly.io.from_json(chart.proto.spec) for chart in app.get("plotly_chart")]


def traces(chart: go.Figure) -> dict[str, go.Figure]:
    return {trace.name: trace for trace in chart.data}


def decoded(values) -> list:
    """A trace's x or y: Plotly sends numbers as a base64 typed array ({dtype, bdata})."""
    if isinstance(values, dict) and "bdata" in values:
        return numpy.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def points(trace) -> dict:
    return dict(zip(decoded(trace.y), decoded(trace.x))) if trace.orientation == "h" else \
        dict(zip(decoded(trace.x), decoded(trace.y)))


def side_by_side(app: AppTest) -> go.Figure:
    (chart,) = [chart for chart in charts(app) if "标准化指标并列" in chart.layout.title.text
                or "side by side" in chart.layout.title.text]
    return chart


def comparison_value(db_path, region_code: str, year: int, metric_code: str) -> float:
    (value,), = query(db_path, "select value from fct_region_comparison where region_code = ? and year = ? "
                               "and metric_code = ?", [region_code, year, metric_code])
    return value


def regions_chosen(app: AppTest, lang: str = "zh"):
    """The comparison page's multiselect (one per language: see components.regions_multiselect)."""
    return app.multiselect(key=f"comparison_regions_{lang}")


def choose(app: AppTest, codes: list[str], lang: str = "zh") -> AppTest:
    regions_chosen(app, lang).set_value(codes).run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders_with_three_regions_and_every_region_can_be_chosen(three_regions, monkeypatch, lang):
    codes = region_codes(three_regions)
    assert codes == [CHANGSHOU, CHONGQING, YUBEI.code, GUANGAN]  # Chongqing is in the reference data
    app = serve(monkeypatch, three_regions, lang)
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [exception.value for exception in app.exception])
        if page in REGION_SWITCHES:
            switch = app.segmented_control(key=REGION_SWITCHES[page])
            # The buttons' labels are Markdown: "Guang'an City" is sent as "Guang\'an City" and shows as typed.
            assert list(switch.options) == [safe_text.markdown_text(name) for name in region_names(three_regions, lang)]
            for code in codes:
                switch.set_value(code).run()
                assert not app.exception, (page, code, [exception.value for exception in app.exception])
                switch = app.segmented_control(key=REGION_SWITCHES[page])
    app.switch_page(COMPARISON).run()
    assert regions_chosen(app, lang).value == [CHANGSHOU, GUANGAN]  # the default peer: Guang'an
    for chosen in ([CHANGSHOU, YUBEI.code], [YUBEI.code, GUANGAN], [CHANGSHOU, YUBEI.code, GUANGAN]):
        choose(app, chosen, lang)
        assert app.get("plotly_chart") and len(wrapped_tables(app)) == 1 and len(app.dataframe) == 1, chosen


def matrix_columns(app: AppTest) -> list[str]:
    """The overview's status matrix: its region columns, in order."""
    matrix = next(element.proto.body for element in app.html if 'class="status-matrix"' in element.proto.body)
    return list(html_tables(matrix)[0].columns[1:])


def test_the_overview_matrix_shows_each_readers_own_choice_of_regions(three_regions, monkeypatch):
    """The overview is composed once for every reader with the same choice (shared_by_readers): two readers
    who chose differently on the comparison page each get the matrix of their own choice, not the one made
    first."""
    first, second = serve(monkeypatch, three_regions), serve(monkeypatch, three_regions)
    for app, chosen in ((first, [CHANGSHOU, YUBEI.code]), (second, [CHANGSHOU, GUANGAN])):
        app.switch_page(COMPARISON).run()
        choose(app, chosen)
    for app in (first, second):
        app.switch_page(PAGES[0]).run()
        assert not app.exception, [exception.value for exception in app.exception]
    assert matrix_columns(first) == ["长寿区", "渝北区"]
    assert matrix_columns(second) == ["长寿区", "广安市"]


def test_the_comparison_page_shows_each_chosen_regions_figures_from_the_marts(three_regions, monkeypatch):
    app = serve(monkeypatch, three_regions)
    app.switch_page(COMPARISON).run()
    choose(app, [CHANGSHOU, YUBEI.code])
    bars = traces(side_by_side(app))
    assert list(bars) == ["长寿区", "渝北区"]
    # 2024 is the latest year both report the green-loan share; Yubei's 4.0 % is 50 / 1250 (module docstring).
    share_2024 = "绿色贷款占各项贷款比重<br>(2024)"
    yubei_share = comparison_value(three_regions, YUBEI.code, 2024, "green_loan_share")
    assert yubei_share == pytest.approx(4.0)
    for name, code in (("长寿区", CHANGSHOU), ("渝北区", YUBEI.code)):
        shown = points(bars[name])
        assert shown[share_2024] == pytest.approx(comparison_value(three_regions, code, 2024, "green_loan_share"))

    choose(app, [CHANGSHOU, YUBEI.code, GUANGAN])
    bars = traces(side_by_side(app))
    assert list(bars) == ["长寿区", "渝北区", "广安市"]  # dim_region's order: pilot zone, then by code
    colours = {name: trace.marker.color for name, trace in bars.items()}
    # Chongqing (500000) takes the first peer colour whether shown or not: a region keeps its colour.
    assert colours == {"长寿区": components.PILOT_COLOUR, "渝北区": components.PEER_PALETTE[1],
                       "广安市": components.PARTNER_COLOUR}
    growth_2024 = "绿色贷款余额同比增速<br>(2024)"
    for name, code in (("长寿区", CHANGSHOU), ("渝北区", YUBEI.code), ("广安市", GUANGAN)):
        shown = points(bars[name])
        assert shown[growth_2024] == pytest.approx(comparison_value(three_regions, code, 2024, "green_loan_yoy_growth"))
    # Each chosen region's line on the forest-coverage chart (Yubei 38.5 % and 39.0 %, module docstring).
    (forest,) = [chart for chart in charts(app) if chart.layout.title.text == "森林覆盖率"]
    yubei_line = traces(forest)["渝北区"]
    assert points(yubei_line) == {
        year: pytest.approx(comparison_value(three_regions, YUBEI.code, year, "forest_coverage")) for year in (2023, 2024)}

    (status_table,) = wrapped_tables(app)
    assert [column for column in status_table.columns if column.endswith("状态")] == [
        "长寿区 · 状态", "渝北区 · 状态", "广安市 · 状态"]
    statuses = dict(query(three_regions, "select progress.region_code, status.status_name_zh "
                                         "from fct_indicator_progress_latest as progress join dim_progress_status as "
                                         "status using (status_code) where target_code = 'GL_ANNUAL_GROWTH_FLOOR'"))
    floor = status_table[status_table["指标"] == "绿色贷款余额年均增速"].iloc[0]
    assert [floor["长寿区 · 状态"], floor["渝北区 · 状态"], floor["广安市 · 状态"]] == [
        statuses[CHANGSHOU], statuses[YUBEI.code], statuses[GUANGAN]]
    data_table = app.dataframe[0].value
    yubei_rows = data_table[data_table["地区"] == "渝北区"]
    assert set(yubei_rows["指标"]) == {"绿色贷款占各项贷款比重", "绿色贷款余额同比增速", "森林覆盖率"}
    assert set(data_table["地区"]) == {"长寿区", "渝北区", "广安市"}


def test_fewer_than_two_regions_asks_for_a_second(three_regions, monkeypatch):
    app = serve(monkeypatch, three_regions, "en")
    app.switch_page(COMPARISON).run()
    choose(app, [YUBEI.code], "en")
    assert "Choose at least two regions to compare." in page_text(app)
    assert not app.get("plotly_chart")


def test_region_colours_are_fixed_for_the_pilot_zone_and_guangan_and_stable_for_any_number():
    codes = [f"5001{index:02d}" for index in range(1, 13)]
    frame = pd.DataFrame({"region_code": [CHANGSHOU, GUANGAN, *codes],
                          "is_pilot_zone": [True, False, *[False] * len(codes)]})
    colours = components.region_colours(frame)
    assert colours[CHANGSHOU] == components.PILOT_COLOUR and colours[GUANGAN] == components.PARTNER_COLOUR
    assert [colours[code] for code in codes[:len(components.PEER_PALETTE)]] == list(components.PEER_PALETTE)
    assert set(colours) == {CHANGSHOU, GUANGAN, *codes}
    # The order of the rows does not move a region's colour; nor does the pilot zone or Guang'an share one.
    assert components.region_colours(frame.iloc[::-1]) == colours
    assert components.PILOT_COLOUR not in components.PEER_PALETTE
    assert components.PARTNER_COLOUR not in components.PEER_PALETTE
    assert components.TARGET_COLOUR not in components.PEER_PALETTE


def test_many_regions_names_shown_as_text_and_a_region_without_figures(five_regions, monkeypatch):
    """Five regions: the region switch becomes a drop-down; names from the data are escaped wherever Markdown
    or chart markup is rendered; a region with no figures is named, not drawn."""
    app = serve(monkeypatch, five_regions)
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [exception.value for exception in app.exception])
        if page in REGION_SWITCHES:
            switch = app.selectbox(key=REGION_SWITCHES[page])
            assert len(switch.options) == 6 and HOSTILE.region["region_name_zh"] in switch.options
            for code in region_codes(five_regions):
                switch.set_value(code).run()
                assert not app.exception, (page, code, [exception.value for exception in app.exception])
                switch = app.selectbox(key=REGION_SWITCHES[page])
    app.switch_page(COMPARISON).run()
    choose(app, [CHANGSHOU, HOSTILE.code, NO_FIGURES.code])
    names = {name for chart in charts(app) for name in traces(chart)}
    assert safe_text.chart_text(HOSTILE.region["region_name_zh"]) in names
    assert HOSTILE.region["region_name_zh"] not in names  # "<b>x</b>" as entities, shown as typed
    # A warning is Markdown: the name arrives escaped (\*未报送\* \<b\>y\</b\>) and shows as typed.
    warning = [element.value for element in app.warning if "尚无可比较的数据" in element.value]
    assert warning == [f"以下地区尚无可比较的数据，图表中未列出：{safe_text.markdown_text(NO_FIGURES.region['region_name_zh'])}。"]
    assert "*未报送*" not in page_text(app).replace("\\*", "")


def test_the_regions_chosen_hold_across_the_language_switch_and_pages(three_regions, monkeypatch):
    app = serve(monkeypatch, three_regions)
    app.switch_page(COMPARISON).run()
    choose(app, [CHANGSHOU, YUBEI.code, GUANGAN])
    app.sidebar.segmented_control(key="language_switch").set_value("en").run()
    assert regions_chosen(app, "en").value == [CHANGSHOU, YUBEI.code, GUANGAN]
    assert list(traces(side_by_side(app))) == ["Changshou District", "Yubei District", "Guang'an City"]
    app.switch_page("app_pages/overview.py").run()
    app.switch_page(COMPARISON).run()
    assert regions_chosen(app, "en").value == [CHANGSHOU, YUBEI.code, GUANGAN]


@pytest.mark.e2e
def test_the_comparison_page_in_a_browser_with_a_third_region(three_regions, accounts_file, tmp_path):
    """The real server, headless Chromium: the reader adds 渝北区 to the comparison; every chart then has its
    line or bar, on a desktop screen and on a phone's. Screenshots: tests/artifacts/many_regions_*.png."""
    with running_dashboard(three_regions, accounts_file, tmp_path) as url, \
            offline_page((1400, 900)) as (page, requests):
        log_in(page, url, "li_leader")
        open_page(page, f"{url}/changshou-guangan", 1, "区域比较")
        page.locator('[data-testid="stMultiSelect"]').get_by_role("combobox").click()
        page.get_by_role("option", name="渝北区").click()
        page.keyboard.press("Escape")
        page.locator(".js-plotly-plot .legendtext", has_text="渝北区").first.wait_for(timeout=30_000)
        wait_until_drawn(page, 1, "区域比较")
        assert page.locator('[data-testid="stException"]').count() == 0
        side_by_side_legend = page.locator(".js-plotly-plot").first.locator(".legendtext").all_text_contents()
        assert side_by_side_legend == ["长寿区", "渝北区", "广安市"]
        whole_page_screenshot(page, "many_regions_comparison_desktop")
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(1500)  # Plotly redraws at the new size
        assert page.locator('[data-testid="stException"]').count() == 0
        width = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
        assert width <= 390, width  # nothing wider than the phone: no sideways scrolling of the page
        screenshot(page, "many_regions_comparison_phone")
    assert requests.outside == [] and requests.failed == []
