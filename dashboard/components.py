"""The pieces every page is built from: page header with the sample banner, charts with target lines and a
source line, tables with a CSV download, the region switch and status badges."""
from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data, safe_text, wording
from dashboard.i18n import language, pick, t

# Chromium falls back to these for CJK glyphs; Noto CJK comes from Debian's fonts-noto-cjk, nothing is fetched.
FONT_FAMILY = '"Source Sans Pro", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'
TARGET_COLOUR = "#b2182b"
PATH_COLOURS = ("#7f7f7f", "#f1a340")
OFFICIAL = "official"
# One colour per region, the same on every page and whichever regions are chosen: the pilot zone green, Guang'an
# (the partner the plan names: 长寿府办发〔2023〕12号 calls for cooperation with 广安市) blue, every other region
# the next colour of PEER_PALETTE in region-code order. None is red (targets) or the grey/orange of target paths.
PILOT_COLOUR = "#1b7837"
PARTNER_REGION_CODE = "511600"
PARTNER_COLOUR = "#2166ac"
PEER_PALETTE = ("#762a83", "#8c510a", "#01665e", "#c51b7d", "#4d4d4d", "#5e3c99", "#bf812d", "#35978f")
# Up to this many regions the region switch is a row of buttons; beyond it a drop-down, which stays one line
# wide on a phone.
MAX_REGION_BUTTONS = 4


def is_sample(*provenance_columns: Iterable) -> bool:
    """True when any figure comes from anything but official statistics (sample or mixed)."""
    return any(value is not None and not pd.isna(value) and value != OFFICIAL
               for column in provenance_columns for value in column)


def require_database() -> None:
    if not data.database_exists():
        st.error(t("no_database", path=data.database_path()))
        st.stop()


def page_header(title_key: str, *, sample: bool, title: str | None = None) -> None:
    """The page's title (`title`, or the text of `title_key`), the as-of note and the sample banner."""
    st.title(title or t(title_key))
    as_at_note()
    sample_banner(sample)


def sample_banner(sample: bool) -> None:
    """Shown whenever any figure on the page is synthetic."""
    if sample:
        st.warning(t("sample_banner"))


def region_page(title_key: str, key: str) -> pd.Series:
    """The top of a page about one region: its title and the region switch; returns the region chosen."""
    require_database()
    st.title(t(title_key))
    as_at_note()
    return region_selector(key)


def banner_and_source(source_keys: Iterable[str], *provenance_columns: Iterable) -> str:
    """The sample banner if any of the page's figures is synthetic; returns the source line for its charts."""
    sample = is_sample(*provenance_columns)
    sample_banner(sample)
    return source_line(source_keys, sample)


def stop_if_empty(frame: pd.DataFrame, message_key: str = "no_data") -> None:
    if frame.empty:
        st.info(t(message_key))
        st.stop()


def source_line(source_keys: Iterable[str], sample: bool) -> str:
    """"Source: A; B · sample data (synthetic)" for captions."""
    sources = "; ".join(t(key) for key in source_keys)
    return f"{t('source')}: {sources} · {t('synthetic') if sample else t('official')}"


def finish_chart(figure: go.Figure, *, title: str, y_title: str, source: str, key: str,
                 x_title: str | None = None, height: int = 380, top: int = 80) -> None:
    """Title, axis names with units, the source under the plot (one line per source, so that half-width
    charts do not cut it off), then draw it. `top` is the room above the plot, for a two-line title and a
    legend that wraps on a phone."""
    source_lines = source.replace("; ", "<br>").count("<br>") + 1
    bottom = 70 + 14 * source_lines
    figure.update_layout(
        title={"text": title}, font={"family": FONT_FAMILY}, height=height + 14 * (source_lines - 1),
        xaxis_title=x_title, yaxis_title=y_title,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0, "title": None},
        margin={"t": top, "b": bottom},
    )
    # Pinned in pixels below the plot area: under the axis title whatever the chart's height.
    figure.add_annotation(text=source.replace("; ", "<br>"), xref="paper", yref="paper", x=0, y=0, yshift=-58,
                          showarrow=False, xanchor="left", yanchor="top", align="left",
                          font={"size": 11, "color": "#666666"})
    st.plotly_chart(figure, key=key, config={"displaylogo": False})


def note_on_chart(figure: go.Figure, text: str) -> None:
    """Where a target line would be but is not: "to be set by the city", "Changshou only"."""
    figure.add_annotation(text=text, xref="paper", yref="paper", x=1, y=1.02, showarrow=False, xanchor="right",
                          yanchor="bottom", font={"color": TARGET_COLOUR})


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel then reads the Chinese correctly), no cell a spreadsheet would run as a formula."""
    return safe_text.spreadsheet_frame(frame).to_csv(index=False).encode("utf-8-sig")


def table(frame: pd.DataFrame, columns: dict[str, str], *, file_name: str, key: str,
          column_config: dict | None = None) -> None:
    """`frame`'s `columns` (source name -> label with unit), sortable on screen and downloadable as CSV. Text
    that a spreadsheet would run as a formula is shown and exported neutralised, so that the table's own
    download button (Streamlit's, which does not) is safe too."""
    shown = safe_text.spreadsheet_frame(frame[list(columns)].rename(columns=columns))
    st.dataframe(shown, hide_index=True, column_config=column_config, key=f"{key}_table")
    download(frame, columns, file_name=file_name, key=key)


def download(frame: pd.DataFrame, columns: dict[str, str], *, file_name: str, key: str) -> None:
    st.download_button(t("download_csv"), csv_bytes(frame[list(columns)].rename(columns=columns)),
                       file_name=file_name, mime="text/csv", key=f"{key}_download", on_click="ignore")


def localised(frame: pd.DataFrame, *fields: str) -> pd.DataFrame:
    """`frame` with each `<field>_zh`/`<field>_en` pair also as `<field>` in the reader's language."""
    return frame.assign(**{field: frame[f"{field}_{language()}"] for field in fields})


def local_time(stamp: str | None) -> str:
    """An ISO timestamp (UTC, as the run reports and the submission history keep it) in the server's time."""
    if not stamp:
        return ""
    return f"{dt.datetime.fromisoformat(stamp).astimezone():%Y-%m-%d %H:%M:%S}"


def channel_name(channel: str) -> str:
    """How a submission came in (the audit log's channel: "upload page", "command line") in the reader's language."""
    return t("channel_" + channel.replace(" ", "_"))


def figure_source(submission_ids: object) -> str | None:
    """"Source: submission 3 (file, who, when)" for a figure built from accepted submissions; None if the
    figure rests only on the raw folder's files (e.g. the sample)."""
    if wording.missing(submission_ids):
        return None
    listed = data.submissions().set_index("submission_id")
    parts = []
    for submission_id in (int(part) for part in str(submission_ids).split(",")):
        entry = listed.loc[submission_id]
        parts.append(t("figure_submission", id=submission_id, file=safe_text.markdown_text(entry["original_filename"]),
                       who=safe_text.markdown_text(entry["submitted_by"]), when=entry["submitted_at_text"]))
    return t("figure_source", submissions="；".join(parts) if language() == "zh" else "; ".join(parts))


def status_badge(label: str, colour: str) -> str:
    """A coloured pill for a status name (from the data: escaped, shown as the characters it is)."""
    return (f'<span style="background:{colour};color:{_text_colour(colour)};padding:2px 10px;'
            f'border-radius:10px;font-size:0.9em">{html.escape(str(label))}</span>')


def _text_colour(background: str) -> str:
    red, green, blue = (int(background[index:index + 2], 16) for index in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def region_colours(regions: pd.DataFrame) -> dict[str, str]:
    """region_code -> colour for every region of `regions` (dim_region rows); see PILOT_COLOUR."""
    colours = {code: PILOT_COLOUR for code in regions.loc[regions["is_pilot_zone"], "region_code"]}
    if PARTNER_REGION_CODE in set(regions["region_code"]) and PARTNER_REGION_CODE not in colours:
        colours[PARTNER_REGION_CODE] = PARTNER_COLOUR
    others = sorted(code for code in regions["region_code"] if code not in colours)
    # Past the palette's end colours repeat: more lines than that on one chart are unreadable anyway.
    return colours | {code: PEER_PALETTE[index % len(PEER_PALETTE)] for index, code in enumerate(others)}


def region_colour(region_code: str) -> str:
    """The colour of one region's figures, on its own pages and in the comparison."""
    return region_colours(data.regions())[region_code]


def default_peers(regions: pd.DataFrame) -> list[str]:
    """The region the pilot zone is compared with unless the reader chooses: Guang'an, or failing it the first
    other region."""
    others = list(regions.loc[~regions["is_pilot_zone"], "region_code"])
    return [PARTNER_REGION_CODE] if PARTNER_REGION_CODE in others else others[:1]


def region_name(row: pd.Series) -> str:
    """A region's name in the reader's language, as Markdown-safe text (names come from the data)."""
    return safe_text.markdown_text(pick(row, "region_name"))


def region_selector(key: str) -> pd.Series:
    """Pick one region of dim_region (the pilot zone first, the default); returns its row."""
    regions = data.regions()
    codes = list(regions["region_code"])
    by_code = {row["region_code"]: row for _, row in regions.iterrows()}
    if len(codes) <= MAX_REGION_BUTTONS:
        # The buttons' labels are Markdown: the names are escaped.
        code = st.segmented_control(t("region"), codes, format_func=lambda value: region_name(by_code[value]),
                                    default=codes[0], required=True, key=key)
    else:  # a drop-down's options are plain text
        code = st.selectbox(t("region"), codes, format_func=lambda value: pick(by_code[value], "region_name"),
                            index=0, key=key)
    return by_code[code]


def regions_multiselect(key: str) -> pd.DataFrame:
    """Pick regions to compare from every region of dim_region, the pilot zone and its default peer at first;
    returns their rows in dim_region's order (pilot zone first).

    A multiselect keeps its choice as the labels shown, which change with the language: the widget is one per
    language (`<key>_<lang>`) and the choice, as region codes, lives in session state under `key`, so that it
    holds across the language switch and across pages."""
    regions = data.regions()
    lang = language()
    by_code = {row["region_code"]: row for _, row in regions.iterrows()}
    pilots = list(regions.loc[regions["is_pilot_zone"], "region_code"])
    remembered = st.session_state.get(key)
    default = [code for code in remembered if code in by_code] if remembered is not None \
        else pilots + default_peers(regions)
    chosen = st.multiselect(t("compare_regions"), list(by_code), default=default, key=f"{key}_{lang}",
                            format_func=lambda code: pick(by_code[code], "region_name", lang))
    st.session_state[key] = list(chosen)
    return regions[regions["region_code"].isin(chosen)]


TARGET_LINE_PREFIX = "target_line"
# A status colour comes from seeds/progress_statuses.csv; anything but a #rrggbb value is drawn grey, so that a
# colour can never carry markup into the page.
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
FALLBACK_COLOUR = "#878787"


def safe_colour(colour: object) -> str:
    return colour if isinstance(colour, str) and HEX_COLOUR.fullmatch(colour) else FALLBACK_COLOUR


def judged_target(progress: pd.DataFrame, target_code: str, region_code: str) -> pd.Series | None:
    """The region's row of the progress picture (fct_indicator_progress_as_of) for a target, or None where the
    target does not apply to the region: the mart decides which targets apply."""
    rows = progress[(progress["target_code"] == target_code) & (progress["region_code"] == region_code)]
    return None if rows.empty else rows.iloc[0]


def target_line_name(row: pd.Series) -> str:
    """The name a target line carries in the figure ("target_line|GL_BALANCE_2025|500115"), so that a test can
    read every line drawn back and compare it with the mart."""
    return f"{TARGET_LINE_PREFIX}|{row['target_code']}|{row['region_code']}"


def draw_target(figure: go.Figure, row: pd.Series | None, level: float | None, label: str, *,
                label_position: str = "top left") -> None:
    """The target line at the level the mart judges `row` on, or say why there is none (not set by the city,
    not for this region, no level without a baseline)."""
    if row is None:
        note_on_chart(figure, t("target_not_for_region"))
    elif wording.missing(row["target_value"]):
        note_on_chart(figure, t("target_not_set_line"))
    elif level is None or wording.missing(level):
        note_on_chart(figure, t("target_level_unknown"))
    else:
        figure.add_hline(y=float(level), line_dash="dash", line_color=TARGET_COLOUR, annotation_text=label,
                         annotation_position=label_position, annotation_font_color=TARGET_COLOUR,
                         name=target_line_name(row))


def draw_target_level(figure: go.Figure, row: pd.Series | None, unit: str, *,
                      label_position: str = "top left") -> None:
    """The line at the target level in the measure's unit ("目标 90 亿元（2025 年末）"; a change target also
    says which: "目标 较 2020 年增长 200%：92.07 亿元（2025 年末）")."""
    level = None if row is None else row["target_level"]
    label = ""
    if row is not None and not wording.missing(level):
        value = wording.exact(round(float(level), 2), unit)
        if row["target_kind"] == "pct_change_vs_baseline" and not wording.missing(row["target_value"]):
            value = t("target_change_level", target=wording.target_text(row), level=value)
        label = t("target_line", value=f"{value} ({wording.period_label(row['target_deadline'])})")
    draw_target(figure, row, level, label, label_position=label_position)


def draw_path(figure: go.Figure, paths: pd.DataFrame, row: pd.Series | None, *, path_kind: str, name: str,
              colour: str, x_of=None) -> None:
    """The path fct_target_paths requires for `row`'s target, on the statistics basis `row` is judged on."""
    if row is None:
        return
    basis = "single_basis" if wording.missing(row["statistics_basis"]) else row["statistics_basis"]
    path = paths[(paths["target_code"] == row["target_code"]) & (paths["path_kind"] == path_kind)
                 & (paths["path_basis"] == basis)]
    if path.empty:
        return
    x = [x_of(day) for day in path["period_end"]] if x_of else list(path["period_end"])
    figure.add_scatter(x=x, y=path["path_value"], mode="lines", name=name, line={"dash": "dot", "color": colour},
                       meta={"target_code": row["target_code"], "path_kind": path_kind})


STATUS_BAR_HTML = ('<div style="background:#e6e6e6;border-radius:4px;height:8px;margin:4px 0 2px 0">'
                   '<div style="background:{colour};width:{width:.0f}%;height:8px;border-radius:4px"></div></div>'
                   '<div style="font-size:0.8em;color:#555">{text}</div>')


def status_bar(share: float, colour: str, text: str) -> None:
    """A progress bar in the status's colour (st.progress is always the theme's colour)."""
    width = 100 * min(max(share, 0.0), 1.0)
    st.markdown(STATUS_BAR_HTML.format(colour=safe_colour(colour), width=width, text=html.escape(text)),
                unsafe_allow_html=True)


AS_AT_KEY = "as_at_choice"
# The selector's first option: the latest picture, whichever quarter that is when the page is drawn. (A None
# option would be drawn as the widget's empty placeholder.)
LATEST = "latest"


def as_at_selector() -> None:
    """The sidebar's 数据截至 selector: the latest picture (the default, which follows new quarters as they are
    published) or any earlier quarter end. The choice lives in session state under AS_AT_KEY, so it holds on
    every page; the widget is one per language (`<key>_<lang>`) because a selectbox keeps its choice as the
    label shown, which the language switch changes."""
    quarters = data.as_at_quarters()
    if quarters.empty:
        return
    dates = list(quarters["as_at_date"])
    options = [LATEST, *dates[1:]]
    if st.session_state.get(AS_AT_KEY) not in options:
        st.session_state[AS_AT_KEY] = LATEST
    lang = language()
    widget_key = f"{AS_AT_KEY}_{lang}"

    def remember() -> None:
        st.session_state[AS_AT_KEY] = st.session_state[widget_key]

    st.selectbox(t("as_at_selector"), options, index=options.index(st.session_state[AS_AT_KEY]), key=widget_key,
                 on_change=remember,
                 format_func=lambda day: wording.as_at_label(None if day == LATEST else day, dates[0], lang))


def as_at() -> dt.date:
    """The quarter end every page shows the data at: the reader's choice, or the latest."""
    chosen = st.session_state.get(AS_AT_KEY, LATEST)
    return data.as_at_quarters()["as_at_date"].iloc[0] if chosen == LATEST else chosen


def looking_back() -> bool:
    return st.session_state.get(AS_AT_KEY, LATEST) != LATEST


def reference_day() -> dt.date:
    """The day deadlines are counted from: today, or the chosen quarter end when looking back."""
    return as_at() if looking_back() else dt.date.today()


def as_at_note() -> None:
    """Under each page title when an earlier quarter is chosen: the reader must not take it for today."""
    if looking_back():
        st.info(t("as_at_past_note", quarter=wording.quarter_name(as_at())))


MATRIX_CSS = """
<style>
.status-matrix {width:100%;border-collapse:collapse;table-layout:fixed;font-size:0.9rem}
.status-matrix th, .status-matrix td {border:1px solid #ddd;padding:4px 6px;vertical-align:middle;
  overflow-wrap:anywhere;word-break:break-word}
.status-matrix th {background:#f4f4f4;font-weight:600}
.status-matrix td.status {text-align:center;font-weight:600}
.status-matrix col.target {width:40%}
.status-legend span {display:inline-block;margin:2px 6px 2px 0}
@media (max-width: 640px) { .status-matrix {font-size:0.78rem} .status-matrix th, .status-matrix td {padding:3px} }
</style>
"""


def status_matrix(progress: pd.DataFrame, regions: pd.DataFrame, targets: pd.DataFrame,
                  statuses: pd.DataFrame) -> None:
    """Targets × regions, each cell the status word on its status colour (not colour alone); a target that does
    not apply to a region says so. Every name comes from the data: escaped. The legend is always shown."""
    lang = language()
    by_cell = {(row["target_code"], row["region_code"]): row for _, row in progress.iterrows()}
    header = "".join(f"<th>{html.escape(pick(region, 'region_name'))}</th>" for _, region in regions.iterrows())
    body = []
    for _, target in targets.iterrows():
        cells = []
        for _, region in regions.iterrows():
            row = by_cell.get((target["target_code"], region["region_code"]))
            if row is None:
                cells.append(f'<td class="status" style="color:#777">{html.escape(t("matrix_not_applicable"))}</td>')
                continue
            colour = safe_colour(row["status_colour"])
            cells.append(f'<td class="status" data-target="{html.escape(target["target_code"])}" '
                         f'style="background:{colour};color:{_text_colour(colour)}">'
                         f'{html.escape(str(row[f"status_name_{lang}"]))}</td>')
        body.append(f"<tr><td>{html.escape(pick(target, 'target_name'))}</td>{''.join(cells)}</tr>")
    columns = '<col class="target">' + "<col>" * len(regions)
    st.html(f'{MATRIX_CSS}<table class="status-matrix"><colgroup>{columns}</colgroup>'
            f'<thead><tr><th>{html.escape(t("matrix_target"))}</th>{header}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')
    used = statuses[statuses["status_code"].isin(set(progress["status_code"]))]
    legend = " ".join(f"<span>{status_badge(pick(status, 'status_name'), safe_colour(status['colour']))} "
                      f"{html.escape(pick(status, 'meaning'))}</span>" for _, status in used.iterrows())
    st.html(f'{MATRIX_CSS}<div class="status-legend"><b>{html.escape(t("matrix_legend"))}</b> {legend}</div>')
