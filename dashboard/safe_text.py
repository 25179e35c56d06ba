"""Data is text: what came from a file, a form or the accounts file is shown and exported as the characters it
is, never run as Markdown, HTML or a spreadsheet formula. The one place these rules live."""
from __future__ import annotations

import html
import re

import pandas as pd

# CommonMark lets every ASCII punctuation character be escaped with a backslash; Streamlit adds :directives:,
# :emoji: and $math$ on top, which the same escapes switch off.
MARKDOWN_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
# OWASP's CSV-injection rule: a cell starting with one of these is a formula to Excel, WPS and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?%?$")  # "-15.5%" is a figure, not a formula: left as it is


def markdown_text(value: object) -> str:
    """`value` as literal text inside Markdown (st.caption, st.markdown, st.error, …): line breaks fold to
    spaces, every punctuation character is escaped, so a name like [通知](https://…) shows as typed."""
    text = " ".join(str(value).split())
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def chart_text(value: object) -> str:
    """`value` as literal text inside a Plotly chart (trace names, labels, titles), which reads <b>, <br> and
    <a href=…> as markup: the markup characters become entities, which Plotly shows as the characters."""
    return html.escape(str(value), quote=False)


def spreadsheet_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell made safe for a CSV or XLSX download."""
    return frame.apply(lambda column: column.map(spreadsheet_cell) if column.dtype == object or
                       pd.api.types.is_string_dtype(column) else column)
