"""The hand-kept reference data says what the plan says: 32 tasks with their departments exactly as listed,
and every quantitative target with its number and clause."""
import csv
import re

import pytest

from tests.conftest import FIXTURES, REPO_ROOT

PLAN = FIXTURES / "plan" / "changshou_green_finance_plan_2023.txt"
SEEDS = REPO_ROOT / "seeds"
DEPARTMENTS = re.compile(r"（责任部门：((?:[^（）]|（[^（）]*）)*)）")


@pytest.fixture(scope="module")
def plan_text():
    assert PLAN.exists(), f"the plan is expected at {PLAN}"
    # The text comes from a PDF: page breaks and spaces split words, and brackets come half- or full-width.
    text = re.sub(r"\s+", "", PLAN.read_text(encoding="utf-8"))
    return text.replace("(", "（").replace(")", "）")


def seed(name):
    with (SEEDS / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_thirty_two_tasks_numbered_in_order():
    assert [int(task["task_no"]) for task in seed("task_ledger")] == list(range(1, 33))


def test_each_task_title_and_departments_are_the_plans(plan_text):
    for task in seed("task_ledger"):
        start = plan_text.index(f"{task['task_no']}.{task['task_title_zh']}")
        # The list may itself hold brackets, e.g. 区市场监管局（知识产权局）.
        listed = DEPARTMENTS.search(plan_text, start).group(1)
        assert task["responsible_departments"] == listed, task["task_no"]


def test_each_task_sits_in_its_plan_section(plan_text):
    sections = {section["section_code"]: section["section_title_zh"] for section in seed("plan_sections")}
    for task in seed("task_ledger"):
        task_at = plan_text.index(f"{task['task_no']}.{task['task_title_zh']}")
        section_at = plan_text.rindex(sections[task["section_code"]], 0, task_at)
        later_sections = [plan_text.find(title, section_at + 1) for title in sections.values()]
        assert not any(section_at < position < task_at for position in later_sections), task["task_no"]


def test_every_department_in_the_ledger_has_an_english_name():
    named = {department["department_name_zh"] for department in seed("departments")}
    listed = {name for task in seed("task_ledger") for name in re.split("[、，]", task["responsible_departments"])}
    assert listed == named


@pytest.mark.parametrize("target_code, value", [
    ("GL_BALANCE_2025", "90"), ("GL_GROWTH_VS_2020", "200"), ("GL_ANNUAL_GROWTH_FLOOR", "20"),
    ("GL_SHARE_2025", "15"), ("GB_ISSUANCE_2025", "20"), ("EI_REDUCTION_2025", "-17"),
    ("FOREST_COVERAGE_2025", "53"), ("FOREST_STOCK_2025", "225.98"),
    ("CO2I_REDUCTION_2025", ""), ("NONFOSSIL_SHARE_2025", ""),
])
def test_target_registry_holds_the_plans_numbers(target_code, value, plan_text):
    (target,) = [row for row in seed("target_registry") if row["target_code"] == target_code]
    assert target["regime_code"] == "CS2025"
    assert target["target_value"] == value
    assert target["plan_wording_zh"] in plan_text
    assert target["target_year"] == "2025"
    if value:
        assert value.lstrip("-") in target["plan_wording_zh"]
        assert target["set_by"] == "district"
    else:
        assert target["set_by"] == "city" and "市级下达" in target["plan_wording_zh"]
    clause_heading = {"四（二）": "（二）绿色金融支持绿色低碳发展更加有力", "四（六）": "（六）绿色金融服务碳达峰"}
    assert plan_text.index(clause_heading[target["clause_ref"]]) < plan_text.index(target["plan_wording_zh"])


# The targets after 2025 as public sources report them (the registry marks them source_checked = false): the
# city's 2027 action plan and the national 15th Five-Year Plan. The district's own targets from 2026 are awaited.
LATER_TARGETS = {
    "CQ_GL_BALANCE_2027": ("CQ2027", "12000", "2027", "500000"),
    "CQ_EI_REDUCTION_2027": ("CQ2027", "-16", "2027", "500000"),
    "CQ_NONFOSSIL_SHARE_2027": ("CQ2027", "25", "2027", "500000"),
    "CQ_FOREST_COVERAGE_2027": ("CQ2027", "55", "2027", "500000"),
    "CN_CO2I_REDUCTION_2030": ("CN2030", "-17", "2030", ""),
    "CS_GL_BALANCE_2027": ("CS2027", "", "2027", "500115"),
    "CS_GL_SHARE_2027": ("CS2027", "", "2027", "500115"),
    "CS_GB_ISSUANCE_2027": ("CS2027", "", "2027", "500115"),
}


def test_every_target_of_every_regime_is_in_the_registry_once_with_its_plan_document():
    targets, regimes = seed("target_registry"), {regime["regime_code"]: regime for regime in seed("target_regimes")}
    codes = [target["target_code"] for target in targets]
    assert len(codes) == len(set(codes)) == 10 + len(LATER_TARGETS)
    assert {target["target_code"]: (target["regime_code"], target["target_value"], target["target_year"],
                                    target["set_for_region_code"])
            for target in targets if target["regime_code"] != "CS2025"} == LATER_TARGETS
    for target in targets:
        regime = regimes[target["regime_code"]]
        assert target["target_year"] == regime["deadline_year"], target["target_code"]
        # Issued plans name the document they were read in; only the awaited one has none yet.
        assert bool(regime["source_document"]) == (regime["regime_status"] == "issued"), regime["regime_code"]
        # Awaited targets have no value, whatever the registry says elsewhere.
        if regime["regime_status"] == "awaited":
            assert target["target_value"] == "", target["target_code"]
    # Only the district's 2025 plan was checked against its original text (shared/seed-docs/001_...).
    assert [code for code, regime in regimes.items() if regime["source_checked"] == "true"] == ["CS2025"]
    assert regimes["CS2025"]["document_number"] == "长寿府办发〔2023〕12号"
    assert regimes["CS2025"]["source_document"].startswith("shared/seed-docs/001_")
    assert {code: regime["region_scope"] for code, regime in regimes.items()} == {
        "CS2025": "district", "CQ2027": "city", "CN2030": "nation", "CS2027": "district"}
