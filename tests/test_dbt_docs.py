"""What `dbt docs` shows analysts: every mart column described (a shared description per column name, in
_marts__columns.md), and the dashboard's pages and the briefing as exposures, each depending on the marts it
reads."""
from __future__ import annotations

import ast
import re

import yaml

from scripts.outputs import queries
from tests.conftest import REPO_ROOT, query
from tests.dbt_docs import MARTS, mart_models, rendered


def page_lists():
    """PAGES and STEWARD_PAGES of dashboard/app.py, read without running the app (importing it runs it)."""
    tree = ast.parse((REPO_ROOT / "dashboard" / "app.py").read_text(encoding="utf-8"))
    values = {target.id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
              for target in node.targets if isinstance(target, ast.Name) and target.id in ("PAGES", "STEWARD_PAGES")}
    return values["PAGES"], values["STEWARD_PAGES"]


def test_every_column_of_every_mart_is_described(published_sample):
    db_path, _ = published_sample
    undescribed = []
    for model in mart_models():
        described = {column["name"]: rendered(column.get("description")).strip()
                      for column in model.get("columns", [])}
        built = [name for (name,) in query(db_path, "select column_name from information_schema.columns "
                                                    "where table_schema = current_schema() and table_name = ? "
                                                    "order by ordinal_position", [model["name"]])]
        assert built, model["name"]
        undescribed += [f"{model['name']}.{column}" for column in built if not described.get(column)]
    assert undescribed == []


MART_NAME = re.compile(r"\b(?:fct|dim)_\w+")


def exposures() -> dict[str, dict]:
    listed = yaml.safe_load((MARTS / "_marts__exposures.yml").read_text(encoding="utf-8"))["exposures"]
    return {exposure["name"]: exposure for exposure in listed}


def refs_of(exposure: dict) -> list[str]:
    return [re.fullmatch(r"ref\('(\w+)'\)", ref).group(1) for ref in exposure["depends_on"]]


def test_each_dashboard_page_is_an_exposure_of_the_marts_it_reads():
    PAGES, STEWARD_PAGES = page_lists()
    pages = {f"dashboard_{path.removeprefix('app_pages/').removesuffix('.py')}": url
             for section in PAGES.values() for path, _, _, url in section} | \
            {f"dashboard_{path.removeprefix('app_pages/').removesuffix('.py')}": url for path, _, _, url in STEWARD_PAGES}
    named = {name: exposure for name, exposure in exposures().items() if exposure["type"] == "dashboard"}
    assert set(named) == set(pages)
    marts = {model["name"] for model in mart_models()}
    # The dashboard's statements: its own, and those it shares with the briefing.
    statements = "".join((REPO_ROOT / module).read_text(encoding="utf-8")
                         for module in ("dashboard/data.py", "scripts/outputs/queries.py"))
    for name, exposure in named.items():
        assert exposure["url"] == f"/{pages[name]}", name
        refs = refs_of(exposure)
        assert refs and set(refs) <= marts, name
        assert all(re.search(rf"\b{ref}\b", statements) for ref in refs), name


def test_the_briefing_is_an_exposure_of_exactly_the_marts_its_statements_read():
    """Every queries.*_SQL the briefing's content model runs, and the marts they name."""
    source = (REPO_ROOT / "scripts" / "outputs" / "briefing" / "content.py").read_text(encoding="utf-8")
    used = set(re.findall(r"queries\.(\w+_SQL)", source))
    assert len(used) >= 10, used
    read = {mart for statement in used for mart in MART_NAME.findall(getattr(queries, statement))}
    assert sorted(refs_of(exposures()["leading_group_briefing"])) == sorted(read)
