"""The briefing's four charts, drawn with Plotly from the marts' rows and rendered offline: Debian's Chromium
runs Plotly's own plotly.js through kaleido (no CDN: MathJax off, plotly.js from the plotly package), once per
briefing, to SVG for the PDF (vector, text as text in Noto Sans CJK) and to PNG for the Word file (which has no
SVG a WPS reader is sure to show).

The charts: green-loan balance against its target path, the share against its target, cumulative green bonds
against their path, and energy per unit of GDP against its path; each up to the briefing's quarter."""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from dataclasses import dataclass

import kaleido
import pandas as pd
import plotly.graph_objects as go

from scripts.configuration.browser import CHROMIUM
from scripts.configuration.text import t
from scripts.outputs import target_groups, wording
from scripts.outputs.briefing import layout
from scripts.outputs.palette import PATH_COLOURS, PILOT_COLOUR, TARGET_COLOUR

FONT = layout.SANS  # the briefing's sans font: the PDF embeds it
WIDTH, HEIGHT = 520, 300  # CSS pixels: two charts side by side on A4 within the GB/T 9704 text block
PNG_SCALE = 2  # about 170 dpi at the size Word shows it (7.9 cm wide)
RENDER_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    figure: go.Figure


def _figure(title: str, unit: str) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(
        title={"text": title, "font": {"size": 14}, "x": 0.02}, width=WIDTH, height=HEIGHT,
        font={"family": FONT, "size": 11, "color": "#222"}, paper_bgcolor="white", plot_bgcolor="white",
        margin={"l": 56, "r": 16, "t": 40, "b": 64}, showlegend=True,
        legend={"orientation": "h", "y": -0.22, "x": 0}, yaxis={"title": {"text": unit}, "gridcolor": "#ddd"},
        xaxis={"gridcolor": "#eee"})
    return figure


def _actual(figure: go.Figure, days, values, lang: str) -> None:
    figure.add_trace(go.Scatter(x=list(days), y=[float(value) for value in values], mode="lines+markers",
                                name=t("briefing_series_actual", lang), line={"color": PILOT_COLOUR, "width": 2}))


def _path_and_target(figure: go.Figure, paths: pd.DataFrame, target: dict | None, lang: str) -> None:
    """The straight (or compound) path from the baseline to the target level, per statistics basis, and the
    target itself at its deadline."""
    if target is None:
        return
    mine = paths[(paths["target_code"] == target["target_code"]) & (paths["path_kind"] == "to_target_level")]
    for index, (_, rows) in enumerate(mine.groupby("path_basis", sort=True)):
        figure.add_trace(go.Scatter(x=list(rows["period_end"]), y=list(rows["path_value"]), mode="lines",
                                    name=t("briefing_series_path", lang), showlegend=index == 0,
                                    line={"color": PATH_COLOURS[1], "dash": "dash", "width": 1.5}))
    level = target["target_level"] if not wording.missing(target.get("target_level")) else target["target_value"]
    if not wording.missing(level):
        figure.add_trace(go.Scatter(
            x=[target["target_deadline"]], y=[float(level)], mode="markers",
            name=t("briefing_series_target", lang, value=wording.exact(float(level), target["unit"])),
            marker={"color": TARGET_COLOUR, "symbol": "diamond", "size": 10}))


def briefing_charts(pilot: pd.DataFrame, credit: pd.DataFrame, paths: pd.DataFrame,
                    series: dict[str, pd.DataFrame], lang: str) -> tuple[Chart, ...]:
    as_at = pilot["as_at_date"].iloc[0]
    preferred = credit[credit["is_preferred_basis"]]
    charts = []

    balance = _figure(t("briefing_chart_balance", lang), "亿元")
    _actual(balance, preferred["period_end"], preferred["green_loan_balance_100m_cny"], lang)
    _path_and_target(balance, paths, target_groups.headline_target(pilot, "green_loan_balance", as_at, "level"), lang)
    charts.append(Chart("balance", t("briefing_chart_balance", lang), balance))

    share = _figure(t("briefing_chart_share", lang), "%")
    shares = preferred[preferred["green_loan_share_pct"].notna()]
    _actual(share, shares["period_end"], shares["green_loan_share_pct"], lang)
    share_target = target_groups.headline_target(pilot, "green_loan_share", as_at)
    if share_target is not None:
        share.add_hline(y=float(share_target["target_value"]), line={"color": TARGET_COLOUR, "dash": "dot"})
        share.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line={"color": TARGET_COLOUR, "dash": "dot"},
                                   name=t("briefing_series_target", lang,
                                          value=wording.exact(float(share_target["target_value"]), "%"))))
    charts.append(Chart("share", t("briefing_chart_share", lang), share))

    bonds = _figure(t("briefing_chart_bonds", lang), "亿元")
    issued = series["green_bond_issuance"]
    _actual(bonds, issued["period_end"], issued["value"], lang)
    _path_and_target(bonds, paths, target_groups.headline_target(pilot, "green_bond_issuance", as_at), lang)
    charts.append(Chart("bonds", t("briefing_chart_bonds", lang), bonds))

    energy_rows = series["energy_intensity"]
    unit = energy_rows["unit"].iloc[0] if not energy_rows.empty else ""
    energy = _figure(t("briefing_chart_energy", lang), unit)
    _actual(energy, energy_rows["period_end"], energy_rows["value"], lang)
    _path_and_target(energy, paths, target_groups.headline_target(pilot, "energy_intensity", as_at), lang)
    charts.append(Chart("energy", t("briefing_chart_energy", lang), energy))
    return tuple(charts)


class Renderer:
    """Debian's Chromium with plotly.js loaded, started on a thread of its own as soon as the briefing begins
    (it takes seconds), so that the marts are read meanwhile; then each chart's SVG and PNG, the PNGs while the
    PDF is laid out. One browser for all the charts; closed on leaving the `with` block."""

    def __enter__(self) -> "Renderer":
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="briefing-charts", daemon=True)
        self._thread.start()
        self._kaleido = kaleido.Kaleido(n=1, mathjax=False, path=CHROMIUM, timeout=RENDER_TIMEOUT_SECONDS)
        self._opened = self._submit(self._kaleido.open())
        return self

    def _submit(self, coroutine) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def images(self, charts: tuple[Chart, ...], opts: dict) -> concurrent.futures.Future:
        """A future of {chart key: image bytes} in the format `opts` names."""
        async def render_all() -> dict[str, bytes]:
            await asyncio.wrap_future(self._opened)
            return {chart.key: await self._kaleido.calc_fig(chart.figure, opts=opts) for chart in charts}
        return self._submit(render_all())

    def svgs(self, charts: tuple[Chart, ...]) -> concurrent.futures.Future:
        return self.images(charts, {"format": "svg"})

    def pngs(self, charts: tuple[Chart, ...]) -> concurrent.futures.Future:
        return self.images(charts, {"format": "png", "scale": PNG_SCALE})

    def __exit__(self, *exc_info) -> None:
        try:
            if self._opened.exception() is None:
                self._submit(self._kaleido.close()).result(RENDER_TIMEOUT_SECONDS)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(RENDER_TIMEOUT_SECONDS)
            self._loop.close()
