"""The leading group's briefing for the quarter chosen, as PDF and Word downloads on the overview. Both files are
made together (scripts/outputs/briefing/make.py: one content model, one Chromium for the charts) only when a
reader clicks, on Streamlit's download thread, and kept per published file version, quarter and language."""
from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from dashboard import data
from dashboard.i18n import language, t
from scripts.configuration import quarters
from scripts.outputs.briefing import make


@st.cache_data(ttl=data.CACHE_TTL_SECONDS, show_spinner=False, max_entries=4)
def _files_of_version(version: tuple, as_at: dt.date, lang: str) -> tuple[bytes, bytes]:
    """`version` is only the cache key (see workbook._workbook_of_version)."""
    with data.marts_connection() as connection:
        files = make.make(connection, as_at, lang, data.published_at())
    return files.pdf, files.docx


def briefing_files(as_at: dt.date, lang: str) -> tuple[bytes, bytes]:
    """The PDF and the Word file of the briefing for the quarter ending `as_at`, in `lang`."""
    return _files_of_version(data.published_version(), as_at, lang)


def _pdf(as_at: dt.date, lang: str) -> bytes:
    return briefing_files(as_at, lang)[0]


def _docx(as_at: dt.date, lang: str) -> bytes:
    return briefing_files(as_at, lang)[1]


def download_buttons(as_at: dt.date) -> None:
    """下载简报（PDF） and 下载简报（Word）; the language and quarter are bound now (the download thread has no
    session)."""
    lang, quarter = language(), quarters.quarter_code(as_at)
    for column, (key, extension, build, mime) in zip(st.columns(2), (
            ("download_briefing_pdf", "pdf", _pdf, make.PDF_MIME),
            ("download_briefing_docx", "docx", _docx, make.DOCX_MIME))):
        column.download_button(t(key), functools.partial(build, as_at, lang), mime=mime, key=key,
                               file_name=t("briefing_file_name", quarter=quarter, extension=extension),
                               help=t("download_briefing_help"), on_click="ignore")
