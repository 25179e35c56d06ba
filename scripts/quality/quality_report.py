"""Run reports: one JSON file per pipeline run in <quality dir>/runs/, never overwritten.

A report says when the run started and ended, whether it published, at which stage it stopped, what the
steward was told, and every expectation's outcome (observed value, unexpected count, sample bad values and
the rows they are on). The dashboard's data-quality page reads these files; `load_runs` is its reader.
"""
from __future__ import annotations

import datetime as dt
import json
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

    @property
    def critical_failures(self) -> int:
        return sum(not e["success"] and e["severity"] == "critical" for e in self.expectations)

    @property
    def warnings(self) -> int:
        return sum(not e["success"] and e["severity"] == "warning" for e in self.expectations)

    def finish(self, outcome: str, message: str | None = None) -> None:
        self.outcome, self.message, self.finished_at = outcome, message, now()

    def write(self, runs_dir: Path | None = None) -> Path:
        runs_dir = runs_dir or paths.quality_runs_dir()
        runs_dir.mkdir(parents=True, exist_ok=True)
        stamp = self.started_at.replace(":", "").replace("-", "").replace("+0000", "Z")
        path = runs_dir / f"{stamp}-{self.run_id}-{self.outcome}.json"
        self.report_path = str(path)
        document = dict(asdict(self), critical_failures=self.critical_failures, warnings=self.warnings)
        with path.open("x", encoding="utf-8") as handle:  # "x": a report is never overwritten
            json.dump(document, handle, ensure_ascii=False, indent=1, default=str)
        return path


def load_runs(runs_dir: Path | None = None) -> list[dict]:
    """Every kept run report, newest first."""
    runs_dir = runs_dir or paths.quality_runs_dir()
    reports = [json.loads(path.read_text(encoding="utf-8")) for path in runs_dir.glob("*.json")]
    return sorted(reports, key=lambda report: report["started_at"], reverse=True)
