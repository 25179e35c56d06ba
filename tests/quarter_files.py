"""One real reporting round for a quarter beyond the published sample: Changshou's green loans and all loans at
2026-09-30, as a steward's Excel workbooks (a title, a 单位 line, Chinese headers, names for institutions, a 合计
row), on their own or as one workbook with a sheet per source.

The sample used with them is generated as of 2026-08-15, so its last quarter is 2026-06-30 and 2026-09-30 is
new. Figures, worked out by hand (万元; 1 亿元 = 10,000 万元):
  all loans   1,300,000.55 + 1,090,000 + 700,000 + 1,150,000 + 1,210,000 + 570,000 + 380,000
              = 6,400,000.55 万元 = 640.000055 亿元
  green loans 212,000.45 + 186,000 + 95,000 + 190,000 + 143,000 + 77,000 + 68,000
              = 971,000.45 万元 = 97.100045 亿元
  share       97.100045 / 640.000055 = 15.171881…%
Each institution's figure is within a few per cent of its 2026-06-30 sample figure, so no plausibility rule fires.
"""
from __future__ import annotations

import datetime as dt
import io

import openpyxl

SAMPLE_AS_OF = dt.date(2026, 8, 15)
QUARTER = "2026-09-30"
GREEN_100M_CNY = 97.100045
TOTAL_100M_CNY = 640.000055
SHARE_PCT = 97.100045 / 640.000055 * 100

INSTITUTIONS = ("中国工商银行重庆长寿支行", "中国农业银行重庆长寿支行", "中国银行重庆长寿支行", "中国建设银行重庆长寿支行",
                "重庆农村商业银行长寿支行", "重庆银行长寿支行", "长寿区其他银行业金融机构（合计）")
TOTAL_LOANS_WAN = (1300000.55, 1090000, 700000, 1150000, 1210000, 570000, 380000)
GREEN_LOANS_WAN = (212000.45, 186000, 95000, 190000, 143000, 77000, 68000)

TOTAL_HEADER = ["地区", "机构名称", "报告期", "各项贷款余额"]
GREEN_HEADER = ["地区", "机构名称", "报告期", "统计口径", "贷款用途分类", "碳减排效应", "绿色贷款余额"]


def total_loans_rows() -> list[list]:
    rows = [["长寿区各项贷款余额（2026年三季度）"], ["单位：万元"], TOTAL_HEADER]
    rows += [["长寿区", name, "2026年三季度", amount] for name, amount in zip(INSTITUTIONS, TOTAL_LOANS_WAN)]
    return rows + [["合计", None, None, 6400000.55]]


def green_loans_rows() -> list[list]:
    rows = [["长寿区绿色贷款专项统计（2026年三季度）"], ["单位：万元"], GREEN_HEADER]
    rows += [["长寿区", name, QUARTER, "GF2025", "GF25-01", "direct", amount]
             for name, amount in zip(INSTITUTIONS, GREEN_LOANS_WAN)]
    return rows + [["合计", None, None, None, None, None, 971000.45]]


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.create_sheet("填报说明").append(["金额单位见表头上方；每个工作表一类数据。"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TOTAL_LOANS_XLSX = workbook({"各项贷款": total_loans_rows()})
GREEN_LOANS_XLSX = workbook({"绿色贷款": green_loans_rows()})
# One workbook for the whole round: a sheet per source, each told by its header.
PACKAGE_XLSX = workbook({"绿色贷款": green_loans_rows(), "各项贷款": total_loans_rows()})
