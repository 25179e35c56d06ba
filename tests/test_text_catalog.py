"""One text catalog (scripts/configuration/text.py) for the dashboard, the CLI summary and every message a data
steward gets about a file: every key used exists in Chinese and English with the same placeholders (both English
forms of a plural too), every key is used, a key made from a data value belongs to a declared family whose values
match the code lists they come from, and no Chinese message is written outside the catalog."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from expectations import suites
from scripts.configuration import raw_contract
from scripts.configuration.text import DATA_DRIVEN_KEYS, TEXT, joined, pair, t, words
from scripts.publishing import ingest
from scripts.quality import quality_report
from tests.conftest import REPO_ROOT

CATALOG = REPO_ROOT / "scripts" / "configuration" / "text.py"
CODE = [path for folder in ("dashboard", "scripts", "expectations") for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        if path != CATALOG]
SOURCE = {path: path.read_text(encoding="utf-8") for path in CODE}
# A key written out: t("key" ...), both/pair/words("key" ...), a reader's parsed.problem("key" ...),
# SubmissionProblem.of("key" ...), and a suite rule's critical/warning/marked(..., rule="key" ...).
LITERAL_CALL = re.compile(r"""(?:\b(?:t|both|pair|words|problem|of)\(\s*|\brule=\s*)["']([a-z][a-z0-9_]*)["']"""
                          r"""(?!\s*\+)""")
# The steward messages' families: any literal of theirs is a key, wherever it is written (a key picked by a
# condition, `"ingest_would_wait" if ... else "ingest_kept_waiting"`, included).
STEWARD_FAMILIES = ("sub_", "gx_", "ingest_", "build_")
FAMILY_LITERAL = re.compile(r"""["']((?:%s)[a-z0-9_]+)["']""" % "|".join(STEWARD_FAMILIES))
# t(f"prefix_{value}" ...) or t("prefix_" + value): a key made from a value.
MADE_CALL = re.compile(r"""\bt\(\s*(?:f["']([a-z][a-z0-9_]*_)\{|["']([a-z][a-z0-9_]*_)["']\s*\+)""")
STRING_LITERAL = re.compile(r"""["']([a-z][a-z0-9_]*)["']""")
# A reader's problem is located by these (ParsedSubmission.problem's own arguments): no text of its takes them.
LOCATION_ARGUMENTS = {"row", "column", "value", "key"}


def placeholders(text: str) -> set[str]:
    """The values a label takes; a Chinese form of a value (quarter_zh: 四) counts as the value (quarter: 4)."""
    return {name.removesuffix("_zh") for _, name, _, _ in string.Formatter().parse(text) if name}


def english_forms(key: str) -> tuple[str, ...]:
    """A label's English: one text, or (singular, plural) where it counts something."""
    en = TEXT[key][1]
    return en if isinstance(en, tuple) else (en,)


PLURALS = sorted(key for key in TEXT if isinstance(TEXT[key][1], tuple))


def test_every_key_has_both_languages_with_the_same_placeholders():
    assert len(TEXT) > 300
    for key, pair_ in TEXT.items():
        assert isinstance(pair_, tuple) and len(pair_) == 2, key
        zh, _ = pair_
        assert isinstance(zh, str) and zh.strip(), key
        for en in english_forms(key):
            assert isinstance(en, str) and en.strip(), key
            assert placeholders(zh) == placeholders(en), key


@pytest.mark.parametrize("key", PLURALS)
def test_a_plural_has_a_singular_and_a_plural_english_form_with_the_placeholders_of_the_chinese(key):
    zh, en = TEXT[key]
    assert isinstance(en, tuple) and len(en) == 2, key
    one, other = en
    assert one.strip() and other.strip() and one != other, key
    assert placeholders(one) == placeholders(other) == placeholders(zh), key


def test_the_count_picks_the_english_form_and_chinese_has_one():
    assert len(PLURALS) >= 10
    assert t("ingest_rejected", "en", count=1).startswith("Rejected: 1 problem found;")
    assert t("ingest_rejected", "en", count=3).startswith("Rejected: 3 problems found;")
    assert t("ingest_rejected", "zh", count=1).startswith("未接收：发现 1 个问题")
    assert t("days_left", "en", count=1) == "1 day left to the deadline"
    assert t("days_left", "en", count=0) == "0 days left to the deadline"
    with pytest.raises(TypeError, match="count"):
        t("ingest_rejected", "en")


def test_a_value_put_into_a_text_is_said_in_that_texts_language():
    typo = words("sub_header_typo", written="机够名称", meant="机构名称")
    zh, en = pair("sub_no_header", count=2, searched=10, missing=joined(["a", "b"]), accepted="…",
                  typos=joined([typo], "", ""))
    assert "缺少列 a、b" in zh and zh.endswith("；机够名称 — 是否应为 机构名称？")
    assert "missing columns a, b;" in en and en.endswith("; 机够名称 — did you mean 机构名称?")


def test_no_text_of_the_reader_takes_a_value_named_like_a_problems_location():
    for key in (key for key in TEXT if key.startswith("sub_")):
        assert placeholders(TEXT[key][0]) & LOCATION_ARGUMENTS == set(), key


def test_every_key_written_out_exists():
    missing = {(path.relative_to(REPO_ROOT).as_posix(), key) for path, text in SOURCE.items()
               for key in LITERAL_CALL.findall(text) + FAMILY_LITERAL.findall(text) if key not in TEXT}
    assert missing == set()


def test_the_patterns_find_the_steward_messages_call_forms():
    """The reader's, the submit use case's, the pipeline's and the suites' keys are found where they are used."""
    found = {key for text in SOURCE.values() for key in LITERAL_CALL.findall(text)}
    # parsed.problem, words, rule=, SubmissionProblem.of, pair, both(..., english_first=True)
    assert {"sub_no_header", "sub_split_thousands", "gx_not_blank", "ingest_too_large", "build_failed",
            "ingest_usage_no_file"} <= found
    picked = {key for text in SOURCE.values() for key in FAMILY_LITERAL.findall(text)} - found
    assert {"ingest_published", "ingest_kept_waiting"} <= picked  # the second of `a if ... else b`


def test_every_key_made_from_a_value_belongs_to_a_declared_family():
    made = {(path.relative_to(REPO_ROOT).as_posix(), "".join(prefix)) for path, text in SOURCE.items()
            for prefix in MADE_CALL.findall(text)}
    assert made, "the pattern finds the f-string keys"
    undeclared = {(path, prefix) for path, prefix in made if prefix not in DATA_DRIVEN_KEYS}
    assert undeclared == set()


@pytest.mark.parametrize("prefix", sorted(DATA_DRIVEN_KEYS))
def test_every_declared_value_has_its_key(prefix):
    assert [value for value in DATA_DRIVEN_KEYS[prefix] if prefix + value not in TEXT] == []


def test_the_declared_values_are_the_code_lists():
    assert set(raw_contract.source_names()) <= set(DATA_DRIVEN_KEYS["src_"])
    stages = (quality_report.INGESTION, quality_report.RAW_GATE, quality_report.DBT_BUILD, quality_report.MART_GATE,
              quality_report.PUBLISH, quality_report.DATA_DOCS)
    assert DATA_DRIVEN_KEYS["stage_"] == tuple(stage.replace(" ", "_") for stage in stages)
    assert set(DATA_DRIVEN_KEYS["run_outcome_"]) == {quality_report.PUBLISHED, quality_report.REJECTED,
                                                     quality_report.CHECKED}
    assert set(DATA_DRIVEN_KEYS["severity_"]) == {suites.CRITICAL, suites.WARNING}
    assert set(DATA_DRIVEN_KEYS["outcome_"]) == {ingest.PUBLISHED, ingest.DUPLICATE, ingest.REJECTED, ingest.WAITING,
                                                 ingest.CHECKED}


def test_every_key_is_used():
    """Written out somewhere (a call, or a key held in a table such as the page list), or made by a family."""
    literals = {key for text in SOURCE.values() for key in STRING_LITERAL.findall(text)}
    made = {prefix + value for prefix, values in DATA_DRIVEN_KEYS.items() for value in values}
    assert sorted(key for key in TEXT if key not in literals | made) == []


# --- no Chinese message outside the catalog -------------------------------------------------------------------

STEWARD_CODE = ("scripts/ingestion", "scripts/publishing", "scripts/quality", "expectations")
CJK = re.compile("[\u4e00-\u9fff]")
# Chinese that is data, not a message; each is allowed for the reason given.
ALLOWED_WORDS = {
    # money units as seeds/unit_conversions.csv and the stewards write them; an English rule or a developer's
    # `why` names them so (check 万元 vs 亿元), and 亿元 is the canonical unit the reference data is read in
    "万元", "亿元",
}
ALLOWED_CONSTANTS = {
    # what the reader matches in a steward's file: the unit line (单位：万元), quarters and dates written the
    # Chinese way (2025年四季度, 2025年12月31日) with the Chinese number words of the quarters, a year's 年
    # suffix, and the Traditional header words that tell a Big5 file
    "scripts/ingestion/read_submission.py": {"UNIT_LINE", "CHINESE_QUARTERS", "QUARTER", "MONTH", "DAY",
                                             "YEAR_SUFFIX", "TRADITIONAL_HEADER_WORDS"},
}
ALLOWED_FILES = {
    # the templates' own content (Chinese column notes, example cells, sheet names), written byte for byte into
    # the committed templates that tests/test_submissions.py compares: a document for stewards to fill in, not a
    # message about their file
    "scripts/ingestion/submission_templates.py",
}


def steward_code() -> list[Path]:
    return [path for folder in STEWARD_CODE for path in sorted((REPO_ROOT / folder).rglob("*.py"))
            if path.relative_to(REPO_ROOT).as_posix() not in ALLOWED_FILES]


def chinese_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string constant holding Chinese beyond the allowed words, outside docstrings (the
    developers' documentation) and the file's allowed constants."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            skipped.add(id(node.body[0].value))
    allowed_names = ALLOWED_CONSTANTS.get(path.relative_to(REPO_ROOT).as_posix(), set()) \
        if path.is_relative_to(REPO_ROOT) else set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id in allowed_names
                                                for target in node.targets):
            skipped |= {id(constant) for constant in ast.walk(node.value)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            text = node.value
            for word in ALLOWED_WORDS:
                text = text.replace(word, "")
            if CJK.search(text):
                found.append((node.lineno, node.value))
    return found


def test_the_scan_finds_a_chinese_message(tmp_path):
    sample = REPO_ROOT / "scripts" / "ingestion" / "read_submission.py"
    assert all(name in sample.read_text(encoding="utf-8") for name in ALLOWED_CONSTANTS[sample.relative_to(
        REPO_ROOT).as_posix()])
    written = tmp_path / "module.py"
    written.write_text('"""文档。"""\nUNIT = "万元"\nproblem("本行有误", "the row is wrong")\n', encoding="utf-8")
    assert chinese_literals(written) == [(3, "本行有误")]


def test_no_chinese_string_is_written_outside_the_catalog_in_the_steward_facing_steps():
    found = {f"{path.relative_to(REPO_ROOT).as_posix()}:{line}: {text[:60]}" for path in steward_code()
             for line, text in chinese_literals(path)}
    assert sorted(found) == []
