"""The raw-data contract, read from the dbt sources file so that the loader, the sample generator and dbt
agree on one list of columns per raw source."""
from __future__ import annotations

from functools import cache

import yaml

from scripts.configuration import paths

# Where each raw row came from: file (or [workbook]sheet), row, and the accepted submission (null for files in
# the raw folder, such as the sample).
LINEAGE_COLUMNS = ("_source_file", "_source_row", "_submission_id")


@cache
def _tables() -> dict[str, list[str]]:
    document = yaml.safe_load(paths.SOURCES_YML.read_text(encoding="utf-8"))
    (raw_source,) = [source for source in document["sources"] if source["name"] == "raw"]
    return {table["name"]: [column["name"] for column in table["columns"]] for table in raw_source["tables"]}


def source_names() -> list[str]:
    return list(_tables())


def column_names(source: str) -> list[str]:
    return list(_tables()[source])
