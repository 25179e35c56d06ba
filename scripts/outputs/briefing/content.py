"""The briefing's content model: what the leading group reads for one published quarter, as headings,
sentences, tables and charts, in one language. The PDF (pdf.py) and the Word file (word.py) only lay it out.

Every number comes from the published marts as they stood at the quarter's end (fct_indicator_progress_as_of,
fct_region_credit_quarterly, ... up to `as_at`), read through scripts/outputs/queries.py, and every sentence
from the text catalog through scripts/outputs/wording.py, as the dashboard says it. The headings are numbered
as GB/T 9704 numbers an official document's: 一、 then （一）.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from scripts.configuration import quarters, regions as region_choice
from scripts.configuration.text import pick, t
from scripts.outputs import queries, target_groups, wording
from scripts.outputs.briefing import charts

QUARTER_CODE = re.compile(r"(\d{4})Q([1-4])")
NUMERALS_ZH = "一二三四五六七八九十"
# The measures the summary states after the credit sentence, in this order (the bond, energy and forest figures).
SUMMARY_MEASURES = ("green_bond_issuance", "energy_intensity", "forest_coverage", "forest_stock")
TASKS_NEEDING_ATTENTION = ("behind", "not_started", "not_reported")
OFFICIAL = "official"


class BriefingError(ValueError):
    """A briefing that cannot be made (a quarter not written as 2026Q3, or not published): both languages."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths


@dataclass(frozen=True)
class Section:
    heading: str  # numbered: "一、总体情况", "（一）当前目标"
    blocks: tuple[str | Table | tuple[charts.Chart, ...], ...] = ()  # sentences, tables, a grid of charts
    subsections: tuple["Section", ...] = ()


@dataclass(frozen=True)
class Briefing:
    lang: str
    as_at: dt.date
    quarter_code: str  # 2026Q3
    title: str
    subtitle: str
    issued: str
    sample: bool
    watermark: str | None  # on every page when any figure is synthetic
    mark_note: str  # sample or official, said in words under the title
    sections: tuple[Section, ...] = field(default=())


def quarter_end(code: str) -> dt.date:
    """2026Q3 -> 2026-09-30."""
    found = QUARTER_CODE.fullmatch(code.strip()) if isinstance(code, str) else None
    if not found:
        raise BriefingError(f"{t('briefing_bad_quarter', 'zh', value=code)} / {t('briefing_bad_quarter', 'en', value=code)}")
    return quarters.quarter_end(int(found.group(1)), int(found.group(2)))


def newest_quarter(connection: duckdb.DuckDBPyConnection) -> dt.date:
    """The newest published quarter's end: the briefing's quarter when none is asked for."""
    published_quarters = frame(connection, queries.AS_AT_QUARTERS_SQL)
    if published_quarters.empty:
        raise BriefingError(f"{t('briefing_nothing_published', 'zh')} / {t('briefing_nothing_published', 'en')}")
    return published_quarters["as_at_date"].iloc[0]


def frame(connection: duckdb.DuckDBPyConnection, sql: str, **parameters) -> pd.DataFrame:
    return queries.read(connection, sql, parameters)


def numbered(level: int, index: int, text: str, lang: str) -> str:
    """一、 / （一） in Chinese; 1. / 1.1 in English (index from 1; `level` 1 or 2)."""
    if lang == "zh":
        numeral = NUMERALS_ZH[index - 1]
        return f"{numeral}、{text}" if level == 1 else f"（{numeral}）{text}"
    return f"{index}. {text}"


def is_sample(*provenance_columns) -> bool:
    return any(value is not None and not pd.isna(value) and value != OFFICIAL
               for column in provenance_columns for value in column)


def status_cell(row: dict, lang: str) -> str:
    """The status; for a target missed at its deadline and met later, when it was met (words_met_later)."""
    status = pick(row, "status_name", lang)
    if not wording.missing(row.get("met_after_deadline_on")):
        return status + t("words_met_later", lang, period=wording.period_label(row["met_after_deadline_on"], lang))
    return status


def target_table(rows: pd.DataFrame, lang: str) -> Table:
    """One line per target: its name, the target and deadline, the figure it is judged on, its status."""
    lines = []
    for row in rows.to_dict("records"):
        figure = wording.headline(row, lang)
        if not wording.missing(row["as_of_date"]):
            figure = f"{figure}（{wording.period_label(row['as_of_date'], lang)}）" if lang == "zh" else \
                f"{figure} ({wording.period_label(row['as_of_date'], lang)})"
        lines.append((pick(row, "target_name", lang), wording.target_line(row, lang), figure, status_cell(row, lang)))
    return Table(header=(t("briefing_col_indicator", lang), t("briefing_col_target", lang),
                         t("briefing_col_figure", lang), t("briefing_col_status", lang)),
                 rows=tuple(lines), widths=(26, 30, 26, 18))


def credit_sentence(credit: pd.DataFrame, region: str, as_at: dt.date, lang: str) -> str:
    """The PBoC's sentence: 截至X，绿色贷款余额X亿元，同比增长X%，增速高于各项贷款X个百分点，占各项贷款X%。
    At the region's latest quarter up to `as_at` on its preferred basis."""
    preferred = credit[credit["is_preferred_basis"]]
    if preferred.empty:
        return t("briefing_credit_none", lang, period=wording.period_label(as_at, lang), region=region)
    row = preferred.iloc[-1].to_dict()
    parts = [t("briefing_credit_balance", lang, period=wording.period_label(row["period_end"], lang), region=region,
               balance=wording.quantity(float(row["green_loan_balance_100m_cny"]), "亿元"))]
    if wording.missing(row["yoy_growth_pct"]):
        parts.append(t("briefing_credit_basis_break" if row["growth_method"] == "basis_break"
                       else "briefing_credit_no_year_earlier", lang))
    else:
        parts.append(t("briefing_credit_growth", lang, growth=wording.change(row["yoy_growth_pct"], lang)))
        gap = row["growth_above_total_loans_pp"]
        if not wording.missing(gap):
            points = f"{abs(gap):.1f}"
            key = "briefing_credit_level" if points == "0.0" else \
                "briefing_credit_above" if gap > 0 else "briefing_credit_below"
            parts.append(t(key, lang, points=points))
    if not wording.missing(row["green_loan_share_pct"]):
        parts.append(t("briefing_credit_share", lang, share=f"{row['green_loan_share_pct']:.1f}%"))
    return ("，".join(parts) + "。") if lang == "zh" else (", ".join(parts) + ".")


def measure_sentences(pilot: pd.DataFrame, as_at: dt.date, lang: str) -> list[str]:
    """The bond, energy and forest equivalents: per measure, the target it is reported against
    (target_groups.headline_target), with the figure it is judged on and its status."""
    sentences = []
    for measure in SUMMARY_MEASURES:
        row = target_groups.headline_target(pilot, measure, as_at)
        if row is None:
            continue
        sentences.append(t("briefing_measure_sentence", lang, name=pick(row, "target_name", lang),
                           label=wording.headline_label(row, lang), value=wording.headline(row, lang),
                           target=wording.target_line(row, lang), status=pick(row, "status_name", lang)))
    return sentences


def targets_section(progress: pd.DataFrame, pilot: pd.DataFrame, consistency: pd.DataFrame,
                    contributions: pd.DataFrame, as_at: dt.date, lang: str) -> list[Section]:
    """After a deadline, each ended plan's scorecard (with the note where its conditions disagree); then the
    targets still running, with the pilot zone's contribution to the city's."""
    subsections = []
    for rows in target_groups.ended_plans(pilot, as_at):
        first = rows.iloc[0]
        checks = consistency[consistency["floor_is_weaker"] & consistency["floor_target_code"].isin(rows["target_code"])]
        notes = [wording.consistency_note(check, lang)
                 for check in checks.drop_duplicates(["floor_target_code", "level_required"]).to_dict("records")]
        heading = t("scorecard_section", lang, year=max(rows["target_deadline"]).year, plan=pick(first, "plan_title", lang))
        subsections.append((heading, (target_table(rows, lang), *notes)))
    current = target_groups.current_targets(progress, pilot, as_at)
    if not current.empty:
        region = pick(pilot.iloc[0], "region_name", lang)
        lines = [wording.contribution_line(row, region, lang) for row in contributions.to_dict("records")]
        subsections.append((t("briefing_section_current", lang), (target_table(current, lang), *lines)))
    return [Section(heading=numbered(2, index, heading, lang), blocks=blocks)
            for index, (heading, blocks) in enumerate(subsections, start=1)]


def comparison_table(comparison: pd.DataFrame, shown: list[str], names: dict[str, str], lang: str) -> Table:
    """Per measure of fct_region_comparison, each region's newest figure up to the quarter, with its year."""
    lines = []
    for _, rows in comparison[comparison["region_code"].isin(shown)].groupby("metric_sort_order", sort=True):
        first = rows.iloc[0]
        cells = [f"{pick(first, 'metric_name', lang)}（{first['unit']}）" if lang == "zh"
                 else f"{pick(first, 'metric_name', lang)} ({first['unit']})"]
        for code in shown:
            mine = rows[rows["region_code"] == code]
            if mine.empty or wording.missing(mine.iloc[-1]["value"]):
                cells.append(t("no_data", lang))
            else:
                newest = mine.iloc[-1]
                cells.append(f"{newest['value']:.2f}（{int(newest['year'])}）" if lang == "zh"
                             else f"{newest['value']:.2f} ({int(newest['year'])})")
        lines.append(tuple(cells))
    return Table(header=(t("briefing_col_metric", lang), *(names[code] for code in shown)), rows=tuple(lines),
                 widths=(40, *([60 // len(shown)] * len(shown))))


def tasks_blocks(tasks: pd.DataFrame, statuses: pd.DataFrame, lang: str) -> tuple[str | Table, ...]:
    counts = tasks["status_code"].value_counts()
    said = [t("briefing_tasks_count", lang, status=pick(status, "status_name", lang),
              count=int(counts.get(status["status_code"], 0))) for status in statuses.to_dict("records")]
    separator = "、" if lang == "zh" else ", "
    judged_on = wording.period_label(tasks["judged_on"].iloc[0], lang) if not tasks.empty else ""
    blocks: list[str | Table] = [t("briefing_tasks_counts", lang, total=len(tasks), counts=separator.join(said))]
    attention = tasks[tasks["status_code"].isin(TASKS_NEEDING_ATTENTION)]
    if attention.empty:
        blocks.append(t("briefing_tasks_none", lang, judged_on=judged_on))
        return tuple(blocks)
    blocks.append(t("briefing_tasks_attention", lang, judged_on=judged_on))
    blocks.append(Table(
        header=(t("task_no", lang), t("task", lang), t("lead_department", lang), t("status", lang),
                t("briefing_col_days_overdue", lang)),
        rows=tuple((str(row["task_no"]), pick(row, "task_title", lang), pick(row, "lead_department", lang),
                    pick(row, "status_name", lang),
                    "" if wording.missing(row["days_overdue"]) or not row["is_overdue"] else str(int(row["days_overdue"])))
                   for row in attention.to_dict("records")),
        widths=(8, 44, 24, 12, 12)))
    return tuple(blocks)


def _by_source(items: list[tuple[str, str, dt.date]], names: dict[str, str], lang: str) -> str:
    """"金融机构绿色贷款专项统计（长寿区 2024 年末，广安市 2026 年二季度末）；…": one entry per source."""
    grouped: dict[str, list[str]] = {}
    for source, region_code, period in items:
        grouped.setdefault(source, []).append(f"{names[region_code]} {wording.period_label(period, lang)}")
    comma, separator = ("，", "；") if lang == "zh" else (", ", "; ")
    return separator.join(t("briefing_data_source", lang, source=t(f"src_{source}", lang), periods=comma.join(periods))
                          for source, periods in grouped.items())


def data_blocks(freshness: pd.DataFrame, bases: pd.DataFrame, shown: list[str], names: dict[str, str],
                as_at: dt.date, sample: bool, lang: str, today: dt.date) -> tuple[str, ...]:
    """Sources with the latest period of each, the sources overdue, the statistics-basis break, the rounding
    and whether any figure is synthetic."""
    rows = freshness[freshness["region_code"].isin(shown)].to_dict("records")
    blocks = [t("briefing_data_sources", lang, sources=_by_source(
        [(row["source"], row["region_code"], row["latest_period"]) for row in rows
         if not wording.missing(row["latest_period"])], names, lang))]
    overdue = [(row["source"], row["region_code"], row["next_period_end"]) for row in rows
               if not wording.missing(row["next_due_date"]) and today > row["next_due_date"]]
    if overdue:
        blocks.append(t("briefing_data_overdue", lang, sources=_by_source(overdue, names, lang)))
    for basis in bases.to_dict("records"):
        if basis["effective_from"] <= as_at and not wording.missing(basis["effective_from"]) \
                and basis["effective_from"] != bases["effective_from"].min():
            blocks.append(t("briefing_data_basis_break", lang, date=basis["effective_from"].isoformat(),
                            basis=pick(basis, "basis_name", lang)))
    blocks.append(t("briefing_data_rounding", lang))
    blocks.append(t("briefing_sample_note" if sample else "briefing_official_note", lang))
    return tuple(blocks)


def build(connection: duckdb.DuckDBPyConnection, as_at: dt.date, lang: str, published_at: dt.datetime,
          today: dt.date | None = None) -> Briefing:
    """The briefing for the quarter ending `as_at`, from the marts `connection` reads (unqualified names)."""
    today = today or dt.date.today()
    published_quarters = frame(connection, queries.AS_AT_QUARTERS_SQL)
    if as_at not in set(published_quarters["as_at_date"]):
        listed = ", ".join(quarters.quarter_code(day) for day in published_quarters["as_at_date"])
        raise BriefingError(" / ".join(t("briefing_unknown_quarter", language, quarter=quarters.quarter_code(as_at),
                                         quarters=listed) for language in ("zh", "en")))
    progress = frame(connection, queries.PROGRESS_AS_AT_SQL, as_at=as_at)
    pilot = progress[progress["is_pilot_zone"]]
    pilot_code = pilot["region_code"].iloc[0]
    all_regions = frame(connection, queries.REGIONS_SQL)
    names = {row["region_code"]: pick(row, "region_name", lang) for row in all_regions.to_dict("records")}
    shown = [pilot_code, *region_choice.default_peers(all_regions["region_code"], [pilot_code])]
    credit = {code: frame(connection, queries.REGION_CREDIT_SQL, region_code=code, as_at=as_at) for code in shown}
    paths = frame(connection, queries.TARGET_PATHS_SQL, region_code=pilot_code)
    series = {measure: frame(connection, queries.MEASURE_SERIES_SQL, region_code=pilot_code, measure_code=measure,
                             as_at=as_at) for measure in ("green_bond_issuance", "energy_intensity")}
    comparison = frame(connection, queries.COMPARISON_SQL, as_at=as_at)
    tasks = frame(connection, queries.TASKS_SQL)
    statuses = frame(connection, queries.TASK_STATUSES_SQL)
    freshness = frame(connection, queries.SOURCE_FRESHNESS_SQL)
    bases = frame(connection, queries.STATISTICS_BASES_SQL)
    consistency = frame(connection, queries.CONSISTENCY_SQL)
    contributions = frame(connection, queries.CONTRIBUTIONS_SQL, region_code=pilot_code, as_at=as_at)

    shown_progress = progress[progress["region_code"].isin(shown)]
    sample = is_sample(shown_progress["provenance"], *(frame_["provenance"] for frame_ in credit.values()),
                       *(frame_["provenance"] for frame_ in series.values()),
                       comparison.loc[comparison["region_code"].isin(shown), "provenance"], tasks["status_source"])
    region = names[pilot_code]
    partner = shown[1] if len(shown) > 1 else None
    sections = [
        Section(heading=numbered(1, 1, t("briefing_section_summary", lang), lang),
                blocks=(credit_sentence(credit[pilot_code], region, as_at, lang),
                        *measure_sentences(pilot, as_at, lang))),
        Section(heading=numbered(1, 2, t("briefing_section_targets", lang), lang),
                subsections=tuple(targets_section(progress, pilot, consistency, contributions, as_at, lang))),
        Section(heading=numbered(1, 3, t("briefing_section_trends", lang), lang),
                blocks=(charts.briefing_charts(pilot, credit[pilot_code], paths, series, lang),)),
    ]
    if partner:
        sections.append(Section(
            heading=numbered(1, 4, t("briefing_section_comparison", lang, partner=names[partner]), lang),
            blocks=(" ".join(credit_sentence(credit[code], names[code], as_at, lang) for code in shown),
                    comparison_table(comparison, shown, names, lang))))
    sections.append(Section(heading=numbered(1, len(sections) + 1, t("briefing_section_tasks", lang), lang),
                            blocks=tasks_blocks(tasks, statuses, lang)))
    sections.append(Section(heading=numbered(1, len(sections) + 1, t("briefing_section_data", lang), lang),
                            blocks=data_blocks(freshness, bases, shown, names, as_at, sample, lang, today)))
    quarter = wording.quarter_name(as_at, lang)
    return Briefing(
        lang=lang, as_at=as_at, quarter_code=quarters.quarter_code(as_at), title=t("briefing_title", lang, region=region),
        subtitle=t("briefing_subtitle", lang, quarter=quarter),
        issued=t("briefing_issued", lang, published=f"{published_at:%Y-%m-%d %H:%M}",
                 as_at=wording.period_label(as_at, lang)),
        sample=sample, watermark=t("briefing_watermark", lang) if sample else None,
        mark_note=t("briefing_sample_note" if sample else "briefing_official_note", lang), sections=tuple(sections))
