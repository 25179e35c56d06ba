"""The leading group's briefing (scripts/outputs/briefing/), made as users make it: `python -m
scripts.outputs.briefing` (what `make briefing` runs) on published files, read back with poppler (pdftotext,
pdffonts, pdfinfo, pdftoppm) and python-docx. Every page of the PDF goes to tests/artifacts/briefing_*.png.

Worked by hand on the progress fixture (tests/fixtures/progress). Changshou's newest credit figures up to 2026Q3
are end-2024's: green loans 62 亿元 (620,000 万元) against 52 a year earlier, 62/52 − 1 = 19.23 % → 19.2 %; all
loans 440 against 430, +2.33 %; 19.23 − 2.33 = 16.91 → 16.9 points; share 62/440 = 14.09 % → 14.1 %. At 2023Q4:
52/46 − 1 = 13.04 % → 13.0 %; all loans 430/420 − 1 = 2.38 %; 13.04 − 2.38 = 10.66 → 10.7 points; 52/430 =
12.09 % → 12.1 %. Guang'an's newest is 2026-06-30, 30 亿元 of 195 (15.38 % → 15.4 %), with no figure a year
earlier: no growth rate, said so."""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import docx
import pytest

from scripts.configuration import text
from tests.conftest import FIXTURES, built_once, published, query, run_module
from tests.browser import ARTIFACTS

pytestmark = pytest.mark.integration

SENTENCE_2026Q3 = "截至 2024 年末，长寿区绿色贷款余额 62.00 亿元，同比增长 19.2%，增速高于各项贷款 16.9 个百分点，占各项贷款 14.1%。"
SENTENCE_2023Q4 = "截至 2023 年末，长寿区绿色贷款余额 52.00 亿元，同比增长 13.0%，增速高于各项贷款 10.7 个百分点，占各项贷款 12.1%。"
GUANGAN_2026Q3 = "截至 2026 年二季度末，广安市绿色贷款余额 30.00 亿元，缺少上年同期数据，无法计算同比增速，占各项贷款 15.4%。"
SENTENCE_EN = ("At end-2024, Changshou District's green loans were 62.00 亿元, +19.2% year on year, 16.9 points faster "
               "than all loans, 14.1% of all loans.")
WATERMARK_ZH = text.t("briefing_watermark", "zh")


def squeezed(words: str) -> str:
    """Text without whitespace: pdftotext breaks lines where the PDF wraps them."""
    return re.sub(r"\s+", "", words)


def make_briefing(db: Path, quarter: str, out_dir: Path, lang: str = "zh") -> dict:
    started = time.perf_counter()
    result = run_module("scripts.outputs.briefing", "--quarter", quarter, "--lang", lang, "--db", str(db),
                        "--out-dir", str(out_dir))
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    files = dict(line.split(": ", 1) for line in result.stdout.splitlines() if line.startswith(("PDF: ", "DOCX: ")))
    pdf, word = Path(files["PDF"]), Path(files["DOCX"])
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf)).group(1))
    page_texts = [poppler("pdftotext", "-f", str(page), "-l", str(page), pdf, "-") for page in range(1, pages + 1)]
    return {"pdf": pdf, "docx": word, "pages": page_texts, "elapsed": elapsed,
            "docx_text": docx_text(word), "docx_headers": docx_headers(word)}


def poppler(command: str, *args) -> str:
    return subprocess.run([command, *map(str, args)], capture_output=True, text=True, check=True).stdout


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def docx_headers(path: Path) -> str:
    """Every header's XML: where Word keeps a watermark (a VML text path repeated on every page)."""
    return "".join(section.header._element.xml for section in docx.Document(str(path)).sections)


@pytest.fixture(scope="module")
def progress_briefings(published_progress, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("briefings")
    db = published_progress[0]
    return {"2026Q3": make_briefing(db, "2026Q3", out), "2023Q4": make_briefing(db, "2023Q4", out),
            "en": make_briefing(db, "2026Q3", out, "en")}


def official_progress(folder: Path):
    """The progress fixture with every task reported by its department (official): nothing synthetic left."""
    raw = folder / "raw"
    shutil.copytree(FIXTURES / "progress", raw)
    (raw / "task_progress").mkdir()
    rows = ["task_no,status_code,as_of_date,work_done,next_step,reporting_department,provenance"]
    rows += [f"{number},in_progress,2026-09-30,,,区财政局,official" for number in range(1, 33)]
    (raw / "task_progress" / "official_reports.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return published(raw, folder)


@pytest.fixture(scope="module")
def official_briefing(tmp_path_factory) -> dict:
    db, _ = built_once(tmp_path_factory, "progress_official_tasks", official_progress)
    return make_briefing(db, "2026Q3", tmp_path_factory.mktemp("official_briefing"))


def test_the_pdf_and_the_word_file_state_the_credit_sentence_worked_by_hand(progress_briefings):
    briefing = progress_briefings["2026Q3"]
    pdf_text = squeezed("".join(briefing["pages"]))
    for sentence in (SENTENCE_2026Q3, GUANGAN_2026Q3):
        assert squeezed(sentence) in pdf_text
        assert sentence in briefing["docx_text"]
    assert squeezed("绿色债券发行规模：2024 年末 8.00 亿元") in pdf_text  # 3 + 5 亿元 since 2021 (PG001 is 2020)
    assert squeezed("单位地区生产总值能源消耗降低：2024 年末 降低 16.0%") in pdf_text  # 0.42 against 0.5 t/万元


def test_both_files_list_every_target_with_its_status(progress_briefings, published_progress):
    rows = query(published_progress[0], "select target_name_zh, status_name_zh from fct_indicator_progress_as_of "
                                        "where as_at_date = date '2026-09-30' and region_code = '500115'")
    briefing = progress_briefings["2026Q3"]
    pdf_text, word_text = squeezed("".join(briefing["pages"])), briefing["docx_text"]
    assert len(rows) == 14  # the 2025 plan's 10, the district's 3 awaited, the nation's 2030 CO₂ target
    for name, status in rows:
        assert squeezed(name) in pdf_text and name in word_text, name
    # The status column, read row by row in the Word file's first target table.
    table = docx.Document(str(briefing["docx"])).tables[0]
    statuses = {row.cells[0].text: row.cells[3].text for row in table.rows[1:]}
    assert statuses["绿色贷款余额"] == "期末数据未报送" and statuses["森林覆盖率"] == "已达成"
    assert "三项绿色贷款目标并不一致" in word_text and "74.6 亿元" in word_text  # the plan's inconsistent conditions
    assert squeezed("长寿区占全市 0.70%") in pdf_text  # 62 of the city's 8,829.2 亿元 at end-2024


def test_the_pdf_embeds_its_cjk_fonts_numbers_its_pages_and_fits_on_four(progress_briefings):
    briefing = progress_briefings["2026Q3"]
    fonts = [line for line in poppler("pdffonts", briefing["pdf"]).splitlines() if "CJK" in line]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column
    assert len(briefing["pages"]) <= 4
    for number, page in enumerate(briefing["pages"], start=1):
        assert f"—{number}—" in squeezed(page)
    # The charts' own text is Chinese text in the PDF (vector SVG, not a picture of it): titles and legends.
    pdf_text = squeezed("".join(briefing["pages"]))
    for key in ("briefing_chart_balance", "briefing_chart_share", "briefing_chart_bonds", "briefing_chart_energy",
                "briefing_series_path"):
        assert squeezed(text.t(key, "zh")) in pdf_text, key
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("briefing_2026Q3_zh-*.png"):
        old.unlink()
    poppler("pdftoppm", "-r", "80", "-png", briefing["pdf"], ARTIFACTS / "briefing_2026Q3_zh")
    assert len(list(ARTIFACTS.glob("briefing_2026Q3_zh-*.png"))) == len(briefing["pages"])


def test_a_briefing_for_a_past_quarter_uses_that_quarters_figures(progress_briefings):
    past = progress_briefings["2023Q4"]
    pdf_text = squeezed("".join(past["pages"]))
    assert squeezed(SENTENCE_2023Q4) in pdf_text and SENTENCE_2023Q4 in past["docx_text"]
    assert "62.00亿元" not in pdf_text and "62.00 亿元" not in past["docx_text"]
    assert squeezed("2023 年四季度") in pdf_text


def test_the_english_briefing_says_the_same_from_the_same_content(progress_briefings):
    english = progress_briefings["en"]
    assert squeezed(SENTENCE_EN) in squeezed("".join(english["pages"]))
    assert SENTENCE_EN in english["docx_text"]
    assert english["pdf"].name.endswith("_en.pdf")


def test_with_sample_figures_every_page_carries_the_watermark(progress_briefings):
    """The progress fixture's tasks still carry the ledger's sample placeholders: the briefing is marked."""
    briefing = progress_briefings["2026Q3"]
    assert all(squeezed(WATERMARK_ZH) in squeezed(page) for page in briefing["pages"])
    assert WATERMARK_ZH in briefing["docx_headers"]  # Word repeats its header, and the watermark, on every page


def test_with_all_official_figures_no_page_carries_a_watermark(official_briefing):
    assert not any(squeezed(WATERMARK_ZH) in squeezed(page) for page in official_briefing["pages"])
    assert "示例" not in "".join(official_briefing["pages"]) and "示例" not in official_briefing["docx_text"]
    assert WATERMARK_ZH not in official_briefing["docx_headers"]
    assert text.t("briefing_official_note", "zh") in official_briefing["docx_text"]
    print(f"briefing (both files, one quarter): {official_briefing['elapsed']:.1f} s wall")


def test_a_quarter_not_published_or_not_a_quarter_is_refused_in_both_languages(published_progress, tmp_path):
    for quarter, words in (("2027Q1", ("没有 2027Q1 的已发布数据", "No published data for 2027Q1")),
                           ("2026-09", ("季度应写成 2026Q3 这样的形式", "A quarter is written like 2026Q3"))):
        result = run_module("scripts.outputs.briefing", "--quarter", quarter, "--db", str(published_progress[0]),
                            "--out-dir", str(tmp_path))
        assert result.returncode == 2 and all(word in result.stderr for word in words), result.stderr
        assert not list(tmp_path.iterdir())
