"""dbt-duckdb plugin of the analysts' `dev` target (profiles.yml): checks, before DuckDB opens a file, that
there is a published warehouse to read the raw data from, and creates the development file's folder.

A plugin rather than an on-run-start hook: the profile's read-only attach of the published file happens when
the connection opens, before any hook could run, and would fail with DuckDB's bare "database does not exist".
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        # The target's read-only attachments are what it reads, never writes: the published file.
        for published in [attachment.path for attachment in self.creds.attach or [] if attachment.read_only]:
            if not Path(published).is_file():
                raise RuntimeError(
                    f"还没有已发布的数据库 {published}：请先运行 `make build`（加载原始数据、质量检查、发布），"
                    f"再运行 dbt build。\n"
                    f"No published warehouse at {published}: run `make build` first (it loads the raw data, "
                    f"runs the quality gate and publishes); the analysts' dbt build reads the raw data from it.")
        Path(self.creds.path).parent.mkdir(parents=True, exist_ok=True)
