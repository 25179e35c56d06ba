"""What `dbt docs` shows analysts: every mart column described (a shared description per column name, in
_marts__columns.md), and the dashboard's pages as exposures, each depending on the marts it reads."""
from __future__ import annotations

import ast
import re

import yaml

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


def test_each_dashboard_page_is_an_exposure_of_the_marts_it_reads():
    PAGES, STEWARD_PAGES = page_lists()
    exposures = yaml.safe_load((MARTS / "_marts__exposures.yml").read_text(encoding="utf-8"))["exposures"]
    pages = {f"dashboard_{path.removeprefix('app_pages/').removesuffix('.py')}": url
             for section in PAGES.values() for path, _, _, url in section} | \
            {f"dashboard_{path.removeprefix('app_pages/').removesuffix('.py')}": url for path, _, _, url in STEWARD_PAGES}
    named = {exposure["name"]: exposure for exposure in exposures}
    assert set(named) == set(pages)
    marts = {model["name"] for model in mart_models()}
    data_module = (REPO_ROOT / "dashboard" / "data.py").read_text(encoding="utf-8")
    for name, exposure in named.items():
        assert exposure["url"] == f"/{pages[name]}", name
        refs = [re.fullmatch(r"ref\('(\w+)'\)", ref).group(1) for ref in exposure["depends_on"]]
        assert refs and set(refs) <= marts, name
        assert all(re.search(rf"\b{ref}\b", data_module) for ref in refs), name
