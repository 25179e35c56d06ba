"""The figures of the green-finance evaluation of institutions (task 32; raw source institution_figures): the
gate's rules, each located (file, row, column, value) and said in Chinese and English, and a steward's
workbook through the submit path to the mart to the cent.

On the known-answer fixture at end-2024: CS-ICBC's green loans are 300,000 + 100,000 万元 = 40 亿元, CS-ABC's
50,000 万元 = 5 亿元."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from scripts.ingestion.submission_store import SubmissionStore
from scripts.publishing.ingest import PUBLISHED, ingest
from tests.conftest import FIXTURES, built_once, published, query, run_pipeline_in_process
from tests.submission_files import workbook

pytestmark = pytest.mark.integration

HEADER = "region_code,institution_code,period_end,figure_code,value,unit,scored_by,scored_on,provenance"
FILE = "institution_figures/known_answer_institution_figures.csv"
# Row numbers as the steward sees them: the header is row 1.
FAULTS = [
    # row 2: green bonds held 20 亿元 against all bond investment 15.5 亿元 (row 3)
    "500115,CS-ICBC,2024-12-31,green_bonds_held,200000,万元,,,official",
    "500115,CS-ICBC,2024-12-31,bond_investment,15.5,亿元,,,official",
    # row 4: non-performing green loans 6 亿元 against CS-ABC's 5 亿元 of green loans
    "500115,CS-ABC,2024-12-31,green_npl_balance,6,亿元,,,official",
    # row 5: a score nobody signed
    "500115,CS-ICBC,2024-12-31,qualitative_policy,82.5,分,,2025-01-20,official",
    # row 6: a rate of 45 %
    "500115,CS-ICBC,2024-12-31,new_green_loan_rate,45,%,,,official",
    # row 7: a figure the definitions do not list
    "500115,CS-ICBC,2024-12-31,green_leasing,3,亿元,,,official",
    # row 8: a score in 亿元
    "500115,CS-ABC,2024-12-31,qualitative_rules,70,亿元,区金融办,2025-01-20,official",
]
MESSAGES = [
    ("source institution_figures + green_loans, column value — green bonds held must not exceed the same "
     "institution's bond investment in the same quarter / 持有绿色债券余额不得超过同一机构同一季度的债券投资余额",
     f"file {FILE}, row 2", "green_bonds_held_100m_cny 20.0", "bond_investment_100m_cny 15.5"),
    ("non-performing green loans must not exceed the same institution's green loans in the same quarter / "
     "绿色贷款不良余额不得超过同一机构同一季度的绿色贷款余额", f"file {FILE}, row 4",
     "green_npl_balance_100m_cny 6.0", "green_loan_balance_100m_cny 5.0"),
    ("source institution_figures, column scored_by — a qualitative score must say who scored it and on which "
     "day / 定性评价分数必须填写评分人和评分日期", f"file {FILE}, row 5"),
    ("source institution_figures, column value — must not exceed the indicator's maximum", f"file {FILE}, row 6",
     "value '45'"),
    ("source institution_figures, column figure_code", "seeds/institution_figure_definitions.csv",
     f"file {FILE}, row 7", "figure_code 'green_leasing'"),
    ("source institution_figures, column unit", "that converts to the figure's canonical unit",
     f"file {FILE}, row 8", "unit '亿元'"),
]


def raw_with_figures(folder: Path, rows: list[str]) -> Path:
    raw = folder / "raw"
    shutil.copytree(FIXTURES / "known_answer", raw)
    (raw / "institution_figures").mkdir()
    (raw / FILE).write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return raw


def test_each_rule_on_the_evaluation_figures_is_located_and_said_in_both_languages(tmp_path, monkeypatch,
                                                                                     capsys):
    published = tmp_path / "published.duckdb"
    result = run_pipeline_in_process(raw_with_figures(tmp_path, FAULTS), published, monkeypatch, capsys)
    assert result.returncode == 1
    assert "REJECTED at the raw quality gate — nothing was published" in result.stderr
    for fragments in MESSAGES:
        for fragment in fragments:
            assert fragment in result.stderr, f"{fragment!r} not in:\n{result.stderr}"
    assert not published.exists()


def test_figures_within_their_bounds_pass_the_gate(tmp_path, monkeypatch, capsys):
    """The same institution and quarter within bounds: 20 亿元 held of 25 亿元 invested; 5 亿元 of 5 non-performing
    (equal is allowed); a score signed and dated."""
    rows = ["500115,CS-ICBC,2024-12-31,green_bonds_held,200000,万元,,,official",
            "500115,CS-ICBC,2024-12-31,bond_investment,25,亿元,,,official",
            "500115,CS-ABC,2024-12-31,green_npl_balance,5,亿元,,,official",
            "500115,CS-ICBC,2024-12-31,qualitative_policy,82.5,分,区金融办,2025-01-20,official"]
    result = run_pipeline_in_process(raw_with_figures(tmp_path, rows), tmp_path / "published.duckdb", monkeypatch,
                                     capsys)
    assert result.returncode == 0, result.stderr


def test_a_workbook_of_figures_goes_through_the_submit_path_to_the_mart_to_the_cent(published_known_answer,
                                                                                    tmp_path):
    """As a steward's Excel file: a title above the header, Chinese headers, names in place of codes, a
    thousands separator, each row's own unit (万元 for the amounts, % for the rate, 分 for the score). 12,345.67 万元 = 1.234567 亿元 and
    98,765.43 万元 = 9.876543 亿元, kept to the cent in the mart (exact decimals)."""
    published = tmp_path / "warehouse" / "greenfinance.duckdb"
    published.parent.mkdir()
    shutil.copy(published_known_answer, published)
    rows = [["2024年四季度金融机构绿色金融评价数据"],
            ["地区", "机构", "报告期", "评价数据项", "数值", "计量单位", "评分人", "评分日期"],
            ["长寿区", "中国工商银行重庆长寿支行", "2024年四季度", "持有绿色债券余额", "12,345.67", "万元", "", ""],
            ["长寿区", "中国工商银行重庆长寿支行", "2024年四季度", "债券投资余额", "98,765.43", "万元", "", ""],
            ["长寿区", "中国工商银行重庆长寿支行", "2024年四季度", "新发放绿色贷款加权平均利率", "3.65", "%", "", ""],
            ["长寿区", "中国工商银行重庆长寿支行", "2024年四季度", "定性评价：支持绿色产业发展", "88.5", "分",
             "区金融发展服务中心", "2025-01-20"]]
    result = ingest(workbook(rows, sheet="评价数据"), "长寿区2024Q4评价数据.xlsx", None, "zhang_steward",
                    channel="upload page", raw_dir=FIXTURES / "known_answer", published=published,
                    store=SubmissionStore(tmp_path / "submissions"))
    assert result.outcome == PUBLISHED, [problem.rule_en for problem in result.problems]
    (row,) = query(published, "select green_bonds_held_100m_cny, bond_investment_100m_cny, new_green_loan_rate_pct, "
                              "qualitative_scores_given, scored_by, scored_on, provenance "
                              "from fct_institution_figures_quarterly where institution_code = 'CS-ICBC' "
                              "and period_end = date '2024-12-31'")
    assert row == (Decimal("1.234567"), Decimal("9.876543"), Decimal("3.65"), 1, "区金融发展服务中心",
                   dt.date(2025, 1, 20), "official")
    # The score, as the PBoC scheme's "support of green industries" group (30 % of the qualitative part).
    (score,) = query(published, "select indicator_value, indicator_points from fct_institution_evaluation_indicators "
                                "where scheme_code = 'PBOC2021' and indicator_code = 'support' and institution_code = "
                                "'CS-ICBC' and period_end = date '2024-12-31'")
    assert score == pytest.approx((88.5, 26.55))


# ---- the evaluation, worked by hand (tests/fixtures/evaluation) ---------------------------------------------
# Three institutions, nine quarters, 2024-09-30 … 2026-09-30 (q0 … q8); every quarter all business is 100 亿元
# (90 of loans + 10 of bond investment) and green bonds held 1 亿元, so green business = green loans + 1 and its
# share is green business in %. Green business: ICBC 10 (q0–q4), 11 (q5–q7), 12 (q8); ABC 20, 20, 15; BOC 5,
# 5.5, 6. Non-performing green loans (q4; q5–q7; q8): ICBC 0.10, 0.11, 0.12; ABC 0.2, 0.2, 0.3; BOC 0.05, 0.055,
# 0.03 (1 % of green business until q8); none defaulted. Rate of new green loans (q4–q7, q8): ICBC 4.0, 4.0; ABC
# 3.0, 3.6; BOC 5.0, 4.5. The office scored every institution at q8, and ICBC at q7 too (PBoC 70, 80, 60;
# Chongqing 60 for every group). At q8, 2026-09-30:
#
# PBoC 2021 (each indicator 25 points: 15 against peers, 10 against the own previous three quarters):
#   share      12 / 15 / 6 %; peers 6–15: ICBC 6/9 → 10 + 10 = 20; ABC 15 + 10 × 15/20 = 22.5; BOC 0 + 10 = 10
#   market     12/33, 15/33, 6/33; own history 11/36.5, 20/36.5, 5.5/36.5: ICBC 20; ABC 15 + 10 × (15 × 36.5) /
#              (33 × 20) = 15 + 8.295455 = 23.295455; BOC 0 + 10 = 10
#   growth     on q4: +20 %, −25 %, +20 %; own history +10 %, 0 %, +10 %: ICBC 15 + 10 = 25; ABC 0 + 0 (a fall
#              from a mean of 0) = 0; BOC 25
#   risk       1 %, 2 %, 0.5 % (lower is better) against 1 %, 1 %, 1 %: ICBC 15 × (2 − 1)/1.5 + 10 = 20;
#              ABC 0 + 10 × 1/2 = 5; BOC 15 + 10 = 25
#   quantitative 85, 50.795455, 70; qualitative (30/40/30 % of 80,90,70 | 60,60,60 | 100,50,90) 81, 60, 77;
#   total 0.8 × q + 0.2 × qual = 84.2, 52.636364, 71.4: ranks 1, 3, 2; grades (placeholder bands 90/75/60) B, D, C.
# Chongqing 2023 (each of five indicators 20 points: 12 against peers, 8 against the own history):
#   share 16, 18, 8; market 16, 12 + 8 × 0.829545 = 18.636364, 8; growth 20, 0, 20;
#   cost 4.0, 3.6, 4.5 (lower is better; own 4.0, 3.0, 5.0): ICBC 12 × 0.5/0.9 + 8 = 14.666667, ABC 12 + 8 × 3/3.6
#   = 18.666667, BOC 0 + 8 = 8;
#   NPL ratio 0.12/11, 0.3/14, 0.03/5 (own 0.11/10, 0.2/19, 0.055/4.5): ICBC 12 × 0.681818 + 8 = 16.181818,
#   ABC 0 + 8 × 0.491228 = 3.929825, BOC 12 + 8 = 20;
#   quantitative 82.848485, 59.232855, 64; qualitative 80, 70, 90; total 0.7 × q + 0.3 × qual = 81.993939,
#   62.462999, 71.8: ranks 1, 3, 2; grades B, C, C.
# ICBC's waterfall (PBoC), q7 → q8. At q7: share 11 % against peers 5.5–20 and its own 10, 11, 11:
# 15 × 5.5/14.5 + 10 = 15.689655; market share the same (11/36.5 against 5.5/36.5–20/36.5) 15.689655; growth
# +10 % against peers 0–10 and its own 0, 10, 10: 25; risk 1 % like every peer: 25; quantitative 81.37931;
# qualitative (70, 80, 60) 21 + 32 + 18 = 71; total 0.8 × 81.37931 + 0.2 × 71 = 79.303448. The steps in the
# total's points: share and market share 0.8 × (20 − 15.689655) = +3.448276 each, growth 0, risk
# 0.8 × (20 − 25) = −4, policy 0.2 × (24 − 21) = +0.6, rules 0.2 × (36 − 32) = +0.8, support +0.6:
# 79.303448 + 4.896552 = 84.2.
# ICBC's waterfall (Chongqing), q7 → q8. At q7: share and market share 12 × 5.5/14.5 + 8 = 12.551724 each;
# growth 20; cost 4.0 against peers 3.0–5.0 and its own 4.0: 12 × 0.5 + 8 = 14; NPL ratio 0.11/10 against
# 0.2/19–0.055/4.5 and its own 0.10/9, 0.11/10, 0.11/10: 12 × (11/9000)/(145/85500) + 8 = 12 × 0.720690 + 8 =
# 16.648276; quantitative 75.751724; qualitative 60 (every group); total 0.7 × 75.751724 + 0.3 × 60 = 71.026207.
# The steps: share and market share 0.7 × (16 − 12.551724) = +2.413793 each, growth 0, cost
# 0.7 × (14.666667 − 14) = +0.466667, NPL ratio 0.7 × (16.181818 − 16.648276) = −0.326520, each qualitative
# group 0.3 × (16 − 12) = +1.2: 71.026207 + 10.967733 = 81.993939.

Q8 = dt.date(2026, 9, 30)
INDICATOR_POINTS = {  # (scheme, indicator) -> ICBC, ABC, BOC points at q8
    ("PBOC2021", "green_business_share"): (20, 22.5, 10),
    ("PBOC2021", "green_business_market_share"): (20, 23.295455, 10),
    ("PBOC2021", "green_business_growth"): (25, 0, 25),
    ("PBOC2021", "green_business_risk"): (20, 5, 25),
    ("PBOC2021", "policy"): (24, 18, 30),
    ("PBOC2021", "rules"): (36, 24, 20),
    ("PBOC2021", "support"): (21, 18, 27),
    ("CQ2023", "green_financing_share"): (16, 18, 8),
    ("CQ2023", "green_financing_market_share"): (16, 18.636364, 8),
    ("CQ2023", "green_financing_growth"): (20, 0, 20),
    ("CQ2023", "green_credit_cost"): (14.666667, 18.666667, 8),
    ("CQ2023", "green_credit_npl_ratio"): (16.181818, 3.929825, 20),
}
EVALUATIONS = {  # scheme -> ICBC, ABC, BOC: (quantitative, qualitative, total, rank, grade)
    "PBOC2021": ((85, 81, 84.2, 1, "B"), (50.795455, 60, 52.636364, 3, "D"), (70, 77, 71.4, 2, "C")),
    "CQ2023": ((82.848485, 80, 81.993939, 1, "B"), (59.232855, 70, 62.462999, 3, "C"), (64, 90, 71.8, 2, "C")),
}
INSTITUTIONS = ("CS-ICBC", "CS-ABC", "CS-BOC")
SUB_SCORES = {  # (scheme, indicator) -> ICBC, ABC, BOC: (peer points, own-history points) at q8
    ("PBOC2021", "green_business_share"): ((10, 10), (15, 7.5), (0, 10)),
    ("PBOC2021", "green_business_market_share"): ((10, 10), (15, 8.295455), (0, 10)),
    ("PBOC2021", "green_business_growth"): ((15, 10), (0, 0), (15, 10)),
    ("PBOC2021", "green_business_risk"): ((10, 10), (0, 5), (15, 10)),
    ("CQ2023", "green_financing_share"): ((8, 8), (12, 6), (0, 8)),
    ("CQ2023", "green_financing_market_share"): ((8, 8), (12, 6.636364), (0, 8)),
    ("CQ2023", "green_financing_growth"): ((12, 8), (0, 0), (12, 8)),
    ("CQ2023", "green_credit_cost"): ((6.666667, 8), (12, 6.666667), (0, 8)),
    ("CQ2023", "green_credit_npl_ratio"): ((8.181818, 8), (0, 3.929825), (12, 8)),
}
WATERFALLS_ICBC = {  # scheme -> (total at q7, total at q8, each indicator's step in the total's points)
    "PBOC2021": (79.303448, 84.2, {"green_business_share": 3.448276, "green_business_market_share": 3.448276,
                                   "green_business_growth": 0, "green_business_risk": -4, "policy": 0.6,
                                   "rules": 0.8, "support": 0.6}),
    "CQ2023": (71.026207, 81.993939, {"green_financing_share": 2.413793, "green_financing_market_share": 2.413793,
                                      "green_financing_growth": 0, "green_credit_cost": 0.466667,
                                      "green_credit_npl_ratio": -0.32652, "organisation": 1.2, "policies": 1.2,
                                      "own_footprint": 1.2, "process": 1.2, "control_disclosure": 1.2}),
}


def published_evaluation_db(tmp_path_factory) -> Path:
    """The evaluation fixture published by the real pipeline, once for the run."""
    return built_once(tmp_path_factory, "evaluation", lambda folder: published(FIXTURES / "evaluation", folder))[0]


@pytest.fixture(scope="module")
def published_evaluation(tmp_path_factory) -> Path:
    return published_evaluation_db(tmp_path_factory)


def test_every_indicators_points_at_the_scored_quarter_worked_by_hand(published_evaluation):
    rows = query(published_evaluation, "select scheme_code, indicator_code, institution_code, indicator_points, "
                                       "indicator_status from fct_institution_evaluation_indicators "
                                       "where period_end = ?", [Q8])
    points = {(scheme, indicator, institution): (value, status) for scheme, indicator, institution, value, status in rows}
    for (scheme, indicator), expected in INDICATOR_POINTS.items():
        for institution, value in zip(INSTITUTIONS, expected):
            got, status = points[(scheme, indicator, institution)]
            assert status == "scored" and got == pytest.approx(value, abs=1e-5), (scheme, indicator, institution)


def test_every_peer_and_own_history_part_at_the_scored_quarter_worked_by_hand(published_evaluation):
    rows = query(published_evaluation, "select scheme_code, indicator_code, institution_code, peer_points, "
                                       "own_history_points from fct_institution_evaluation_indicators "
                                       "where period_end = ? and kind = 'quantitative'", [Q8])
    parts = {(scheme, indicator, institution): (peer, own) for scheme, indicator, institution, peer, own in rows}
    assert len(parts) == len(SUB_SCORES) * len(INSTITUTIONS)
    for (scheme, indicator), expected in SUB_SCORES.items():
        for institution, sub_scores in zip(INSTITUTIONS, expected):
            assert parts[(scheme, indicator, institution)] == pytest.approx(sub_scores, abs=1e-5), \
                (scheme, indicator, institution)


def test_the_peer_and_own_history_parts_and_the_waterfall_step(published_evaluation):
    (abc_share,) = query(published_evaluation, "select indicator_value, peer_min, peer_max, own_history_mean, "
                                               "own_history_quarters, peer_points, own_history_points "
                                               "from fct_institution_evaluation_indicators where period_end = ? "
                                               "and scheme_code = 'PBOC2021' and institution_code = 'CS-ABC' "
                                               "and indicator_code = 'green_business_share'", [Q8])
    assert abc_share == pytest.approx((15, 6, 15, 20, 3, 15, 7.5))
    (step,) = query(published_evaluation, "select points_change_on_previous_quarter from "
                                          "fct_institution_evaluation_indicators where period_end = ? and scheme_code "
                                          "= 'PBOC2021' and institution_code = 'CS-ICBC' and indicator_code = "
                                          "'green_business_share'", [Q8])
    assert step[0] == pytest.approx(4.310345, abs=1e-5)  # 20 − 15.689655, in the quantitative part's points
    for scheme, (before, after, expected_steps) in WATERFALLS_ICBC.items():
        steps = dict(query(published_evaluation, "select indicator_code, total_points_change_on_previous_quarter "
                                                 "from fct_institution_evaluation_indicators where period_end = ? "
                                                 "and scheme_code = ? and institution_code = 'CS-ICBC'", [Q8, scheme]))
        assert steps == pytest.approx(expected_steps, abs=1e-5), scheme
        (totals,) = query(published_evaluation, "select previous.total_score, this.total_score from "
                                                "fct_institution_evaluation as this join fct_institution_evaluation as "
                                                "previous using (scheme_code, institution_code) where "
                                                "this.scheme_code = ? and this.institution_code = 'CS-ICBC' and "
                                                "this.period_end = ? and previous.period_end = date '2026-06-30'",
                          [scheme, Q8])
        assert totals == pytest.approx((before, after), abs=1e-5), scheme
        assert totals[0] + sum(expected_steps.values()) == pytest.approx(totals[1], abs=1e-5), scheme


def test_totals_ranks_and_grades_of_both_schemes_worked_by_hand(published_evaluation):
    for scheme, expected in EVALUATIONS.items():
        rows = dict((row[0], row[1:]) for row in query(
            published_evaluation, "select institution_code, quantitative_score, qualitative_score, total_score, "
                                  "institution_rank, grade_code, evaluation_status from fct_institution_evaluation "
                                  "where scheme_code = ? and period_end = ?", [scheme, Q8]))
        for institution, (quantitative, qualitative, total, rank, grade) in zip(INSTITUTIONS, expected):
            got = rows[institution]
            assert got[:3] == pytest.approx((quantitative, qualitative, total), abs=1e-5), (scheme, institution)
            assert got[3:] == (rank, grade, "scored"), (scheme, institution)
    # The change of rank: at q7 only ICBC was scored (PBoC), first of one; it stays first. The others have no
    # earlier rank.
    moves = query(published_evaluation, "select institution_code, previous_rank, rank_change from "
                                        "fct_institution_evaluation where scheme_code = 'PBOC2021' and period_end = ? "
                                        "order by institution_code", [Q8])
    assert moves == [("CS-ABC", None, None), ("CS-BOC", None, None), ("CS-ICBC", 1, 0)]


def test_a_quarter_without_three_earlier_ones_gets_no_made_up_score(published_evaluation):
    """At q6 growth has only q4 and q5 before it (q3's growth needs 2024-06-30, which the fixture lacks)."""
    rows = query(published_evaluation, "select institution_code, indicator_status, indicator_points, indicator_value "
                                       "from fct_institution_evaluation_indicators where period_end = date "
                                       "'2026-03-31' and scheme_code = 'PBOC2021' and indicator_code = "
                                       "'green_business_growth'")
    assert sorted((code, status, points) for code, status, points, _ in rows) == [
        ("CS-ABC", "insufficient_history", None), ("CS-BOC", "insufficient_history", None),
        ("CS-ICBC", "insufficient_history", None)]
    assert all(value is not None for *_, value in rows)  # the value is there: only the score is withheld
    statuses = query(published_evaluation, "select distinct evaluation_status, total_score, institution_rank, "
                                           "grade_code from fct_institution_evaluation where period_end = date "
                                           "'2026-03-31'")
    assert statuses == [("insufficient_history", None, None, None)]


def test_market_shares_that_do_not_add_up_stop_the_mart_gate(tmp_path, monkeypatch, capsys):
    """A transformation bug that inflates every market share by a tenth (the dbt project copied, the model
    changed): the mart gate names the scheme, region and quarter, in both languages, and publishes nothing."""
    from scripts.configuration import paths
    copy = tmp_path / "project" / "dbt_project"
    shutil.copytree(paths.DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    (copy.parent / "seeds").symlink_to(paths.DBT_PROJECT_DIR.parent / "seeds")
    model = copy / "models" / "marts" / "evaluation" / "fct_institution_evaluation_indicators.sql"
    text = model.read_text(encoding="utf-8")
    assert text.count("100 * business.green_business_100m_cny / nullif(sum(") == 1
    model.write_text(text.replace("100 * business.green_business_100m_cny / nullif(sum(",
                                  "110 * business.green_business_100m_cny / nullif(sum("), encoding="utf-8")
    monkeypatch.setattr(paths, "DBT_PROJECT_DIR", copy)
    monkeypatch.setattr(paths, "DBT_PARSE_STATE", copy / "target" / "state" / paths.DBT_PARSE_STATE.name)
    published = tmp_path / "published.duckdb"
    result = run_pipeline_in_process(FIXTURES / "evaluation", published, monkeypatch, capsys)
    assert result.returncode == 1
    assert "REJECTED at the mart quality gate — nothing was published" in result.stderr, result.stderr
    for fragment in ("the institutions' market shares of green business must add up to 100 % in each region and "
                     "quarter / 同一地区同一季度各机构的绿色金融业务市场份额之和必须为 100%",
                     "18 bad row(s) of 18"):  # 2 schemes × 9 quarters
        assert fragment in result.stderr, f"{fragment!r} not in:\n{result.stderr}"
    # each example row located by scheme, region and quarter, with its difference (every share × 1.1: +10 points)
    assert re.search(r"e\.g\. scheme_code '(PBOC2021|CQ2023)', region_code '500115', period_end '20\d\d-\d\d-\d\d', "
                     r"difference_pct 10\.0", result.stderr), result.stderr
    assert not published.exists()
