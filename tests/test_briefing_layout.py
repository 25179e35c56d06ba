"""The briefing's two layouts on a hand-made content model (no marts, no charts): hostile text stays text in
the PDF and in the Word file, the watermark fits the page's width, the page number's words come from the text
catalog. The briefing made from published marts is tested in test_briefing.py."""
from __future__ import annotations

import datetime as dt
import io
import subprocess

import docx
import pytest

from scripts.outputs.briefing import layout, pdf, word
from scripts.outputs.briefing.content import Briefing, BriefingError, Section, Table, quarter_end

pytestmark = pytest.mark.unit

HOSTILE = ('<script>alert(1)</script>', '</style><img src="http://example.com/x.png">', '=HYPERLINK("http://x")',
           '**bold** [link](http://x)', 'a"b\\c', "tab\there\x0bvertical\x00nul")


def hostile_briefing(watermark: str | None) -> Briefing:
    table = Table(header=("任务", "牵头部门"), rows=tuple((value, value) for value in HOSTILE), widths=(50, 50))
    return Briefing(lang="zh", as_at=dt.date(2026, 9, 30), quarter_code="2026Q3", title=HOSTILE[0],
                    subtitle=HOSTILE[1], issued=HOSTILE[2], sample=watermark is not None, watermark=watermark,
                    mark_note=HOSTILE[3], sections=(Section(heading=HOSTILE[4], blocks=(*HOSTILE, table)),))


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def test_hostile_text_is_printed_as_text_in_the_pdf_and_nothing_is_fetched():
    """The data-only URL fetcher fails the render on any other URL: an <img> that became markup would raise."""
    text = pdf_text(pdf.render(hostile_briefing("示例数据 非官方统计"), {}))
    for value in ('<script>alert(1)</script>', '</style><img src="http://example.com/x.png">',
                  '=HYPERLINK("http://x")', '**bold** [link](http://x)', 'a"b\\c'):
        assert value in text, value
    assert "示例数据 非官方统计" in text


def test_hostile_text_is_kept_as_text_in_the_word_file():
    document = docx.Document(io.BytesIO(word.render(hostile_briefing(None), {})))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for row in document.tables[0].rows[1:] for cell in row.cells]
    for value in HOSTILE[:5]:
        assert value in paragraphs and value in cells, value
    # Control characters XML cannot hold are dropped, the rest of the value kept (a tab stays a tab).
    assert "tab\therevertical" + "nul" in paragraphs and "tab\therevertical" + "nul" in cells


def test_a_watermark_of_any_length_fits_on_one_line_across_the_page():
    assert pdf._watermark_size("示例数据 非官方统计") == pdf.WATERMARK_LARGEST_PT  # 9.6 em at 40 pt = 135 mm
    english = pdf._watermark_size("SAMPLE DATA · NOT OFFICIAL")  # 26 × 0.6 = 15.6 em
    assert english == pytest.approx(180 / 25.4 * 72 * 0.95 / 15.6) and round(english, 1) == 31.1


def test_the_page_number_is_said_as_the_catalog_says_it():
    assert layout.page_number_affixes("zh") == ("— ", " —")
    assert 'content: "— " counter(page) " —"' in pdf._page_numbers("zh")


def test_a_css_string_cannot_close_its_rule_or_the_style_element():
    assert pdf._css_string('a"b\\c</style>\nd') == '"a\\"b\\\\c\\3c /style> d"'


@pytest.mark.parametrize("code, day", [("2026Q3", dt.date(2026, 9, 30)), (" 2024Q4 ", dt.date(2024, 12, 31))])
def test_a_quarter_code_names_its_last_day(code, day):
    assert quarter_end(code) == day


@pytest.mark.parametrize("code", ["2026Q5", "2026-09", "", None, "2026q3x"])
def test_anything_else_is_refused_in_both_languages(code):
    with pytest.raises(BriefingError, match="季度应写成 2026Q3.*A quarter is written like 2026Q3"):
        quarter_end(code)
