"""What a data steward's file may look like: the Chinese headers accepted for each contract column, the
columns that carry money (and so a unit), the names accepted in place of codes, and what "the periods a file
covers" means for each source. scripts/ingestion/read_submission.py reads files with these rules; the templates
(scripts/ingestion/submission_templates.py) and seeds/README.md are generated from or checked against them.
"""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from scripts.configuration import paths
from scripts.configuration.quarters import quarter_code

# Bounds on what is read, checked before and while reading (a steward's quarter is a few hundred rows; the
# template has at most 10 columns). Reading stops at the first bound crossed, with a message saying which.
MAX_FILE_BYTES = 20 * 1024 * 1024  # also Streamlit's upload limit (.streamlit/config.toml server.maxUploadSize)
MAX_ROWS = 100_000  # rows of one sheet or CSV, header and title included
MAX_COLUMNS = 200  # cells of one row
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an XLSX is a zip: what its parts may unpack to, all together
MAX_ZIP_MEMBERS = 1_000
MAX_FILENAME_BYTES = 200  # a stored file name, in UTF-8 (most file systems allow 255)

SOURCE_NAMES = {  # source -> (zh, en), as the upload page and the templates name them
    "green_loans": ("绿色贷款专项统计", "Green-loan statistics"),
    "total_loans": ("各项贷款余额", "All loans"),
    "green_bonds": ("绿色债券发行", "Green bonds issued"),
    "regional_indicators": ("地区年度统计指标", "Annual regional indicators"),
    "institution_figures": ("金融机构绿色金融评价数据", "Institution figures for the green-finance evaluation"),
    "task_progress": ("重点任务进展", "Task progress"),
    "regions": ("地区（参考数据）", "Regions (reference data)"),
    "institutions": ("金融机构（参考数据）", "Institutions (reference data)"),
}
# The sources a department account may submit (scripts/administration/accounts.py, role department): its own tasks' progress.
DEPARTMENT_SOURCES = ("task_progress",)

# Accepted headers per contract column: the English name always; the Chinese ones below (the first is the
# template's). A header may also carry a unit in brackets, e.g. 余额（万元）.
COLUMN_HEADERS_ZH: dict[str, tuple[str, ...]] = {
    "region_code": ("地区", "地区代码", "地区名称", "行政区划代码"),
    "institution_code": ("机构", "机构代码", "机构名称", "金融机构"),
    "period_end": ("报告期", "统计日期", "期末日期", "日期"),
    "statistics_basis": ("统计口径", "口径"),
    "loan_use_category": ("贷款用途分类", "用途分类", "贷款用途"),
    "carbon_effect": ("碳减排效应", "碳减排效益"),
    "balance": ("余额", "贷款余额", "期末余额", "绿色贷款余额", "各项贷款余额"),
    "amount_unit": ("金额单位", "单位"),
    "provenance": ("数据性质",),
    "bond_code": ("债券代码",),
    "bond_name": ("债券名称", "债券全称", "债券简称"),
    "issuer_name": ("发行人", "发行人名称", "发行主体"),
    "issue_date": ("发行日期", "发行日"),
    "amount": ("发行金额", "发行规模", "金额"),
    "bond_type": ("债券类型", "债券品种"),
    "market": ("发行市场", "市场"),
    "year": ("年份", "年度"),
    "indicator_code": ("指标", "指标代码", "指标名称"),
    "value": ("数值", "指标值"),
    "unit": ("计量单位", "单位"),
    "figure_code": ("评价数据项", "数据项"),
    "scored_by": ("评分人", "评分单位"),
    "scored_on": ("评分日期",),
    "task_no": ("任务编号", "任务序号", "任务号"),
    "status_code": ("进展状态", "任务状态", "状态"),
    "as_of_date": ("截至日期", "截止日期", "报告日期"),
    "work_done": ("已完成工作", "工作进展", "完成情况"),
    "next_step": ("下一步计划", "下一步工作"),
    "reporting_department": ("报送部门", "报送单位"),
    "region_name_zh": ("地区中文名", "中文名称"),
    "region_name_en": ("地区英文名", "英文名称"),
    "province_zh": ("所属省市", "省份"),
    "province_en": ("所属省市英文名",),
    "admin_level": ("行政级别",),
    "is_pilot_zone": ("是否试验区",),
    "institution_name_zh": ("机构中文名", "机构全称"),
    "institution_name_en": ("机构英文名",),
    "institution_type": ("机构类型",),
}

# The column holding an amount and the column holding its unit. A file may declare the unit per row (the unit
# column), in the amount's header (余额（万元）) or on a line above the header (单位：万元). A source not listed
# (task progress, reference data) has no amount: no unit to declare, no total row.
AMOUNT_COLUMNS = {
    "green_loans": ("balance", "amount_unit"),
    "total_loans": ("balance", "amount_unit"),
    "green_bonds": ("amount", "amount_unit"),
    "regional_indicators": ("value", "unit"),
    "institution_figures": ("value", "unit"),
}
# Sources whose rows are different measures, each in its own unit (an indicator, an institution's figure): the
# unit is the row's, and no total row adds them up.
MIXED_UNIT_SOURCES = ("regional_indicators", "institution_figures")
# The canonical money unit; every other unit's factor to it is in seeds/unit_conversions.csv (money_factors).
CANONICAL_MONEY_UNIT = "亿元"
# A file may omit these columns: a steward's submission is official statistics unless it says otherwise, and
# the unit may be declared once for the whole file.
OPTIONAL_COLUMNS = {"provenance": "official", "work_done": "", "next_step": "", "scored_by": "", "scored_on": ""}
TOTAL_ROW_LABELS = ("合计", "总计", "total", "grandtotal")
SUBTOTAL_ROW_LABELS = ("小计", "subtotal")
PROVENANCE_NAMES = {"正式": "official", "正式统计": "official", "官方": "official", "示例": "sample",
                    "示例数据": "sample"}

DATE_COLUMNS = ("period_end", "issue_date", "as_of_date", "scored_on")
QUARTER_END_COLUMNS = ("period_end", "as_of_date")  # a quarter (2025Q4, 2025年四季度) means its last day here
# The column a source's periods are named by, as a steward names them (bonds: the quarters covered).
PERIOD_COLUMNS = {"green_loans": "period_end", "total_loans": "period_end", "regional_indicators": "year",
                  "task_progress": "as_of_date", "institution_figures": "period_end"}


@dataclass(frozen=True)
class CodeList:
    """A coded column: which seed lists the codes and which of its columns hold names a file may use instead."""
    seed: str
    code_column: str
    name_columns: tuple[str, ...]
    scope_column: str | None = None  # the seed column another cell of the row must match (category: basis)
    scope_row_column: str | None = None


CODE_LISTS = {
    "region_code": CodeList("regions", "region_code", ("region_name_zh", "region_name_en")),
    "institution_code": CodeList("institutions", "institution_code", ("institution_name_zh", "institution_name_en")),
    "statistics_basis": CodeList("statistics_bases", "statistics_basis", ("basis_name_zh", "basis_name_en")),
    "loan_use_category": CodeList("green_loan_categories", "category_code", ("category_name_zh", "category_name_en"),
                                  scope_column="statistics_basis", scope_row_column="statistics_basis"),
    "carbon_effect": CodeList("carbon_effects", "carbon_effect_code", ("carbon_effect_name_zh",
                                                                       "carbon_effect_name_en")),
    "bond_type": CodeList("bond_types", "bond_type_code", ("bond_type_name_zh", "bond_type_name_en")),
    "market": CodeList("bond_markets", "market_code", ("market_name_zh", "market_name_en")),
    "indicator_code": CodeList("regional_indicator_definitions", "indicator_code",
                               ("indicator_name_zh", "indicator_name_en")),
    "figure_code": CodeList("institution_figure_definitions", "figure_code", ("figure_name_zh", "figure_name_en")),
    "status_code": CodeList("task_statuses", "status_code", ("status_name_zh", "status_name_en")),
    "reporting_department": CodeList("departments", "department_name_zh", ("department_name_en",)),
    "institution_type": CodeList("institution_types", "institution_type", ("type_name_zh", "type_name_en")),
}
# Reference lists that submissions extend: seed -> its key column. The raw source of the same name holds the
# submitted rows; a submitted row replaces the seed's row with the same key (dbt: int_<seed>_unioned).
SUBMITTED_REFERENCE = {"regions": "region_code", "institutions": "institution_code"}


@cache
def seed_rows(seed: str) -> tuple[dict, ...]:
    with (paths.SEEDS_DIR / f"{seed}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def money_factors() -> dict[str, Decimal]:
    """Each money unit a file may use and its factor to 亿元, smallest unit first, read from
    seeds/unit_conversions.csv: the one owner of unit factors (dbt's staging and the quality gate read it too)."""
    factors = {row["unit"]: Decimal(row["factor_to_canonical"]) for row in seed_rows("unit_conversions")
               if row["canonical_unit"] == CANONICAL_MONEY_UNIT}
    return dict(sorted(factors.items(), key=lambda item: item[1]))


def money_units() -> tuple[str, ...]:
    """万元, 亿元: the money units a file may use."""
    return tuple(money_factors())


def merged_reference(seed: str, seeded, submitted) -> list[dict]:
    """A reference list as the pipeline sees it: the submitted rows, then the seed's rows whose key no submitted
    row has (the same rule as dbt's int_<seed>_unioned)."""
    key = SUBMITTED_REFERENCE[seed]
    submitted = [{column: str(value or "").strip() for column, value in row.items()} for row in submitted]
    replaced = {row[key] for row in submitted}
    return submitted + [dict(row) for row in seeded if str(row[key]).strip() not in replaced]


def reference_rows(seed: str, submitted: Mapping[str, Sequence[dict]] | None = None) -> Sequence[dict]:
    """The rows of a seed, with the submitted rows of the lists submissions extend (SUBMITTED_REFERENCE)."""
    if seed not in SUBMITTED_REFERENCE or not (submitted or {}).get(seed):
        return seed_rows(seed)
    return merged_reference(seed, seed_rows(seed), submitted[seed])


def code_for(column: str, text: str, row: dict[str, str],
             submitted: Mapping[str, Sequence[dict]] | None = None) -> str:
    """The code a cell names: the code itself, or a name listed beside it in the seed (or, for regions and
    institutions, in the `submitted` rows). An unknown value is returned as written, for the quality gate to
    report with its rule."""
    code_list = CODE_LISTS[column]
    wanted = normalised_text(text)
    for entry in reference_rows(code_list.seed, submitted):
        if code_list.scope_column and entry[code_list.scope_column] != row.get(code_list.scope_row_column):
            continue
        if wanted in {normalised_text(entry[name]) for name in (code_list.code_column, *code_list.name_columns)}:
            return entry[code_list.code_column]
    return text


def normalised_text(text: str) -> str:
    """For comparing labels: no spaces (half- or full-width), ASCII brackets, lower case."""
    return "".join(str(text).split()).replace("（", "(").replace("）", ")").replace("：", ":").lower()


# The columns that say which slice (coverage_key) a row of each source is in.
COVERAGE_COLUMNS = {
    "green_loans": ("region_code", "period_end", "statistics_basis"),
    "total_loans": ("region_code", "period_end"),
    "regional_indicators": ("region_code", "year", "indicator_code"),
    # A figure of an institution's quarter: the office's scores replace only the scores, not the loans office's figures.
    "institution_figures": ("institution_code", "period_end", "figure_code"),
    **{source: (key,) for source, key in SUBMITTED_REFERENCE.items()},
    "task_progress": ("task_no", "as_of_date"),
    "green_bonds": ("region_code", "issue_date"),
}
# Sources whose slice is a quarter that the coverage columns' date falls in, not the date itself.
QUARTER_OF_DATE = {"task_progress", "green_bonds"}


def coverage_key(source: str, row: dict[str, str]) -> tuple[str, ...]:
    """The slice of a source a row belongs to. A later submission replaces every earlier row (sample or
    submitted) in the slices it covers: a region's quarter (and basis) of loans, a region's indicator for a
    year, a region's quarter of bond issues, a task's quarter of progress reports, a region's or an
    institution's reference row."""
    cells = tuple(str(row.get(column) or "").strip() for column in COVERAGE_COLUMNS[source])
    if source not in QUARTER_OF_DATE:
        return cells
    # A task's quarter (a later report for the same quarter corrects the earlier); a region's quarter of bonds.
    owner, day = cells
    try:
        return owner, quarter_code(dt.date.fromisoformat(day))
    except ValueError:  # an unreadable date covers nothing but itself; the quality gate reports it
        return owner, day


# Green loans and all loans of a region's quarter are only meaningful together: the share needs both, and the
# marts hold a quarter only where both exist. A submission of one for a quarter the other does not have yet
# waits for it (scripts/publishing/ingest.py) instead of being rejected or half-published.
PARTNER_SOURCES = {"green_loans": "total_loans", "total_loans": "green_loans"}


def partner_slice(source: str, key: tuple[str, ...]) -> tuple[str, str]:
    """The part of a coverage key (coverage_key) the two partner sources share: region and quarter end."""
    return key[0], key[1]
