"""The reader's language in a dashboard session. The words themselves are the one text catalog,
scripts/configuration/text.py (shared with the CLI summary and the workbook); `t()` and `pick()` come from there and
read the language the reader chose in the sidebar unless given one."""
from __future__ import annotations

import streamlit as st

from scripts.configuration import text
from scripts.configuration.text import DEFAULT_LANGUAGE, LANGUAGES, TEXT, pick, t  # noqa: F401 (the pages' imports)

LANGUAGE_KEY = "lang"  # session state holding the reader's language; also the query parameter ?lang=en
LANGUAGE_SWITCH_KEY = "language_switch"


def language() -> str:
    return st.session_state.get(LANGUAGE_KEY) or DEFAULT_LANGUAGE


text.use_language_of(language)


def stage_name(stage: str) -> str:
    """The pipeline's stage names (scripts/quality/quality_report.py) in the reader's language."""
    key = f"stage_{stage.replace(' ', '_')}"
    return t(key) if key in TEXT else stage
