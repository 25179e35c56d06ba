"""The code tree is the data flow: `scripts/` has a folder per step of the README's diagram, and a step imports
only the steps below it (docs/architecture.md). The dashboard imports only configuration, the run reports, the
submit use case (with the store of what was submitted, which its page lists), the accounts it signs in with, and
the wording it shares with the CLI summary. The text catalog is configuration (scripts/configuration/text.py), the
bottom step, so that every step, the dashboard included, may say things from it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

# The steps in dependency order: each may import itself and those before it. Outputs (summary, headline
# changes) read a published file and need only configuration; publishing prints them after it publishes.
STEPS = ("configuration", "ingestion", "quality", "outputs", "publishing")
# Beside the flow: each may import configuration only, and is imported only by the steps named here. The submit
# use case (publishing) reads an account's department, to hold a department to its own rows; the benchmark
# (`make bench`) writes the scaled sample (demo) and its readers' account (administration), and runs everything
# else as users do, by command; serving (`make serve-many`: dashboard processes behind nginx) starts its parts by
# command too.
SIDE_STEPS = ("administration", "demo", "benchmark", "serving")
SIDE_STEP_USERS = {"administration": ("publishing", "benchmark"), "demo": ("benchmark",)}
# What a side step may read of the flow besides configuration: the benchmark reads the run reports (quality)
# and starts the steward worker as `make serve` does (publishing).
SIDE_STEP_READS = {"benchmark": ("quality", "publishing")}
# The Great Expectations suites are the quality step's definitions.
PACKAGE_STEPS = {"expectations": "quality"}
DASHBOARD_MAY_IMPORT = ("scripts.configuration", "scripts.quality.quality_report", "scripts.publishing.ingest",
                        # the submit use case as the upload page calls it: through the warm worker if it runs
                        "scripts.publishing.steward_worker",
                        "scripts.ingestion.submission_store", "scripts.administration.accounts",
                        # the words progress is said in, shared with the CLI summary (the text catalog is
                        # configuration)
                        "scripts.outputs.wording",
                        # what the dashboard shares with the briefing: the statements, the target groups, the
                        # colours, and the briefing itself for the overview's download
                        "scripts.outputs.queries", "scripts.outputs.target_groups", "scripts.outputs.palette",
                        "scripts.outputs.briefing.make")


def python_files(folder: str) -> list[Path]:
    return sorted((REPO_ROOT / folder).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every project module a file imports (`from scripts.x import y` counts scripts.x and scripts.x.y)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {module for module in modules if module.split(".")[0] in ("scripts", "dashboard", "expectations")}


def step_of(module_or_path: str) -> str | None:
    parts = module_or_path.replace("/", ".").removesuffix(".py").split(".")
    if parts[0] in PACKAGE_STEPS:
        return PACKAGE_STEPS[parts[0]]
    if parts[0] == "scripts" and len(parts) > 1 and parts[1] in STEPS + SIDE_STEPS:
        return parts[1]
    return None


def allowed(importer_step: str, imported_step: str) -> bool:
    if imported_step in SIDE_STEPS and importer_step != imported_step:
        return importer_step in SIDE_STEP_USERS.get(imported_step, ())
    if importer_step in SIDE_STEPS:
        return imported_step in (importer_step, "configuration", *SIDE_STEP_READS.get(importer_step, ()))
    return STEPS.index(imported_step) <= STEPS.index(importer_step)


def test_every_module_of_scripts_is_in_a_step_folder():
    loose = [path.name for path in (REPO_ROOT / "scripts").glob("*.py") if path.name != "__init__.py"]
    assert loose == []
    folders = {path.name for path in (REPO_ROOT / "scripts").iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == set(STEPS + SIDE_STEPS)


@pytest.mark.parametrize("folder", ["scripts", "expectations"])
def test_no_step_imports_a_later_step(folder):
    violations = []
    for path in python_files(folder):
        importer = step_of(str(path.relative_to(REPO_ROOT)))
        if importer is None:
            continue
        for module in imported_modules(path):
            imported = step_of(module)
            if module.startswith("dashboard"):
                violations.append(f"{path.relative_to(REPO_ROOT)} imports the dashboard ({module})")
            elif imported and not allowed(importer, imported):
                violations.append(f"{path.relative_to(REPO_ROOT)} ({importer}) imports {module} ({imported})")
    assert violations == []


def test_the_dashboard_imports_only_what_it_may():
    violations = [f"{path.relative_to(REPO_ROOT)} imports {module}" for path in python_files("dashboard")
                  for module in imported_modules(path)
                  if module.startswith(("scripts", "expectations"))
                  and not any(module == allowed_module or module.startswith(allowed_module + ".")
                              for allowed_module in DASHBOARD_MAY_IMPORT)
                  # `from scripts.configuration import paths` also lists the package it comes from
                  and module not in ("scripts", "scripts.quality", "scripts.publishing", "scripts.ingestion",
                                     "scripts.administration", "scripts.outputs", "scripts.outputs.briefing")]
    assert violations == []


def test_the_rules_catch_a_lower_step_importing_a_higher_one():
    """The checker itself: a quality module importing publishing, or the demo importing ingestion, is refused."""
    assert not allowed("quality", "publishing")
    assert not allowed("ingestion", "quality")
    assert not allowed("demo", "ingestion")
    assert not allowed("quality", "administration") and allowed("publishing", "administration")
    assert allowed("publishing", "outputs") and allowed("quality", "configuration")
    assert step_of("scripts/publishing/pipeline.py") == "publishing"
    assert step_of("expectations.suites") == "quality"
    assert step_of("scripts.configuration.text") == "configuration"  # the catalog: every step may use it
