"""The quality gate: run the Great Expectations suites of one stage on a candidate database.

Each suite's dataframe is read through a short-lived read-only DuckDB connection (expectations/frames/<stage>.sql)
and validated as a pandas batch in a GX context held in memory, or, when longer than LONGEST_PANDAS_FRAME, by
DuckDB (scripts/quality/sql_rules.py); the suites and results are then stored in the file-backed GX project the
Data Docs are built from. (GX's SQL datasource on DuckDB returns empty metrics for most expectations without
raising, so it is not used.)

Usage: python -m scripts.quality.quality_gate --db FILE [--stage raw|marts|all]
Validates an existing database (e.g. the published one) without changing it; exit 1 on a critical failure.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import sys
import tempfile
from collections.abc import Collection
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from scripts.configuration import db, paths, raw_contract

# Bad rows kept per expectation in the run report (a steward's submission is answered with all of them, up to
# this many), and printed per expectation in the summary.
EXAMPLES_KEPT = 200
EXAMPLES_PRINTED = 5


@dataclass
class ExpectationOutcome:
    """One expectation of one run, as data stewards and the dashboard read it."""
    suite: str
    stage: str
    source: str
    expectation: str
    column: str | None
    severity: str
    rule_en: str
    rule_zh: str
    why: str
    success: bool
    element_count: int | None = None
    unexpected_count: int | None = None
    observed_value: object = None
    sample_unexpected_values: list = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)
    error: str | None = None

    @property
    def blocks_publishing(self) -> bool:
        return not self.success and self.severity == "critical"


class QualityGateFailure(Exception):
    """A critical expectation failed; the message is the summary a data steward acts on."""

    def __init__(self, outcomes: list[ExpectationOutcome]):
        self.outcomes = outcomes
        super().__init__(steward_summary(outcomes))


def open_context():
    """The file-backed GX project in the quality folder, from the committed template (see its comments)."""
    import great_expectations as gx  # imported here: ~3 s, only runs that validate pay for it

    project = paths.quality_dir() / "gx"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.GX_CONFIG_TEMPLATE, project / "great_expectations.yml")
    return gx.get_context(mode="file", project_root_dir=str(paths.quality_dir()))


def in_memory_context():
    """A GX context held in memory, with the file project's settings: no usage statistics (no internet), no
    progress bars in the pipeline's output."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (DataContextConfig, InMemoryStoreBackendDefaults,
                                                            ProgressBarsConfig)

    return gx.get_context(mode="ephemeral", project_config=DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(), analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False)))


# A frame longer than this is validated by DuckDB (scripts/quality/sql_rules.py: the same expectations, as SQL,
# held to GX's answers by tests/test_sql_rules.py) rather than as a pandas batch: GX's pandas engine holds the
# whole frame as Python objects and costs tens of µs a row per rule, which at a hundred thousand rows and more is
# most of a refresh. The sample's frames (6,435 rows at most) and a steward's are validated by GX itself.
LONGEST_PANDAS_FRAME = 50_000


@contextmanager
def stage_frames(candidate: Path, stage: str):
    """The stage's frames (expectations/frames/<stage>.sql) over the candidate file attached read-only, in a
    scratch DuckDB file; yields a function that gives one frame (sql_rules.Frame) by its name."""
    from expectations.suites import MARTS
    from scripts.quality.sql_rules import Frame

    stages = ["raw", "marts"] if stage == MARTS else ["raw"]  # the mart frames reuse the raw ones
    with tempfile.TemporaryDirectory(prefix="gf-gate-") as scratch, \
            duckdb.connect(str(Path(scratch) / "frames.duckdb")) as connection:
        connection.execute(f"set memory_limit = '{db.PIPELINE_MEMORY_LIMIT}'")
        connection.execute("attach ? as candidate (read_only)", [str(candidate)])
        for seed in paths.SEEDS_DIR.glob("*.csv"):
            frame = pd.read_csv(seed, dtype=str, keep_default_na=False)
            connection.register(f"seed_{seed.stem}", frame)
        for name in stages:
            connection.execute((paths.FRAMES_DIR / f"{name}.sql").read_text(encoding="utf-8"))
        yield lambda name: Frame(connection, name)


def validate(candidate: Path, stage: str, run_name: str | None = None, partner_rules: bool = True,
             keep: bool = True, sources_first: Collection[str] = ()) -> list[ExpectationOutcome]:
    """Run every suite of `stage` on the candidate database; returns one outcome per expectation.
    `run_name` (the pipeline's run id) labels the results in the Data Docs. Without `partner_rules`, the
    rules across green loans and all loans are left out (a file waiting for its partner is checked so).
    Without `keep`, nothing is kept for the Data Docs (the steward worker's rehearsal). With `sources_first`
    (a steward's package: the raw sources it brings), the suites on those sources run first, and if one of
    them fails critically the others are not run: the verdict is already a rejection, and the steward hears
    it without waiting for the rules on data that was published before."""
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (ExpectationSuiteIdentifier,
                                                                            ValidationResultIdentifier)
    from expectations.suites import SUITES, Reference

    specs = [spec for spec in SUITES if spec.stage == stage and (partner_rules or not spec.spans_partners)]
    first = [spec for spec in specs if set(spec.sources) & set(sources_first)]
    specs = first + [spec for spec in specs if spec not in first]
    reference = Reference.from_seeds(paths.SEEDS_DIR, submitted_reference(candidate))
    # Each suite is validated on its frame's batch directly, in a context held in memory: a checkpoint (and the
    # file-backed project) would store every suite, validation definition and checkpoint, and check each is
    # fresh, on every run, for a third of the gate's time. What the Data Docs need is kept below.
    context = in_memory_context()
    datasource = context.data_sources.add_pandas(f"{stage}_frames")
    run_id = RunIdentifier(run_name=run_name or "manual check", run_time=dt.datetime.now(dt.timezone.utc))
    suites, results, outcomes = [], {}, []

    def validated(spec, suite, asset: str, frame: pd.DataFrame) -> dict[str, ExpectationOutcome]:
        """The outcomes of `suite` on `frame`, by expectation (GX's results need not keep the suite's order)."""
        batch = (datasource.add_dataframe_asset(asset).add_batch_definition_whole_dataframe("whole frame")
                 .get_batch(batch_parameters={"dataframe": frame}))
        validation = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        # GX keeps every batch's dataframe, in its engine's batch cache and in the result's batch_spec: let go
        # of it, so that a frame validated in parts holds one part at a time. The stored result names the kind
        # of data there, as GX writes it.
        batch_manager = batch.data.execution_engine.batch_manager
        batch_manager.reset_batch_cache()  # the batches, not their data:
        batch_manager.batch_data_cache.clear()
        validation.meta["batch_spec"] = {"batch_data": "PandasDataFrame", "data_asset_name": spec.name}
        validation.meta.update(run_id=run_id, validation_time=run_id.run_time)
        results[ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite.name),
                                           run_id=run_id, batch_identifier=batch.id)] = validation
        return {expectation_key(item.expectation_config): outcome_of(spec, frame, item) for item in validation.results}

    def validated_by_duckdb(spec, suite, frame) -> list[ExpectationOutcome]:
        """The outcomes of `suite` on a long frame, evaluated as SQL; its GX results kept as GX's would be."""
        from great_expectations.core import ExpectationSuiteValidationResult
        from scripts.quality.sql_rules import validated as validated_in_sql

        answers = validated_in_sql(frame, suite.expectations, EXAMPLES_KEPT)
        items = [item for item, _ in answers]
        passed = sum(bool(item.success) for item in items)
        results[ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite.name),
                                           run_id=run_id, batch_identifier=f"{stage}_frames-{spec.name}-duckdb")] = \
            ExpectationSuiteValidationResult(
                success=passed == len(items), results=items, suite_name=suite.name,
                statistics={"evaluated_expectations": len(items), "successful_expectations": passed,
                            "unsuccessful_expectations": len(items) - passed,
                            "success_percent": 100 * passed / len(items) if items else None},
                meta={"batch_spec": {"batch_data": f"DuckDB view of {frame.rows} rows", "data_asset_name": spec.name},
                      "run_id": run_id,
                      "validation_time": run_id.run_time,
                      "active_batch_definition": {"datasource_name": f"{stage}_frames", "data_asset_name": spec.name,
                                                  "batch_definition_name": "whole frame (DuckDB)"}})
        return [outcome_of(spec, bad_rows, item) for item, bad_rows in answers]

    with stage_frames(candidate, stage) as frame_of:
        for position, spec in enumerate(specs):
            if position == len(first) and any(outcome.blocks_publishing for outcome in outcomes):
                break  # the package's own rules have rejected it
            suite = configured_suite(spec, reference)
            suites.append(suite)
            frame = frame_of(spec.frame)
            if frame.rows > LONGEST_PANDAS_FRAME:
                outcomes += validated_by_duckdb(spec, suite, frame)
            else:
                outcomes += validated(spec, suite, spec.name, frame.whole()).values()
    if keep:
        keep_for_data_docs(suites, results)
    return outcomes


def expectation_key(config) -> str:
    """What tells one expectation of a suite from the others in its results: its type and arguments."""
    arguments = {name: value for name, value in config.kwargs.items() if name != "batch_id"}
    return config.type + json.dumps(arguments, sort_keys=True, default=str)


def keep_for_data_docs(suites: list, results: dict) -> None:
    """Store a run's suites and validation results in the file-backed project the Data Docs are built from."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    project = open_context()
    for suite in suites:
        project.expectations_store.set(ExpectationSuiteIdentifier(name=suite.name), suite)
    for key, result in results.items():
        project.validation_results_store.set(key, result)


def submitted_reference(candidate: Path) -> dict[str, list[dict]]:
    """The regions and institutions loaded into the candidate, which extend the seeds' code lists."""
    from scripts.configuration.submission_format import SUBMITTED_REFERENCE

    submitted = {}
    with duckdb.connect(str(candidate), read_only=True) as connection:
        for source in SUBMITTED_REFERENCE:
            try:
                submitted[source] = db.records(connection, f'select * exclude '
                                               f'({", ".join(raw_contract.LINEAGE_COLUMNS)}) from raw."{source}"')
            except duckdb.CatalogException:  # a file built before these sources existed: the seeds alone
                submitted[source] = []
    return submitted


def configured_suite(spec, reference):
    """The suite of a spec; raw suites get their source's contract columns (scripts/configuration/raw_contract.py)."""
    contract = raw_contract.column_names(spec.source) if spec.source in raw_contract.source_names() else []
    return spec.configure(reference, contract)


def outcome_of(spec, frame: pd.DataFrame, item) -> ExpectationOutcome:
    config, result = item.expectation_config, item.result or {}
    meta = config.meta or {}
    error = (item.exception_info or {}).get("exception_message") if not item.success else None
    shown = shown_columns(config.kwargs, meta.get("column"), frame)
    bad_rows = frame.loc[result.get("unexpected_index_list", [])[:EXAMPLES_KEPT]] if shown else frame.iloc[:0]
    examples = [{column: plain(value) for column, value in row.items()}
                for row in bad_rows[[column for column in dict.fromkeys([*spec.location_columns, *shown])
                                     if column in frame.columns]].to_dict("records")]
    return ExpectationOutcome(
        suite=spec.name, stage=spec.stage, source=spec.source, expectation=config.type, column=meta.get("column"),
        severity=meta["severity"], rule_en=meta["rule_en"], rule_zh=meta["rule_zh"], why=meta["why"],
        success=bool(item.success), element_count=result.get("element_count"),
        unexpected_count=result.get("unexpected_count"), observed_value=plain(result.get("observed_value")),
        sample_unexpected_values=[plain(value) for value in result.get("partial_unexpected_list", [])[:EXAMPLES_KEPT]],
        examples=examples, error=error)


def shown_columns(kwargs: dict, steward_column: str | None, frame: pd.DataFrame) -> list[str]:
    """The frame columns a failure example shows: the submitted column, then the columns the rule compared."""
    checked = [kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B"), *kwargs.get("column_list", [])]
    return [column for column in dict.fromkeys([steward_column, *checked]) if column and column in frame.columns]


def plain(value):
    """A JSON-ready scalar: numpy numbers to Python, NaN to None, tuples to lists."""
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def steward_summary(outcomes: list[ExpectationOutcome]) -> str:
    """What failed, where, and examples of the bad values: critical failures first, then warnings."""
    failed = sorted((o for o in outcomes if not o.success), key=lambda o: (o.severity != "critical", o.suite))
    critical_count = sum(o.blocks_publishing for o in failed)
    lines = [f"Quality gate: {critical_count} critical failure(s) (block publishing), "
             f"{len(failed) - critical_count} warning(s)."]
    for outcome in failed:
        mark = "✗ critical" if outcome.severity == "critical" else "! warning "
        column = f", column {outcome.column}" if outcome.column else ""
        count = (f": {outcome.unexpected_count} bad row(s) of {outcome.element_count}"
                 if outcome.unexpected_count is not None else f" (observed {outcome.observed_value})")
        lines.append(f"{mark} source {outcome.source}{column} — {outcome.rule_en} / {outcome.rule_zh}{count} "
                     f"[{outcome.suite}: {outcome.expectation}]")
        if outcome.error:
            lines.append(f"    could not evaluate: {outcome.error}")
        lines += [f"    e.g. {describe_example(example)}" for example in outcome.examples[:EXAMPLES_PRINTED]]
        if len(outcome.examples) > EXAMPLES_PRINTED:
            lines.append(f"    … {len(outcome.examples) - EXAMPLES_PRINTED} more in the run report")
    return "\n".join(lines)


def describe_example(example: dict) -> str:
    located = []
    if example.get("_source_file") is not None:
        located.append(f"file {example['_source_file']}, row {example['_source_row']}")
    located += [f"{column} {value!r}" for column, value in example.items()
                if column not in ("_source_file", "_source_row")]
    return ", ".join(located)


def outcomes_as_json(outcomes: list[ExpectationOutcome]) -> list[dict]:
    return [asdict(outcome) for outcome in outcomes]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="database to validate (default: the published one)")
    parser.add_argument("--stage", choices=["raw", "marts", "all"], default="all")
    parser.add_argument("--json", action="store_true", help="print every outcome as JSON")
    args = parser.parse_args()
    database = args.db or paths.published_db_path()
    stages = ["raw", "marts"] if args.stage == "all" else [args.stage]
    outcomes = [outcome for stage in stages for outcome in validate(database, stage)]
    print(json.dumps(outcomes_as_json(outcomes), ensure_ascii=False, indent=1) if args.json
          else steward_summary(outcomes))
    return 1 if any(outcome.blocks_publishing for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
