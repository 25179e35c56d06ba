"""The pieces every page is built from: page header with the sample banner, charts with target lines and a
source line, tables with a CSV download, the region switch and status badges."""
from __future__ import annotations

import datetime as dt
import html
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


def page_header(title_key: str, *, sample: bool) -> None:
    st.title(t(title_key))
    sample_banner(sample)


def sample_banner(sample: bool) -> None:
    """Shown whenever any figure on the page is synthetic."""
    if sample:
        st.warning(t("sample_banner"))


def region_page(title_key: str, key: str) -> pd.Series:
    """The top of a page about one region: its title and the region switch; returns the region chosen."""
    require_database()
    st.title(t(title_key))
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


def target_hline(figure: go.Figure, value: float, label: str) -> None:
    figure.add_hline(y=value, line_dash="dash", line_color=TARGET_COLOUR, annotation_text=label,
                     annotation_position="top left", annotation_font_color=TARGET_COLOUR)


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


def applicable_target(targets: pd.DataFrame, target_code: str, region_code: str) -> pd.Series | None:
    """The registry row of a target if it applies to the region, else None."""
    rows = targets[targets["target_code"] == target_code]
    if rows.empty:
        return None
    row = rows.iloc[0]
    applies = bool(row["applies_to_all_regions"]) or row["set_for_region_code"] == region_code
    return row if applies else None


def draw_target(figure: go.Figure, target: pd.Series | None, level: float | None, label: str) -> None:
    """A target line at `level`, or say why there is none (not set by the city / not for this region)."""
    if target is None:
        note_on_chart(figure, t("target_not_for_region"))
    elif pd.isna(target["target_value"]) or level is None:
        note_on_chart(figure, t("target_not_set_line"))
    else:
        target_hline(figure, level, label)
