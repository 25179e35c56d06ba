"""Charts built once for every reader (dashboard/components.py shared_by_readers): a figure is made again only for
other arguments, another language or a newly published file, and otherwise every session draws the one made."""
from __future__ import annotations

import os

import plotly.graph_objects as go
import pytest
import streamlit as st

from dashboard import components
from dashboard.i18n import LANGUAGE_KEY, language

pytestmark = pytest.mark.unit


def test_a_figure_is_made_again_only_for_other_arguments_another_language_or_a_new_published_file(
        monkeypatch, tmp_path):
    published = tmp_path / "greenfinance.duckdb"
    published.write_bytes(b"first version")
    monkeypatch.setenv("GF_DUCKDB_PATH", str(published))
    made = []

    @components.shared_by_readers
    def figure(region_code: str) -> go.Figure:
        made.append((region_code, language()))
        return go.Figure(layout={"title": {"text": f"{region_code} {language()}"}})

    st.session_state.pop(LANGUAGE_KEY, None)
    first = figure("500115")
    assert figure("500115") is first  # another reader, the same chart: drawn from the one made
    figure("511600")
    st.session_state[LANGUAGE_KEY] = "en"
    assert figure("500115").layout.title.text == "500115 en"
    replacement = tmp_path / "new.duckdb"
    replacement.write_bytes(b"second version")
    os.replace(replacement, published)  # what the pipeline does when it publishes
    figure("500115")
    st.session_state.pop(LANGUAGE_KEY)
    assert made == [("500115", "zh"), ("511600", "zh"), ("500115", "en"), ("500115", "en")]
