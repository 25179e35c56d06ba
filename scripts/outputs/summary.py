"""A short progress summary of the published marts, printed by the main job: per region and target, the status,
then in Chinese and in English the figure it is judged on (with its period), the target and its deadline, and
what it means, in the same words as the dashboard (scripts/outputs/wording.py, scripts/configuration/text.py).
Synthetic figures are flagged."""
from __future__ import annotations

from pathlib import Path

from scripts.configuration import db
from scripts.outputs import wording
from scripts.configuration.text import LANGUAGES, both, pick, t

PROGRESS_SQL = """
select progress.*, indicator.baseline_year
from fct_indicator_progress_latest as progress
join dim_indicator as indicator on indicator.target_code = progress.target_code
join dim_region as region on region.region_code = progress.region_code
order by region.is_pilot_zone desc, progress.region_code, progress.display_order
"""


def figure_words(row: dict, lang: str) -> str:
    """The figure the status is judged on, in the target's terms, with its period (a balance is never shown as
    a growth rate), and the level it means when the target is a change."""
    label = t("card_label", lang, label=wording.headline_label(row, lang))
    figure = f"{label}{'' if lang == 'zh' else ' '}{wording.headline(row, lang)}"
    level = wording.level_caption(row, lang)
    if not level:
        return figure
    return f"{figure}（{level}）" if lang == "zh" else f"{figure} ({level})"


def target_lines(row: dict) -> list[str]:
    lines = [f"  {row['target_name_zh']} ({row['target_name_en']}) — {row['status_name_zh']} / "
             f"{row['status_name_en']}"]
    for lang in LANGUAGES:
        parts = [figure_words(row, lang), wording.target_line(row, lang), wording.plain_words(row, lang),
                 wording.status_reason(row, lang), wording.newer_figure(row, lang)]
        lines.append("    " + " | ".join(part for part in parts if part))
    return lines


def render(db_path: Path) -> str:
    with db.reading_marts(db_path) as connection:
        rows = db.records(connection, PROGRESS_SQL)
    lines = [both("summary_title")]
    if any(row["provenance"] not in (None, "official") for row in rows):
        lines.append(both("summary_sample_banner"))
    current_region = None
    for row in rows:
        if row["region_code"] != current_region:
            current_region = row["region_code"]
            lines.append(f"\n{pick(row, 'region_name', 'zh')} {pick(row, 'region_name', 'en')}")
        lines += target_lines(row)
    return "\n".join(lines)
