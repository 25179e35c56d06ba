"""The file templates data stewards fill in, one per raw source, as XLSX (a data sheet and a notes sheet) and
as CSV (UTF-8 with BOM, so that Excel opens it in Chinese). They are committed in scripts/ingestion/templates/ (linked
from the README) and offered on the dashboard's submission page; tests/test_submissions.py checks that the
committed files are what this module writes.

Usage: python -m scripts.ingestion.submission_templates [--out DIR]   (default: scripts/ingestion/templates/)
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from pathlib import Path

from scripts.configuration import paths, raw_contract
from scripts.configuration.submission_format import (AMOUNT_COLUMNS, CODE_LISTS, COLUMN_HEADERS_ZH,
                                       MIXED_UNIT_SOURCES, OPTIONAL_COLUMNS, SOURCE_NAMES, money_units,
                                       seed_rows)

TEMPLATES_DIR = paths.TEMPLATES_DIR
DATA_SHEET, NOTES_SHEET = "数据 data", "说明 notes"
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)  # workbook properties: the same file every time it is written

COLUMN_NOTES_ZH = {
    "region_code": "地区：行政区划代码或名称",
    "institution_code": "报送机构：机构代码或全称（须属于该地区）",
    "period_end": "报告期：季末日期，如 2025-12-31，也可写 2025Q4 或 2025年四季度",
    "statistics_basis": "统计口径：GL2019（2019年版目录）或 GF2025（2025年版目录，自 2025-10-01 起）；"
                        "2025-09-30 请按两种口径各报一次",
    "loan_use_category": "贷款用途分类：代码或名称（须属于本行的统计口径）",
    "carbon_effect": "碳减排效应：代码或名称",
    "balance": "季末余额：数字，可带千位分隔符",
    "amount_unit": "金额单位：万元 或 亿元。可省略此列，改在金额表头注明（如 余额（万元））或在表头上方写“单位：万元”",
    "provenance": "数据性质：official（正式统计）或 sample（示例）；留空或省略此列即为 official",
    "bond_code": "债券代码（每只债券唯一）",
    "bond_name": "债券全称",
    "issuer_name": "发行人",
    "issue_date": "发行日期，如 2025-06-18",
    "amount": "发行金额：数字，可带千位分隔符",
    "bond_type": "债券类型：代码或名称",
    "market": "发行市场：代码或名称",
    "year": "年份，如 2025",
    "indicator_code": "指标：代码或名称",
    "value": "指标数值",
    "unit": "计量单位：须能换算为该指标的标准单位（见 seeds/unit_conversions.csv）",
    "figure_code": "评价数据项：代码或名称（见 seeds/institution_figure_definitions.csv）",
    "scored_by": "评分人：定性评价分数必填（评价办公室的经办人或单位），其他数据项留空",
    "scored_on": "评分日期：定性评价分数必填，如 2026-10-15",
    "task_no": "任务编号：规划所列第 1–32 项任务的编号",
    "status_code": "进展状态：completed 已完成、in_progress 推进中、behind 滞后、not_started 未启动（代码或名称）",
    "as_of_date": "截至日期：进展所截至的日期，如 2026-09-30，也可写 2026Q3；同一任务同一季度再次报送将取代前一次",
    "work_done": "已完成工作：文字说明（可空）",
    "next_step": "下一步计划：文字说明（可空）",
    "reporting_department": "报送部门：部门中文全称（见 seeds/departments.csv）；部门账号只能报送本部门",
    "region_name_zh": "地区中文名称，如 渝北区（此后报送统计数据时可用它代替代码）",
    "region_name_en": "地区英文名称，如 Yubei District",
    "province_zh": "所属省（直辖市），如 重庆市",
    "province_en": "所属省（直辖市）英文名，如 Chongqing",
    "admin_level": "行政级别：district（区）、county（县）、prefecture_city（地级市）或 municipality（直辖市）",
    "is_pilot_zone": "是否绿色金融改革创新试验区：true 或 false",
    "institution_name_zh": "机构中文全称（此后报送统计数据时可用它代替代码）",
    "institution_name_en": "机构英文名称",
    "institution_type": "机构类型：代码或名称（见 seeds/institution_types.csv）",
}
EXAMPLES = {
    "green_loans": ["500115", "CS-ICBC", "2025-12-31", "GF2025", "GF25-01", "direct", "123,456.78", "万元", "official"],
    "total_loans": ["长寿区", "中国工商银行重庆长寿支行", "2025年四季度", "1,284,111.35", "万元", ""],
    "green_bonds": ["2380123", "2025年重庆长寿某公司绿色债券", "某公司", "500115", "2025-06-18", "50,000", "万元",
                    "green_bond", "interbank", "official"],
    "regional_indicators": ["500115", "2025", "forest_coverage", "52.6", "%", "official"],
    "institution_figures": ["500115", "CS-ICBC", "2026-09-30", "green_npl_balance", "1,234.5", "万元", "", "",
                            "official"],
    "regions": ["500112", "渝北区", "Yubei District", "重庆市", "Chongqing", "district", "false", ""],
    "institutions": ["YB-ICBC", "500112", "中国工商银行重庆渝北支行", "ICBC Chongqing Yubei Sub-branch",
                     "large_state_owned", ""],
    "task_progress": ["5", "推进中", "2026-09-30", "已争取绿色领域专项债券额度", "继续跟进项目申报", "区财政局", ""],
}
GENERAL_NOTES = [
    ("每个工作表只报一类数据；一轮报送可一次上传多个文件，或一个工作簿每类数据一个工作表（按表头识别）。"
     "表头可用中文或英文列名（见下表），列的顺序不限；“序号”“备注”等其他列会被忽略。",
     "One kind of data per sheet; a reporting round may be several files uploaded together, or one workbook with "
     "a sheet per kind of data (told by its header). Headers in Chinese or English (below), in any order; other "
     "columns are ignored."),
    ("绿色贷款与各项贷款须配套报送：只报其中一类时，文件校验后暂存，待同一地区、同一季度的另一类报送后一并发布。",
     "Green loans and all loans go together: one sent alone is checked and kept waiting until the other arrives "
     "for the same region and quarter, and both are then published."),
    ("表头上方可以有标题行和“单位：万元”行；空行会被忽略。",
     "A title and a 单位：万元 line may sit above the header; blank rows are ignored."),
    ("可在最后一行写“合计”：系统会核对它等于上方各行之和（允许各数末位四舍五入造成的差异），不符则整个文件退回。",
     "A last row labelled 合计 is checked against the sum of the rows above (allowing for the rounding of each "
     "figure's last digit); a mismatch rejects the file."),
    ("数字按单元格中输入的值读取（即编辑栏显示的值，不按显示格式四舍五入）；公式须有计算结果：用程序生成的文件请在 Excel 中打开并保存，或粘贴为数值。",
     "Numbers are read as typed (as the formula bar shows them, not rounded by the display format); formulas "
     "need a calculated value: open a generated file in Excel and save it, or paste as values."),
    ("CSV 可用 UTF-8 或 GBK 编码；Excel 请保存为 .xlsx。",
     "CSV in UTF-8 or GBK; Excel files as .xlsx."),
    ("更正数据时，重新报送同一期间的完整文件：新文件取代旧文件中相同地区、相同期间的数据，旧文件仍保留在报送记录中。",
     "To correct figures, submit the whole file for the same periods again: it replaces the earlier one, "
     "which stays in the history."),
]


def header(column: str) -> str:
    """The template's bilingual header, e.g. 地区 region_code (the reader accepts it, as it accepts either part)."""
    return f"{COLUMN_HEADERS_ZH[column][0]} {column}"


def allowed_values(source: str, column: str) -> str:
    if column == AMOUNT_COLUMNS.get(source, (None, None))[1] and source not in MIXED_UNIT_SOURCES:
        return "、".join(money_units())
    if column == "provenance":
        return "official、sample"
    if column == "admin_level":
        return "district、county、prefecture_city、municipality"
    if column == "is_pilot_zone":
        return "true、false"
    if column not in CODE_LISTS:
        return ""
    code_list = CODE_LISTS[column]
    return "；".join(f"{entry[code_list.code_column]} {entry[code_list.name_columns[0]]}"
                    for entry in seed_rows(code_list.seed))


def notes_rows(source: str) -> list[list[str]]:
    zh, en = SOURCE_NAMES[source]
    rows = [[f"{zh} {en} — 报送模板 submission template ({source})"], []]
    rows += [[note_zh, note_en] for note_zh, note_en in GENERAL_NOTES]
    rows += [[], ["列名 header", "说明 meaning", "必填 required", "允许的值 allowed values", "示例 example"]]
    unit_column = AMOUNT_COLUMNS.get(source, (None, None))[1]
    for column, example in zip(raw_contract.column_names(source), EXAMPLES[source]):
        required = "否 no" if column in OPTIONAL_COLUMNS or column == unit_column else "是 yes"
        aliases = " / ".join((column, *COLUMN_HEADERS_ZH[column]))
        rows.append([aliases, COLUMN_NOTES_ZH[column], required, allowed_values(source, column), example])
    return rows


def csv_template(source: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow([header(column) for column in raw_contract.column_names(source)])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def xlsx_template(source: str) -> bytes:
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    data.append([header(column) for column in raw_contract.column_names(source)])
    for cell in data[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBDD")
    for letter in "ABCDEFGHIJ":
        data.column_dimensions[letter].width = 22
    data.freeze_panes = "A2"
    notes = workbook.create_sheet(NOTES_SHEET)
    for row in notes_rows(source):
        notes.append(row)
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 40, 60
    notes.column_dimensions["D"].width = 60
    workbook.properties.created = workbook.properties.modified = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_files(source: str) -> dict[str, bytes]:
    return {f"{source}.xlsx": xlsx_template(source), f"{source}.csv": csv_template(source)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TEMPLATES_DIR)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for source in raw_contract.source_names():
        for name, content in template_files(source).items():
            (args.out / name).write_bytes(content)
            print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
