"""The dbt project's SQL passes sqlfluff with its committed config (dbt_project/.sqlfluff): the jinja templater
with dbt's built-ins, so no database or profile is needed."""
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.integration  # half a minute of parsing: not for the unit lane


def test_every_model_and_test_passes_sqlfluff():
    sqlfluff = Path(sys.executable).with_name("sqlfluff")
    result = subprocess.run([str(sqlfluff), "lint", "models", "tests", "--nocolor"], cwd=REPO_ROOT / "dbt_project",
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All Finished" in result.stdout


def test_sqlfluff_would_catch_a_fault(tmp_path):
    """The same config refuses a badly laid-out model, so a pass above means something."""
    project = tmp_path / "dbt_project"
    (project / "models").mkdir(parents=True)
    (project / ".sqlfluff").write_text((REPO_ROOT / "dbt_project" / ".sqlfluff").read_text(encoding="utf-8"))
    (project / "macros").symlink_to(REPO_ROOT / "dbt_project" / "macros")
    (project / "models" / "bad.sql").write_text("SELECT a,b FROM {{ ref('x') }}   WHERE a=1\n")
    sqlfluff = Path(sys.executable).with_name("sqlfluff")
    result = subprocess.run([str(sqlfluff), "lint", "models", "--nocolor"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "CP01" in result.stdout and "LT01" in result.stdout
