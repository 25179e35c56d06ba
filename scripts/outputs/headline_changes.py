"""What a published package changed in the headline figures: each measure of fct_measure_observations (the
figures the targets are judged on) for the package's regions, before and after, e.g.
绿色贷款余额 长寿区 2026-09-30: 101.65 → 102.40 亿元. Both sides are read from the marts of the old and the new
published file; nothing is computed here but the comparison.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from scripts.configuration import db

CHANGES_SHOWN = 12
DECIMALS = 2  # as the dashboard's cards show 亿元 and %

# A measure is named as its first target in the registry names it (GL_BALANCE_2025: 绿色贷款余额).
FIGURES_SQL = """
with names as (
    select measure_code, arg_min(target_name_zh, display_order) as name_zh,
        arg_min(target_name_en, display_order) as name_en
    from dim_indicator
    group by measure_code
)

select observations.region_code, region.region_name_zh, region.region_name_en, observations.measure_code,
    names.name_zh, names.name_en, observations.period_end, observations.value, observations.unit
from fct_measure_observations as observations
inner join names using (measure_code)
inner join dim_region as region using (region_code)
where list_contains($regions, observations.region_code)
"""


@dataclass(frozen=True)
class HeadlineChange:
    measure_zh: str
    measure_en: str
    region_zh: str
    region_en: str
    period_end: str
    before: float | None
    after: float | None
    unit: str

    def text(self, language: str = "zh") -> str:
        def shown(value: float | None) -> str:
            return "—" if value is None else f"{value:,.{DECIMALS}f}"

        measure, region = ((self.measure_zh, self.region_zh) if language == "zh"
                           else (self.measure_en, self.region_en))
        return f"{measure} {region} {self.period_end}: {shown(self.before)} → {shown(self.after)} {self.unit}"


def figures(db_path: Path, regions: list[str]) -> dict[tuple, dict]:
    if not db_path.exists() or not regions:
        return {}
    try:
        with db.reading_marts(db_path) as connection:
            cursor = connection.execute(FIGURES_SQL, {"regions": regions})
            columns = [description[0] for description in cursor.description]
            rows = [dict(zip(columns, row)) for row in cursor.fetchall()]
    except duckdb.CatalogException:  # a file from before the marts (or their schema) existed
        return {}
    return {(row["region_code"], row["measure_code"], row["period_end"]): row for row in rows}


def changes(before: dict[tuple, dict], after: dict[tuple, dict]) -> list[HeadlineChange]:
    """Every figure that appeared, disappeared or changed at the shown precision, newest first."""
    found = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        old_value, new_value = (None if row is None else row["value"] for row in (old, new))
        if old_value is not None and new_value is not None and round(old_value, DECIMALS) == round(new_value,
                                                                                                     DECIMALS):
            continue
        row = new or old
        found.append(HeadlineChange(row["name_zh"], row["name_en"], row["region_name_zh"], row["region_name_en"],
                                    row["period_end"].isoformat(), old_value, new_value, row["unit"]))
    return sorted(found, key=lambda change: (change.period_end, change.region_zh, change.measure_zh),
                  reverse=True)[:CHANGES_SHOWN]
