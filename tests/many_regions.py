"""A published database with more regions than the two of the repository's seeds, built the documented way:
the real pipeline publishes the base raw files (the session's published progress fixture, copied), then a data
steward submits one reporting round through the real command (python -m scripts.publishing.ingest, README ›
Submitting statistics): the new regions (a `regions` file), their institutions (`institutions`) and their figures (green loans, all loans, regional indicators), each file told
by its header. No committed CSV is edited.

YUBEI is a third region with hand-made official figures (the arithmetic is in tests/test_many_regions.py).
"""
from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from scripts.configuration import raw_contract
from tests.conftest import FIXTURES, quality_dir, run_module, submissions_dir

RAW_SOURCES = ("green_loans", "total_loans", "green_bonds", "regional_indicators")


@dataclass(frozen=True)
class Region:
    """One region to add: its seeds/regions.csv row, its seeds/institutions.csv rows, and its raw rows per
    source (each a dict of the raw contract's columns)."""
    region: dict[str, str]
    institutions: list[dict[str, str]]
    raw: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.region["region_code"]


def _loan_row(region: str, institution: str, period_end: str, basis: str, category: str, balance: str) -> dict:
    return {"region_code": region, "institution_code": institution, "period_end": period_end,
            "statistics_basis": basis, "loan_use_category": category, "carbon_effect": "direct",
            "balance": balance, "amount_unit": "亿元", "provenance": "official"}


def _total_row(region: str, institution: str, period_end: str, balance: str) -> dict:
    return {"region_code": region, "institution_code": institution, "period_end": period_end, "balance": balance,
            "amount_unit": "亿元", "provenance": "official"}


def _indicator_row(region: str, year: str, code: str, value: str, unit: str) -> dict:
    return {"region_code": region, "year": year, "indicator_code": code, "value": value, "unit": unit,
            "provenance": "official"}


YUBEI = Region(
    region={"region_code": "500112", "region_name_zh": "渝北区", "region_name_en": "Yubei District",
            "province_zh": "重庆市", "province_en": "Chongqing", "admin_level": "district", "is_pilot_zone": "false"},
    institutions=[{"institution_code": "YB-ICBC", "region_code": "500112",
                   "institution_name_zh": "中国工商银行重庆渝北支行", "institution_name_en": "ICBC Chongqing Yubei Sub-branch",
                   "institution_type": "large_state_owned"}],
    raw={
        "green_loans": [_loan_row("500112", "YB-ICBC", "2023-12-31", "GL2019", "GL19-01", "40"),
                        _loan_row("500112", "YB-ICBC", "2024-12-31", "GL2019", "GL19-01", "50")],
        "total_loans": [_total_row("500112", "YB-ICBC", "2023-12-31", "800"),
                        _total_row("500112", "YB-ICBC", "2024-12-31", "1250")],
        "regional_indicators": [_indicator_row("500112", "2023", "forest_coverage", "38.5", "%"),
                                _indicator_row("500112", "2024", "forest_coverage", "39.0", "%")],
    },
)


def build_db_with_regions(tmp_path: Path, extra_regions: tuple[Region, ...], published_base: Path,
                          base_raw_dir: Path = FIXTURES / "progress") -> Path:
    """The published DuckDB file in tmp_path/warehouse/, its run reports and submissions beside it: a copy of
    `published_base` (a file the real pipeline published from `base_raw_dir`, with its folder), then
    `extra_regions` submitted as one reporting round."""
    db_path = tmp_path / "warehouse" / published_base.name
    shutil.copytree(published_base.parent, db_path.parent)
    files = {"regions": [region.region for region in extra_regions],
             "institutions": [row for region in extra_regions for row in region.institutions]}
    for source in RAW_SOURCES:
        files[source] = [row for region in extra_regions for row in region.raw.get(source, [])]
    arguments = []
    for source, rows in files.items():
        if rows:
            path = tmp_path / "round" / f"{source}.csv"
            _write(path, rows, raw_contract.column_names(source))
            arguments += ["--file", str(path)]
    submitted = run_module("scripts.publishing.ingest", *arguments, "--by", "region_steward",
                           env={"GF_QUALITY_DIR": str(quality_dir(db_path)),
                                "GF_SUBMISSIONS_DIR": str(submissions_dir(db_path)),
                                "GF_DUCKDB_PATH": str(db_path), "GF_RAW_DIR": str(base_raw_dir)})
    assert submitted.returncode == 0 and "已接收并发布" in submitted.stdout, submitted.stdout[-5000:] + submitted.stderr
    return db_path


def _write(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
