"""seeds/README.md documents every column of every raw source and every seed, so it cannot fall behind."""
import csv

import pytest

from tests.conftest import REPO_ROOT
from scripts.configuration import raw_contract
from scripts.configuration.submission_format import COLUMN_HEADERS_ZH

DOC = (REPO_ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
SEED_FILES = sorted((REPO_ROOT / "seeds").glob("*.csv"))


@pytest.mark.parametrize("source", raw_contract.source_names())
def test_every_raw_column_is_documented(source):
    assert f"### {source} " in DOC
    section = DOC.split(f"### {source} ")[1].split("\n### ")[0]
    for column in raw_contract.column_names(source):
        assert f"| `{column}` |" in section, (source, column)


@pytest.mark.parametrize("seed_file", SEED_FILES, ids=[path.stem for path in SEED_FILES])
def test_every_seed_and_its_columns_are_documented(seed_file):
    assert f"`{seed_file.name}`" in DOC
    with seed_file.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    for column in header:
        assert f"`{column}`" in DOC, (seed_file.name, column)


def test_every_accepted_chinese_header_is_documented():
    section = DOC.split("## Submitting statistics")[1].split("\n## ")[0]
    for column, headers in COLUMN_HEADERS_ZH.items():
        assert f"| `{column}` | {'、'.join(headers)} |" in section, column
    for source in raw_contract.source_names():
        assert f"(../scripts/ingestion/templates/{source}.xlsx)" in section, source
