"""What an `st.html` element shows, read back for AppTest: its text (as a browser shows it, styles left out) and
its tables (header row -> column names, one row per <tr>, each cell's text). The standard library's parser:
the dashboard's HTML is its own, small and regular (dashboard/components.py)."""
from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from dashboard import components

# Content that is not shown as text.
HIDDEN_TAGS = {"style", "script"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.labels: list[str] = []  # data-label attributes: shown by CSS in a narrow screen's cards
        self.tables: list[list[list[str]]] = []
        self._hidden = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        self.labels += [value for name, value in attrs if name == "data-label" and value]

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self._hidden -= 1
        elif tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._hidden:
            return
        if data.strip():
            self.texts.append(data.strip())
        if self._cell is not None:
            self._cell.append(data)


def read(body: str) -> _Reader:
    reader = _Reader()
    reader.feed(body)
    reader.close()
    return reader


def html_texts(body: str) -> list[str]:
    """Every piece of text the HTML shows, the cards' column labels included."""
    reader = read(body)
    return reader.texts + reader.labels


def html_tables(body: str) -> list[pd.DataFrame]:
    """Every <table> of the HTML as a frame of the texts shown, its first row the column names."""
    frames = []
    for rows in read(body).tables:
        if rows:
            frames.append(pd.DataFrame(rows[1:], columns=rows[0]))
    return frames


def wrapped_tables(app) -> list[pd.DataFrame]:
    """Every table an AppTest page draws only as HTML (components.table's WRAPPED layout), in page order; the
    others are grids, on app.dataframe (their HTML, for phones and paper, says the same)."""
    marker = f'class="gf-table gf-{components.WRAPPED}"'
    return [frame for element in app.html if marker in element.proto.body
            for frame in html_tables(element.proto.body)]
