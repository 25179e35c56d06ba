"""The marts' documentation as dbt renders it: each domain folder's _<domain>__models.yml, where a column
description may be a doc block shared by every mart that carries the column
(dbt_project/models/marts/_marts__columns.md)."""
from __future__ import annotations

import re
from functools import cache

import yaml

from tests.conftest import REPO_ROOT

MARTS = REPO_ROOT / "dbt_project" / "models" / "marts"
DOC_REF = re.compile(r"""\{\{\s*doc\(["'](\w+)["']\)\s*\}\}""")


@cache
def doc_blocks() -> dict[str, str]:
    text = (MARTS / "_marts__columns.md").read_text(encoding="utf-8")
    return {name: body.strip() for name, body in re.findall(r"\{% docs (\w+) %\}(.*?)\{% enddocs %\}", text, re.S)}


def rendered(description: str) -> str:
    """A description with its doc() references replaced by their blocks' text (empty for an unknown block)."""
    return DOC_REF.sub(lambda match: doc_blocks().get(match.group(1), ""), description or "")


def mart_models() -> list[dict]:
    """Every mart's yml entry, from each domain folder's models file."""
    return [model for path in sorted(MARTS.glob("*/_*__models.yml"))
            for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]]
