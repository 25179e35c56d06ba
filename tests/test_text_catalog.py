"""One text catalog (scripts/outputs/text.py) for the dashboard and the CLI summary: every key used exists in
Chinese and English with the same placeholders, every key is used, and a key made from a data value belongs to
a declared family whose values match the code lists they come from."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from expectations import suites
from scripts.configuration import raw_contract
from scripts.outputs.text import DATA_DRIVEN_KEYS, TEXT
from scripts.publishing import ingest
from scripts.quality import quality_report
from tests.conftest import REPO_ROOT

CODE = [path for folder in ("dashboard", "scripts") for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        if path.name != "text.py"]
SOURCE = {path: path.read_text(encoding="utf-8") for path in CODE}
# t("key" ...), both("key" ...): a key written out.
LITERAL_CALL = re.compile(r"""\b(?:t|both)\(\s*["']([a-z][a-z0-9_]*)["'](?!\s*\+)""")
# t(f"prefix_{value}" ...) or t("prefix_" + value): a key made from a value.
MADE_CALL = re.compile(r"""\bt\(\s*(?:f["']([a-z][a-z0-9_]*_)\{|["']([a-z][a-z0-9_]*_)["']\s*\+)""")
STRING_LITERAL = re.compile(r"""["']([a-z][a-z0-9_]*)["']""")


def placeholders(text: str) -> set[str]:
    """The values a label takes; a Chinese form of a value (quarter_zh: 四) counts as the value (quarter: 4)."""
    return {name.removesuffix("_zh") for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_placeholders():
    assert len(TEXT) > 200
    for key, pair in TEXT.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        zh, en = pair
        assert zh.strip() and en.strip(), key
        assert placeholders(zh) == placeholders(en), key


def test_every_key_written_out_exists():
    missing = {(path.relative_to(REPO_ROOT).as_posix(), key) for path, text in SOURCE.items()
               for key in LITERAL_CALL.findall(text) if key not in TEXT}
    assert missing == set()


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
              quality_report.PUBLISH)
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
