"""Regions and institutions as reference-data submissions: a third region (500112 渝北区, Chongqing, district,
not the pilot zone) and an institution in it are submitted through the real `python -m scripts.publishing.ingest`, then
that region's all loans and green loans for a quarter the sample has (2024-12-31), written with the new
names in place of codes; the region's figures in fct_region_credit_quarterly are checked by hand.
"""
from __future__ import annotations

import shutil

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scripts.ingestion.submission_store import SubmissionStore
from tests.conftest import query, quality_dir, run_module, submissions_dir

REGIONS = "地区代码,地区中文名,地区英文名,所属省市,所属省市英文名,行政级别,是否试验区\n" \
          "500112,渝北区,Yubei District,重庆市,Chongqing,district,false\n"
# The region by its submitted name, the type by its name in seeds/institution_types.csv.
INSTITUTIONS = "机构代码,地区,机构中文名,机构英文名,机构类型\n" \
               "YB-ICBC,渝北区,中国工商银行重庆渝北支行,ICBC Chongqing Yubei Sub-branch,大型商业银行\n"
TOTAL_LOANS = "地区,机构,报告期,余额（万元）\n渝北区,中国工商银行重庆渝北支行,2024年四季度,400000\n"
GREEN_LOANS = "地区,机构,报告期,统计口径,贷款用途分类,碳减排效应,余额,金额单位\n" \
              "渝北区,YB-ICBC,2024-12-31,GL2019,GL19-01,direct,30000,万元\n" \
              "500112,中国工商银行重庆渝北支行,2024-12-31,GL2019,GL19-03,indirect,20000,万元\n"
CREDIT_SQL = ("select green_loan_balance_100m_cny::double, total_loan_balance_100m_cny::double, "
              "green_loan_share_pct::double, provenance, submission_ids from fct_region_credit_quarterly "
              "where region_code = ? and period_end = '2024-12-31' and is_preferred_basis")


@dataclass
class Scene:
    db: Path
    outputs: dict[str, tuple[int, str]] = field(default_factory=dict)
    changshou_before: list = field(default_factory=list)


@pytest.fixture(scope="module")
def scene(sample_raw_dir, published_sample, tmp_path_factory) -> Scene:
    work = tmp_path_factory.mktemp("reference")
    db = work / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    env = {"GF_QUALITY_DIR": str(quality_dir(db)), "GF_SUBMISSIONS_DIR": str(submissions_dir(db)),
           "GF_DUCKDB_PATH": str(db), "GF_RAW_DIR": str(sample_raw_dir),
           "GF_AUTH_CONFIG": str(work / "no-accounts.yaml")}
    shutil.copy(published_sample[0], db)  # the sample as published: the pipeline's own run on the same raw files
    found = Scene(db=db, changshou_before=query(db, CREDIT_SQL, ["500115"]))
    # The region and its institution in one round (two files), then its loans in later submissions.
    for step, files in (("reference", (("regions", REGIONS), ("institutions", INSTITUTIONS))),
                        ("total_loans", (("total_loans", TOTAL_LOANS),)), ("green_loans", (("green_loans", GREEN_LOANS),))):
        arguments = []
        for source, text in files:
            path = work / f"{source}.csv"
            path.write_text(text, encoding="utf-8")
            arguments += ["--file", str(path)]
        result = run_module("scripts.publishing.ingest", *arguments, "--by", "zhang_steward", env=env)
        found.outputs[step] = (result.returncode, result.stdout + result.stderr)
    return found


def test_a_region_and_an_institution_are_added_by_submission(scene):
    code, output = scene.outputs["reference"]
    assert code == 0 and "已接收并发布：第 1、2 号报送" in output, output
    assert query(scene.db, "select region_code, region_name_zh, province_en, admin_level, is_pilot_zone, defined_by, "
                           "submission_id from dim_region order by region_code") == [
        ("500000", "重庆市", "Chongqing", "municipality", False, "seed", None),
        ("500112", "渝北区", "Chongqing", "district", False, "submission", 1),
        ("500115", "长寿区", "Chongqing", "district", True, "seed", None),
        ("511600", "广安市", "Sichuan", "prefecture_city", False, "seed", None)]
    assert query(scene.db, "select institution_code, region_code, region_name_zh, institution_type, defined_by, "
                           "submission_id from dim_institution where region_code = '500112'") == [
        ("YB-ICBC", "500112", "渝北区", "large_state_owned", "submission", 2)]
    history = SubmissionStore(submissions_dir(scene.db)).history()
    assert [(entry.source, entry.regions, entry.coverage) for entry in history[:2]] == [
        ("regions", ["500112"], [["500112"]]), ("institutions", ["500112"], [["YB-ICBC"]])]


def test_the_new_regions_loans_are_published_with_figures_worked_by_hand(scene):
    """All loans 400,000 万元 = 40 亿元; green loans 30,000 + 20,000 = 50,000 万元 = 5 亿元; share 5 / 40 =
    12.5 %. Submissions 1 and 2 defined the region and institution, so the loans are submissions 3 and 4."""
    for step in ("total_loans", "green_loans"):
        code, output = scene.outputs[step]
        assert code == 0, output
    assert query(scene.db, CREDIT_SQL, ["500112"]) == [(5.0, 40.0, 12.5, "official", "3,4")]
    # Changshou's figures for the quarter are untouched.
    assert query(scene.db, CREDIT_SQL, ["500115"]) == scene.changshou_before
