"""Realistic steward files for the submission tests, built the way Excel and Chinese-Windows CSV exports look:
a title row, a 单位 line, Chinese headers, names instead of codes, thousands separators, a 合计 row.

Every figure is the base for a hand-computed answer in tests/test_submissions.py."""
from __future__ import annotations

import io

import openpyxl


def workbook(rows: list[list], sheet: str = "绿色贷款") -> bytes:
    book = openpyxl.Workbook()
    data = book.active
    data.title = sheet
    for row in rows:
        data.append(row)
    notes = book.create_sheet("填报说明")
    notes.append(["请按模板填写；金额单位见表头上方。"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


# Changshou green loans at end-2024, corrected, as an XLSX workbook in 万元 (declared above the header), with
# names for the institution, category and carbon effect, and a total row: 320,000.50 + 100,000.25 + 55,000.00
# = 475,000.75 万元 = 47.500075 亿元.
GREEN_LOANS_XLSX = workbook([
    ["长寿区绿色贷款专项统计表（2024年末）"],
    ["单位：万元"],
    ["序号", "地区", "机构名称", "报告期", "统计口径", "贷款用途分类", "碳减排效应", "绿色贷款余额", "备注"],
    [1, "长寿区", "中国工商银行重庆长寿支行", "2024年四季度", "GL2019", "节能环保产业", "具有直接碳减排效益", 320000.5, None],
    [2, 500115, "CS-ICBC", "2024-12-31", "GL2019", "GL19-03", "indirect", 100000.25, None],
    [3, "长寿区", "中国农业银行重庆长寿支行", "2024/12/31", "GL2019", "GL19-05", "none", 55000, "测试"],
    [None, None, None, None, None, None, None, None, None],
    ["合计", None, None, None, None, None, None, 475000.75, None],
    [None] * 9,
])

# The same quarter corrected again: ICBC's first line 330,000.50 -> 485,000.75 万元 = 48.500075 亿元.
GREEN_LOANS_XLSX_CORRECTED = workbook([
    ["长寿区绿色贷款专项统计表（2024年末，更正）"],
    ["单位：万元"],
    ["地区", "机构名称", "报告期", "统计口径", "贷款用途分类", "碳减排效应", "绿色贷款余额"],
    ["长寿区", "中国工商银行重庆长寿支行", "2024-12-31", "GL2019", "GL19-01", "direct", 330000.5],
    ["长寿区", "中国工商银行重庆长寿支行", "2024-12-31", "GL2019", "GL19-03", "indirect", 100000.25],
    ["长寿区", "中国农业银行重庆长寿支行", "2024-12-31", "GL2019", "GL19-05", "none", 55000],
    ["合计", None, None, None, None, None, 485000.75],
])

# Changshou's all loans at end-2024 as a GBK CSV from Excel on Chinese Windows: the unit in the amount's
# header, thousands separators, a blank line and a total. 2,100,000.00 + 1,050,000.00 = 3,150,000 万元 = 315 亿元.
TOTAL_LOANS_GBK = csv_text([
    "长寿区各项贷款余额表",
    "地区代码,机构,统计日期,各项贷款余额（万元）",
    '500115,中国工商银行重庆长寿支行,2024-12-31,"2,100,000.00"',
    '500115,中国农业银行重庆长寿支行,2024-12-31,"1,050,000.00"',
    ",,,",
    '合计,,,"3,150,000.00"',
    ",,,",
]).encode("gbk")

# Changshou green bonds of 2025 H1 as UTF-8 CSV with a BOM and English headers, in 亿元 per row:
# 1.25 + 0.75 = 2 亿元, a 合计 row that says so.
GREEN_BONDS_BOM = "\ufeff" + csv_text([
    "bond_code,bond_name,issuer_name,region_code,issue_date,amount,amount_unit,bond_type,market",
    "SUB2501,2025年长寿测试绿色债券,测试发行人丙,500115,2025-03-15,1.25,亿元,绿色债券,银行间债券市场",
    "SUB2502,2025年长寿测试碳中和债,测试发行人丁,500115,2025-05-20,0.75,亿元,carbon_neutral,exchange",
    "合计,,,,,2.00,亿元,,",
])

# Changshou's 2024 GDP revised, UTF-8 CSV without BOM, Chinese headers, 万元 per row: 9,500,000 万元 = 950 亿元.
REGIONAL_INDICATORS_UTF8 = csv_text([
    "地区,年份,指标,数值,计量单位",
    '长寿区,2024年,地区生产总值（当年价）,"9,500,000",万元',
]).encode("utf-8")

# A file with several problems at once: a total that does not add up (425,000.50 on file against 320,000.50
# + 60,000 + 55,000 = 435,000.50), an institution nobody knows (row 4), a date that does not exist (row 5).
GREEN_LOANS_BAD = workbook([
    ["单位：万元"],
    ["地区", "机构名称", "报告期", "统计口径", "贷款用途分类", "碳减排效应", "余额"],
    ["长寿区", "中国工商银行重庆长寿支行", "2024-12-31", "GL2019", "GL19-01", "direct", 320000.5],
    ["长寿区", "长寿区不存在的银行", "2024-12-31", "GL2019", "GL19-03", "indirect", 60000],
    ["长寿区", "中国农业银行重庆长寿支行", "2024-13-31", "GL2019", "GL19-05", "none", 55000],
    ["合计", None, None, None, None, None, 425000.5],
], sheet="数据")
