"""A published database with more regions than the two of the repository's seeds, built by the real pipeline.

For now a region is added the way an analyst would by hand: a temporary copy of the repository (its code,
dbt project, seeds and expectations; no .git, data or .venv) gets the region's seed rows appended to
seeds/regions.csv and seeds/institutions.csv, and the raw folder gets the region's own raw files beside the
base files. Then the copy's scripts/pipeline.py (the real one; scripts/paths.py finds dbt_project/ and seeds/
from its own file) builds and publishes. When adding a region through a reference-data submission exists, only
the inside of build_db_with_regions changes: its callers pass regions and get a published file back.

YUBEI is a third region with hand-made official figures (the arithmetic is in tests/test_many_regions.py).
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import FIXTURES, REPO_ROOT, quality_dir, submissions_dir

# What the pipeline needs of the repository; the copy keeps the shared Node front-end files as a link.
COPIED = ("scripts", "dbt_project", "seeds", "expectations")
NOT_COPIED = shutil.ignore_patterns("target", "logs", "dbt_packages", "node_modules", "__pycache__", ".user.yml")
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


def build_db_with_regions(tmp_path: Path, extra_regions: tuple[Region, ...] = (YUBEI,),
                          base_raw_dir: Path = FIXTURES / "progress") -> Path:
    """The published DuckDB file (tmp_path/warehouse/greenfinance.duckdb, its run reports beside it) built by the
    real pipeline from `base_raw_dir` plus `extra_regions`, with those regions in dim_region."""
    repo = tmp_path / "repo"
    for name in COPIED:
        shutil.copytree(REPO_ROOT / name, repo / name, ignore=NOT_COPIED, symlinks=True)
    assets = REPO_ROOT / "expectations" / "data_docs_assets" / "node_modules"
    (repo / "expectations" / "data_docs_assets" / "node_modules").symlink_to(assets.resolve())
    raw_dir = tmp_path / "raw"
    shutil.copytree(base_raw_dir, raw_dir)
    for region in extra_regions:
        _append(repo / "seeds" / "regions.csv", [region.region])
        _append(repo / "seeds" / "institutions.csv", region.institutions)
        for source, rows in region.raw.items():
            assert source in RAW_SOURCES, source
            _write(raw_dir / source / f"region_{region.code}_{source}.csv", rows)
    db_path = tmp_path / "warehouse" / "greenfinance.duckdb"
    db_path.parent.mkdir(parents=True)
    result = subprocess.run([sys.executable, "-m", "scripts.pipeline", "--raw-dir", str(raw_dir), "--db", str(db_path)],
                            cwd=repo, capture_output=True, text=True,
                            env={**os.environ, "GF_QUALITY_DIR": str(quality_dir(db_path)),
                                 "GF_SUBMISSIONS_DIR": str(submissions_dir(db_path))})
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return db_path


def _append(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    text = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8", newline="") as handle:
        if not text.endswith("\n"):
            handle.write("\n")
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writerows(rows)


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
