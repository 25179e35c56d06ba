"""Run reports: one JSON file per pipeline run in <quality dir>/runs/, never overwritten.

A report says when the run started and ended, whether it published, at which stage it stopped, what the
steward was told, and every expectation's outcome (observed value, unexpected count, sample bad values and
the rows they are on). The dashboard's data-quality page reads these files; `load_runs` is its reader.
"""
from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scripts.configuration import paths
from scripts.configuration.journal import now

# What the report of a run that stopped on an unexpected error says (the dashboard tells it from a rejection).
UNEXPECTED_STOP = "the run stopped on an unexpected error; see the pipeline's output"

# A checked run was validated and stopped before publishing on purpose: a dry run, a file waiting for its
# partner, or a file whose own problems already reject it (its message says which).
PUBLISHED, REJECTED, CHECKED = "published", "rejected", "checked"
# The stages of a run, in order; a rejected run names the one it stopped at.
INGESTION, RAW_GATE, DBT_BUILD, MART_GATE, PUBLISH = (
    "ingestion", "raw quality gate", "dbt build", "mart quality gate", "publish")
# Not a stage (a run never stops there): the rendering of the Data Docs after the verdict, timed beside them.
DATA_DOCS = "data docs"


@dataclass
class RunReport:
    raw_dir: str
    published_db: str
    trigger: str | None = None  # what started the run, e.g. a steward's submission; None for `make build`
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    started_at: str = field(default_factory=now)
    finished_at: str | None = None
    outcome: str | None = None
    stage: str = INGESTION
    message: str | None = None
    raw_row_counts: dict[str, int] = field(default_factory=dict)
    expectations: list[dict] = field(default_factory=list)
    data_docs_index: str | None = None
    data_docs_error: str | None = None
    report_path: str | None = None
    # Wall seconds spent in each stage reached (and in rendering the Data Docs), and the seconds dbt's nodes
    # took by its own timer (run_results.json): where a run's time goes, for analysts and `make bench`.
    stage_seconds: dict[str, float] = field(default_factory=dict)
    dbt_node_seconds: float | None = None
    # A steward's build from the published file (scripts/publishing/partial_build.py): the raw sources that
    # changed and what dbt built again; None: everything was built.
    changed_sources: list[str] | None = None
    dbt_selection: list[str] | None = None
    _stage_started: float = field(default_factory=time.perf_counter, repr=False)

    def enter(self, stage: str) -> None:
        """The run moves on to `stage`: the stage it leaves gets its time."""
        self._close_stage()
        self.stage = stage

    def _close_stage(self) -> None:
        ended = time.perf_counter()
        self.stage_seconds[self.stage] = round(self.stage_seconds.get(self.stage, 0.0) + ended - self._stage_started, 3)
        self._stage_started = ended

    @property
    def critical_failures(self) -> int:
        return sum(not e["success"] and e["severity"] == "critical" for e in self.expectations)

    @property
    def warnings(self) -> int:
        return sum(not e["success"] and e["severity"] == "warning" for e in self.expectations)

    def finish(self, outcome: str, message: str | None = None) -> None:
        self._close_stage()
        self.outcome, self.message, self.finished_at = outcome, message, now()

    def write(self, runs_dir: Path | None = None) -> Path:
        runs_dir = runs_dir or paths.quality_runs_dir()
        runs_dir.mkdir(parents=True, exist_ok=True)
        stamp = self.started_at.replace(":", "").replace("-", "").replace("+0000", "Z")
        path = runs_dir / f"{stamp}-{self.run_id}-{self.outcome}.json"
        self.report_path = str(path)
        document = dict(asdict(self), critical_failures=self.critical_failures, warnings=self.warnings)
        document.pop("_stage_started")
        with path.open("x", encoding="utf-8") as handle:  # "x": a report is never overwritten
            json.dump(document, handle, ensure_ascii=False, indent=1, default=str)
        return path


def load_runs(runs_dir: Path | None = None) -> list[dict]:
    """Every kept run report, newest first."""
    runs_dir = runs_dir or paths.quality_runs_dir()
    reports = [json.loads(path.read_text(encoding="utf-8")) for path in runs_dir.glob("*.json")]
    return sorted(reports, key=lambda report: report["started_at"], reverse=True)
