"""`make bench`: where the monitor's time and memory go, measured side by side in one run.

Each figure is a real command, run as users run it, timed by GNU time (wall, CPU = user + system of the
command and everything it started, peak RSS of the largest process):

- refresh: `python -m scripts.publishing.pipeline` on the sample, cold (no dbt parse state) and warm, against
  its floor: a full `dbt parse`, a `dbt parse` from the kept parse state, `import great_expectations`, and the
  dbt nodes' own time (the run report's dbt_node_seconds); and against a hand-written DuckDB query doing the
  same aggregation (region green loans, all loans, share, same-basis growth) on the same CSVs;
- steward: `python -m scripts.publishing.ingest` with one quarter of Changshou's loans (green and all loans),
  and the same package with one bad cell: cold (submitted in the command's own process), then through a warm
  steward worker (scripts/publishing/steward_worker.py, started as `make serve` starts it), with its CPU;
- scale: the pipeline and the hand-written query at N× the sample's institutions (scripts/demo/scaled_sample.py),
  with the variable cost (minus the 1× cost) of the pipeline over that of the query;
- history: the refresh with 10 and with 200 stored runs (copies of the last run's validation results and
  report), after one settling run each (the first run on a grown history archives what the site no longer shows);
- briefing: `python -m scripts.outputs.briefing` (what `make briefing` runs) for the newest quarter of the
  sample, both files, in Chinese and in English, three times each, against the target of 15 s wall;
- readers: N browser sessions at once, then the largest N arriving one a second (headless Chromium, one context
  each) signing in and opening 总览 and 绿色信贷: p50/p95 seconds to each, failed sessions, and the server's CPU
  per session; for one and for several dashboard processes behind nginx (`make serve-many`); and the browser's
  floor: the CPU of a new context on a blank page and on the login form, before any page of ours is drawn.

It writes <out>/bench-<time>.json and <out>/bench-<time>-scale.html (the scale curve, Plotly, offline) and
prints a table. Not a test: CI never runs it; its figures are the ones the issues' targets are stated in.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts.configuration import db, paths
from scripts.configuration.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.configuration.local_server import free_port, wait_until_healthy
from scripts.demo import scaled_sample
from scripts.publishing import steward_worker
from scripts.quality import quality_report

PYTHON = sys.executable
GNU_TIME = "/usr/bin/time"
CHANGSHOU = "500115"
BENCH_USER, BENCH_PASSWORD = "bench_leader", "bench-password-not-for-production"
CREDIT_TITLE, CREDIT_PATH = "绿色信贷", "green-credit"
# How often a waiting session looks at its page. Playwright's default, every animation frame, has each of twenty
# waiting pages run its check sixty times a second on the cores the server needs.
POLL_MS = 100
SCRIPT_DONE = "() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')"
SESSION_TIMEOUT_MS = 120_000
BROWSER_FLOOR_CONTEXTS = 5  # new contexts, one after another, for each of the browser's floor figures
SERVER_START_TIMEOUT_S = 180
ARRIVAL_INTERVAL_S = 1.0  # "arriving one a second": the readers' round after the rounds at once

# The hand-written equivalent of the loan marts' arithmetic: sum to region × quarter × basis, convert units,
# share of all loans, growth on the same basis. What the pipeline's variable cost is compared with.
HAND_WRITTEN_SQL = """
create table factors as select * from read_csv('{seeds}/unit_conversions.csv', all_varchar = true);
create table green as
select region_code, period_end, statistics_basis,
    sum(cast(balance as decimal(38, 10)) * cast(factors.factor_to_canonical as decimal(38, 10))) as green_100m
from read_csv('{raw}/green_loans/*.csv', all_varchar = true) as loans
join factors on factors.unit = loans.amount_unit
group by all;
create table total as
select region_code, period_end,
    sum(cast(balance as decimal(38, 10)) * cast(factors.factor_to_canonical as decimal(38, 10))) as total_100m
from read_csv('{raw}/total_loans/*.csv', all_varchar = true) as loans
join factors on factors.unit = loans.amount_unit
group by all;
create table result as
select green.*, 100 * green.green_100m / total.total_100m as share_pct,
    100 * (green.green_100m / earlier.green_100m - 1) as yoy_growth_pct
from green
left join total using (region_code, period_end)
left join green as earlier
    on earlier.region_code = green.region_code and earlier.statistics_basis = green.statistics_basis
    and cast(earlier.period_end as date) = cast(green.period_end as date) - interval 1 year;
select count(*) from result;
"""


@dataclass
class Measure:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int

    def row(self) -> str:
        return f"{self.wall_s:8.2f} s wall {self.cpu_s:8.2f} s CPU {self.peak_rss_mb:8.0f} MB"


def measured(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
             timeout: float | None = None) -> tuple[Measure, str]:
    """Run `command` under GNU time; its figures and what it printed."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as figures:
        try:
            process = subprocess.run([GNU_TIME, "-f", "%e %U %S %M", "-o", figures.name, *command],
                                     env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return Measure(float(timeout or 0), float("nan"), float("nan"), -1), "timed out"
        wall, user, system, rss_kb = figures.read().split()[-4:]
    return Measure(float(wall), float(user) + float(system), int(rss_kb) / 1024, process.returncode), \
        process.stdout + process.stderr


def environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ, GF_DATA_DIR=str(data_dir))
    for name in ("GF_DUCKDB_PATH", "GF_RAW_DIR", "GF_QUALITY_DIR", "GF_SUBMISSIONS_DIR"):
        env.pop(name, None)
    return env


def latest_run_report(data_dir: Path) -> dict:
    reports = quality_report.load_runs(data_dir / "quality" / "runs")  # newest first
    return reports[0] if reports else {}


def pipeline(data_dir: Path, timeout: float | None = None) -> tuple[Measure, dict]:
    measure, output = measured([PYTHON, "-m", "scripts.publishing.pipeline", "--no-summary"],
                               env=environment(data_dir), cwd=paths.REPO_ROOT, timeout=timeout)
    if measure.returncode != 0:
        print(output[-3000:], file=sys.stderr)
    return measure, latest_run_report(data_dir)


def hand_written(raw_dir: Path) -> Measure:
    sql = HAND_WRITTEN_SQL.format(seeds=paths.SEEDS_DIR, raw=raw_dir)
    statements = [statement for statement in sql.split(";") if statement.strip()]
    script = "import duckdb\nconnection = duckdb.connect()\n" + "".join(
        f"connection.execute({statement!r})\n" for statement in statements)
    measure, output = measured([PYTHON, "-c", script])
    if measure.returncode != 0:
        print(output[-2000:], file=sys.stderr)
    return measure


def floor(work: Path) -> dict[str, Measure]:
    """What a refresh cannot do without: dbt reading the project (full, and from the kept parse state) and
    Great Expectations' import."""
    env = dict(os.environ, GF_DUCKDB_PATH="candidate.duckdb", GF_DUCKDB_MEMORY_LIMIT=db.PIPELINE_MEMORY_LIMIT)
    dbt = str(Path(PYTHON).with_name("dbt"))
    common = ["parse", "--target", "pipeline", "--project-dir", str(paths.DBT_PROJECT_DIR),
              "--profiles-dir", str(paths.DBT_PROJECT_DIR), "--log-level-file", "none", "--quiet"]
    full_target, kept_target = work / "parse_full", work / "parse_kept"
    full, _ = measured([dbt, *common, "--target-path", str(full_target), "--no-partial-parse"], env=env, cwd=work)
    kept_target.mkdir(parents=True, exist_ok=True)
    if paths.DBT_PARSE_STATE.exists():
        shutil.copyfile(paths.DBT_PARSE_STATE, kept_target / paths.DBT_PARSE_STATE.name)
    kept, _ = measured([dbt, *common, "--target-path", str(kept_target)], env=env, cwd=work)
    gx, _ = measured([PYTHON, "-c", "import great_expectations"])
    return {"dbt_parse_full": full, "dbt_parse_kept_state": kept, "import_great_expectations": gx}


def quarter_package(raw_dir: Path, folder: Path, bad_cell: bool, growth: float = 1.01) -> list[Path]:
    """Changshou's latest quarter of green loans and all loans, `growth` times the sample's, as a steward would
    submit them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for source in ("green_loans", "total_loans"):
        with (raw_dir / source / f"sample_{source}.csv").open(encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.DictReader(handle) if row["region_code"] == CHANGSHOU]
        latest = max(row["period_end"] for row in rows)
        chosen = [dict(row, balance=f"{float(row['balance']) * growth:.2f}") for row in rows if row["period_end"] == latest]
        if bad_cell and source == "green_loans":
            chosen[0]["balance"] = "12,3O4"
        path = folder / f"{source}_{latest}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(chosen[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(chosen)
        files.append(path)
    return files


def submit(data_dir: Path, files: list[Path]) -> Measure:
    command = [PYTHON, "-m", "scripts.publishing.ingest", "--by", "bench_steward"]
    for path in files:
        command += ["--file", str(path)]
    measure, _ = measured(command, env=environment(data_dir), cwd=paths.REPO_ROOT)
    return measure


def sample(data_dir: Path, as_of: dt.date, factor: int = 1) -> Path:
    raw_dir = data_dir / "raw"
    scaled_sample.generate(raw_dir, as_of, factor)
    return raw_dir


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_session(browser, url: str) -> tuple[float | None, float | None, str | None]:
    context = await browser.new_context(viewport={"width": 390, "height": 844})
    page = await context.new_page()
    started = time.perf_counter()
    step = "open the login page"
    try:
        await page.goto(f"{url}/?lang=zh", timeout=SESSION_TIMEOUT_MS)
        await page.get_by_role("textbox", name="用户名").fill(BENCH_USER, timeout=SESSION_TIMEOUT_MS)
        await page.get_by_role("textbox", name="密码").fill(BENCH_PASSWORD, timeout=SESSION_TIMEOUT_MS)
        step = "sign in"
        await page.get_by_role("button", name="登录").click(timeout=SESSION_TIMEOUT_MS)
        # The overview's title says what it leads with (the 2025 outcome after the deadline): any page title,
        # once the login form has gone and the script has finished.
        await page.get_by_role("textbox", name="密码").wait_for(state="detached", timeout=SESSION_TIMEOUT_MS)
        step = "draw the overview"
        await page.locator("h1").first.wait_for(timeout=SESSION_TIMEOUT_MS)
        await page.wait_for_function(SCRIPT_DONE, timeout=SESSION_TIMEOUT_MS, polling=POLL_MS)
        overview = time.perf_counter() - started
        opened = time.perf_counter()
        step = "open 绿色信贷"
        # As a leader on a phone goes there: the sidebar opened, its link tapped (the same session, no reload).
        await page.get_by_test_id("stExpandSidebarButton").click(timeout=SESSION_TIMEOUT_MS)
        await page.get_by_role("link", name=CREDIT_TITLE).click(timeout=SESSION_TIMEOUT_MS)
        await page.wait_for_url(f"**/{CREDIT_PATH}", timeout=SESSION_TIMEOUT_MS)
        await page.get_by_role("heading", name=CREDIT_TITLE, level=1).wait_for(timeout=SESSION_TIMEOUT_MS)
        await page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 0",
                                     timeout=SESSION_TIMEOUT_MS, polling=POLL_MS)
        await page.wait_for_function(SCRIPT_DONE, timeout=SESSION_TIMEOUT_MS, polling=POLL_MS)
        return overview, time.perf_counter() - opened, None
    except Exception as error:  # a session that never got there is counted, not fatal
        return None, None, f"{step}: {type(error).__name__}: {str(error).splitlines()[0][:160]}"
    finally:
        await context.close()


async def sessions(url: str, count: int, interval_s: float) -> list[tuple[float | None, float | None, str | None]]:
    """`count` sessions, one starting every `interval_s` seconds (0: all at once), each in its own context."""
    from playwright.async_api import async_playwright

    async def arriving(browser, number: int):
        await asyncio.sleep(number * interval_s)
        return await one_session(browser, url)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return await asyncio.gather(*(arriving(browser, number) for number in range(count)))
        finally:
            await browser.close()


def descendants(pid: int) -> list[int]:
    found = []
    try:
        for thread in Path(f"/proc/{pid}/task").iterdir():
            for child in (thread / "children").read_text().split():
                found += [int(child), *descendants(int(child))]
    except OSError:  # ended meanwhile
        pass
    return found


class BrowserCPU:
    """CPU seconds of the processes this benchmark starts outside the dashboard server (Playwright's driver,
    Chromium and every renderer it forks), polled every POLL_S while the sessions run. Counted per process, as it
    was at the last poll before it ended: a renderer ends with its context, and Chromium's zygote, which forks
    them, does not pass their time on to what this process can read when the browser ends (getrusage children
    misses most of it)."""
    POLL_S = 0.25

    def __init__(self, server_pid: int):
        self.server_pid, self.seen, self.done = server_pid, {}, threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while True:
            excluded = {self.server_pid, *descendants(self.server_pid)}
            for pid in descendants(os.getpid()):
                if pid in excluded:
                    continue
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                self.seen[(pid, fields[19])] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            if self.done.wait(self.POLL_S):
                return

    def __enter__(self) -> "BrowserCPU":
        self.thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.done.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and of every process below it (the dashboard processes and nginx under
    scripts/serving/behind_proxy.py)."""
    total = process_cpu_seconds(pid)
    for child in descendants(pid):
        try:
            total += process_cpu_seconds(child)
        except OSError:  # ended meanwhile
            pass
    return total


def dashboard_server(processes: int, port: int, env: dict[str, str], log) -> subprocess.Popen:
    """`processes` dashboard processes behind nginx, as `make serve-many DASHBOARD_PROCESSES=<processes>` serves
    readers (nginx serves Streamlit's front end; `make serve` alone serves it from Python, ~0.2 s more of the
    server's CPU for every new browser)."""
    command = [PYTHON, "-m", "scripts.serving.behind_proxy", "--processes", str(processes), "--no-worker",
               "--address", "127.0.0.1", "--port", str(port), "--host", "127.0.0.1",
               "--first-process-port", str(port + 1)]
    return subprocess.Popen(command, cwd=paths.REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


async def browser_only(url: str | None, contexts: int) -> None:
    """Chromium started, `contexts` new contexts opened one after another (each on `url`'s login form, or on a
    blank page without `url`) and closed, then Chromium stopped."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(contexts):
                context = await browser.new_context(viewport={"width": 390, "height": 844})
                page = await context.new_page()
                if url is None:
                    await page.set_content("<h1>blank</h1>")
                else:
                    await page.goto(f"{url}/?lang=zh", timeout=SESSION_TIMEOUT_MS)
                    await page.get_by_role("textbox", name="用户名").wait_for(timeout=SESSION_TIMEOUT_MS)
                    await page.wait_for_function(SCRIPT_DONE, timeout=SESSION_TIMEOUT_MS, polling=POLL_MS)
                await context.close()
        finally:
            await browser.close()


def browser_floor(url: str, server_pid: int) -> dict:
    """What a new reader's browser costs before any page of ours is drawn, one context at a time: a new context
    on a blank page, and a new context on the login form (Streamlit's own front end and a form, nothing else).
    Chromium's start is measured apart and taken off. The benchmark's browsers share the machine with the server,
    so these CPU seconds per session, times the sessions arriving each second, are cores the server cannot have."""
    def cpu_of(url_or_blank: str | None, contexts: int) -> float:
        with BrowserCPU(server_pid) as browser:
            asyncio.run(browser_only(url_or_blank, contexts))
        return browser.seconds

    start = cpu_of(None, 0)
    blank = (cpu_of(None, BROWSER_FLOOR_CONTEXTS) - start) / BROWSER_FLOOR_CONTEXTS
    login = (cpu_of(url, BROWSER_FLOOR_CONTEXTS) - start) / BROWSER_FLOOR_CONTEXTS
    return {"contexts": BROWSER_FLOOR_CONTEXTS, "browser_start_cpu_s": round(start, 3),
            "new_context_blank_page_cpu_s": round(blank, 3), "new_context_login_form_cpu_s": round(login, 3),
            "cores": os.cpu_count()}


def session_round(url: str, server_pid: int, count: int, interval_s: float) -> dict:
    cpu_before = process_tree_cpu_seconds(server_pid)
    with BrowserCPU(server_pid) as browser:
        outcomes = asyncio.run(sessions(url, count, interval_s))
    cpu = process_tree_cpu_seconds(server_pid) - cpu_before
    browser_cpu = browser.seconds
    overview = [o for o, _, failed in outcomes if failed is None]
    credit = [c for _, c, failed in outcomes if failed is None]
    return {"sessions": count, "arrival_interval_s": interval_s,
            "failed": sum(failed is not None for _, _, failed in outcomes),
            "overview_p50_s": percentile(overview, 0.5), "overview_p95_s": percentile(overview, 0.95),
            "green_credit_p50_s": percentile(credit, 0.5), "green_credit_p95_s": percentile(credit, 0.95),
            "server_cpu_per_session_s": cpu / count, "browser_cpu_per_session_s": browser_cpu / count,
            "failures": sorted({failed for _, _, failed in outcomes if failed is not None})}


def readers(data_dir: Path, counts: list[int], processes: list[int], work: Path) -> list[dict]:
    """For each number of dashboard processes: a first session on the fresh server, then `counts` sessions at
    once, then the largest count arriving one a second."""
    from scripts.administration import accounts

    accounts_file = work / "accounts.yaml"
    accounts.add_user(accounts_file, BENCH_USER, "Bench leader", "leader", BENCH_PASSWORD)
    env = dict(environment(data_dir), GF_AUTH_CONFIG=str(accounts_file), GF_SECURITY_DIR=str(work / "security"))
    figures = []
    # The login's bcrypt check (the accounts file's cost) is a fixed part of every session start: measured here,
    # on this machine, so that the rest of a session's server CPU can be read apart from it.
    import bcrypt

    stored = accounts.load_config(accounts_file)["credentials"]["usernames"][BENCH_USER]["password"].encode()
    started = time.process_time()
    bcrypt.checkpw(BENCH_PASSWORD.encode(), stored)
    password_check_s = round(time.process_time() - started, 3)
    for count_of_processes in processes:
        port = free_port(span=count_of_processes + 1)  # nginx's port, then its processes'
        log = (work / f"server-{count_of_processes}.log").open("w")
        server = dashboard_server(count_of_processes, port, env, log)
        url = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_until_healthy(url, lambda: server.poll() is None, SERVER_START_TIMEOUT_S,
                                   lambda: f"the dashboard did not start (see {log.name})")
            except RuntimeError as failure:
                raise SystemExit(str(failure)) from None
            # A first session warms a server (imports, caches): measured apart, as what a fresh server costs.
            first = session_round(url, server.pid, 1, 0)
            floor = browser_floor(url, server.pid)
            rounds = [session_round(url, server.pid, count, 0) for count in counts]
            if counts:
                rounds.append(session_round(url, server.pid, max(counts), ARRIVAL_INTERVAL_S))
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        figures.append({"processes": count_of_processes, "password_check_cpu_s": password_check_s,
                        "first_session": first, "browser_floor": floor, "rounds": rounds})
    return figures


def scale_chart(scale_rows: list[dict], path: Path) -> None:
    """CPU seconds and peak memory against the scale factor, pipeline beside the hand-written query, log-log."""
    from plotly.subplots import make_subplots

    factors = [row["factor"] for row in scale_rows]
    figure = make_subplots(rows=1, cols=2, subplot_titles=("CPU seconds", "peak memory (MB, RSS)"))
    for key, name, colour in (("pipeline", "pipeline", "#1b7837"), ("hand_written_sql", "hand-written DuckDB SQL",
                                                                     "#2166ac")):
        for column, figure_key in ((1, "cpu_s"), (2, "peak_rss_mb")):
            figure.add_scatter(x=factors, y=[row[key][figure_key] for row in scale_rows], name=name,
                               legendgroup=name, showlegend=column == 1, mode="lines+markers+text",
                               text=[f"{row[key][figure_key]:,.1f}" for row in scale_rows], textposition="top center",
                               line={"color": colour}, row=1, col=column)
    figure.update_xaxes(type="log", title="institutions × sample (green-loan rows = 6,930 × factor)", dtick=1)
    figure.update_yaxes(type="log", dtick=1)
    figure.update_layout(title="Scale curve (make bench)", legend={"orientation": "h", "y": -0.25},
                         margin={"b": 120})
    figure.write_html(path, include_plotlyjs=True, full_html=True)  # plotly.js inline: opens offline


def grow_history(data_dir: Path, runs: int) -> int:
    """Make `runs` stored runs from the latest one: its GX validation results and its report copied under new
    run ids, a minute apart going back in time, as if the pipeline had run that often. Returns the count."""
    quality = data_dir / "quality"
    validations = quality / "gx" / "validations"
    reports = sorted((quality / "runs").glob("*.json"))
    latest = latest_run_report(data_dir)
    latest_name = f"pipeline run {latest['run_id']}"
    started = dt.datetime.fromisoformat(latest["started_at"])
    for number in range(len(reports), runs):
        run_id = f"bench{number:07d}"
        for folder in validations.glob(f"*/{latest_name}"):
            copy = folder.with_name(f"pipeline run {run_id}")
            for result in folder.rglob("*.json"):
                # One minute back per copy, in GX's run-time folder name too, so that the copies are older.
                run_time = result.parent.name
                earlier = (dt.datetime.strptime(run_time, "%Y%m%dT%H%M%S.%fZ")
                           - dt.timedelta(minutes=number)).strftime("%Y%m%dT%H%M%S.%fZ")
                target = copy / earlier / result.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(result.read_text(encoding="utf-8").replace(latest_name, f"pipeline run {run_id}")
                                  .replace(run_time, earlier), encoding="utf-8")
        report = dict(latest, run_id=run_id, started_at=(started - dt.timedelta(minutes=number)).isoformat())
        (quality / "runs" / f"{number:07d}-{run_id}-{latest['outcome']}.json").write_text(
            json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return len(list((quality / "runs").glob("*.json")))


HISTORY_REPEATS = 3  # measured runs per history size; the median is compared (one run varies by ±15 % here)


def history_figures(data_dir: Path, stored: list[int], timeout: float) -> list[dict]:
    rows = []
    for runs in stored:
        kept = grow_history(data_dir, runs)
        settling, _ = pipeline(data_dir, timeout)
        measured_runs = [pipeline(data_dir, timeout) for _ in range(HISTORY_REPEATS)]
        median = statistics.median(measure.cpu_s for measure, _ in measured_runs)
        rows.append({"stored_runs": kept, "settling_run": asdict(settling),
                     "runs": [asdict(measure) for measure, _ in measured_runs], "median_cpu_s": median,
                     "stage_seconds": [report.get("stage_seconds") for _, report in measured_runs],
                     "data_docs_s": statistics.median((report.get("stage_seconds") or {}).get(
                         quality_report.DATA_DOCS) or 0.0 for _, report in measured_runs)})
    if len(rows) > 1 and rows[0]["median_cpu_s"]:
        rows[-1]["cpu_over_fewest"] = rows[-1]["median_cpu_s"] / rows[0]["median_cpu_s"]
    return rows


PARTS = ("refresh", "history", "steward", "scale", "briefing", "readers")
BRIEFING_TARGET_WALL_S = 15  # issue 20: both files of one quarter's briefing
BRIEFING_RUNS = 3


def refresh_figures(work: Path, data_dir: Path, raw_dir: Path, timeout: float) -> dict:
    # The cold run starts without dbt's parse state, as a fresh clone does (the state is a cache: the warm
    # run writes it again).
    paths.DBT_PARSE_STATE.unlink(missing_ok=True)
    cold, _ = pipeline(data_dir, timeout)
    warm, report = pipeline(data_dir, timeout)
    floor_figures = floor(work)
    node_s = report.get("dbt_node_seconds") or 0.0
    gx_s = floor_figures["import_great_expectations"].cpu_s
    floor_cpu = floor_figures["dbt_parse_full"].cpu_s + gx_s + node_s
    kept_floor_cpu = floor_figures["dbt_parse_kept_state"].cpu_s + gx_s + node_s
    return {"pipeline_cold": asdict(cold), "pipeline_warm": asdict(warm),
            "stage_seconds": report.get("stage_seconds"), "dbt_node_seconds": node_s,
            "floor": {name: asdict(measure) for name, measure in floor_figures.items()},
            "floor_cpu_s": floor_cpu, "floor_cpu_with_kept_parse_state_s": kept_floor_cpu,
            "warm_cpu_over_floor": warm.cpu_s / floor_cpu if floor_cpu else None,
            "warm_cpu_over_floor_with_kept_parse_state": warm.cpu_s / kept_floor_cpu if kept_floor_cpu else None,
            "hand_written_sql": asdict(hand_written(raw_dir))}


def steward_figures(work: Path, data_dir: Path, raw_dir: Path) -> dict:
    """The same command cold (no worker: it submits in its own process) and through a warm steward worker;
    the worker's own CPU for each submission is read from /proc."""
    good = submit(data_dir, quarter_package(raw_dir, work / "package_good", bad_cell=False))
    bad = submit(data_dir, quarter_package(raw_dir, work / "package_bad", bad_cell=True))
    figures = {"one_quarter_package": asdict(good), "bad_cell_package": asdict(bad),
               "bad_cell_rejected": bad.returncode == 1}
    started = time.monotonic()
    with steward_worker.running(environment(data_dir)) as worker:
        figures["worker_ready_s"] = round(time.monotonic() - started, 1)
        for name, package in (("warm_one_quarter_package", quarter_package(raw_dir, work / "package_warm", False, 1.02)),
                              ("warm_bad_cell_package", quarter_package(raw_dir, work / "package_warm_bad", True, 1.02))):
            before = process_cpu_seconds(worker.pid)
            measure = submit(data_dir, package)
            figures[name] = asdict(measure)
            figures[f"{name}_worker_cpu_s"] = round(process_cpu_seconds(worker.pid) - before, 2)
            report = latest_run_report(data_dir)
            figures[f"{name}_stage_seconds"] = report.get("stage_seconds")
            figures[f"{name}_dbt_selection"] = report.get("dbt_selection")  # None: a full build
    figures["warm_bad_cell_rejected"] = figures["warm_bad_cell_package"]["returncode"] == 1
    return figures


def briefing_figures(work: Path, data_dir: Path) -> dict:
    """Both files of the newest quarter's briefing, as `make briefing` makes them, per language."""
    figures: dict = {"target_wall_s": BRIEFING_TARGET_WALL_S}
    for lang in ("zh", "en"):
        runs = [measured([PYTHON, "-m", "scripts.outputs.briefing", "--lang", lang, "--out-dir",
                          str(work / "briefings")], env=environment(data_dir), cwd=paths.REPO_ROOT)[0]
                for _ in range(BRIEFING_RUNS)]
        figures[lang] = {"runs": [asdict(run) for run in runs],
                         "worst_wall_s": max(run.wall_s for run in runs),
                         "all_made": all(run.returncode == 0 for run in runs)}
    figures["met"] = all(figures[lang]["all_made"] and figures[lang]["worst_wall_s"] <= BRIEFING_TARGET_WALL_S
                         for lang in ("zh", "en"))
    return figures


def scale_figures(work: Path, as_of: dt.date, factors: list[int], timeout: float) -> list[dict]:
    rows = []
    for factor in factors:
        scaled_dir = work / f"scale_{factor}"
        scaled_raw = sample(scaled_dir, as_of, factor)
        run, run_report = pipeline(scaled_dir, timeout)
        rows.append({"factor": factor, "green_loan_rows": run_report.get("raw_row_counts", {}).get("green_loans"),
                     "published": run.returncode == 0, "pipeline": asdict(run),
                     "stage_seconds": run_report.get("stage_seconds"),
                     "hand_written_sql": asdict(hand_written(scaled_raw))})
        shutil.rmtree(scaled_dir, ignore_errors=True)
    base = next((row for row in rows if row["factor"] == 1), None)
    for row in rows:
        if base and row is not base:
            pipeline_variable = row["pipeline"]["cpu_s"] - base["pipeline"]["cpu_s"]
            sql_variable = row["hand_written_sql"]["cpu_s"] - base["hand_written_sql"]["cpu_s"]
            row["variable_cpu_over_hand_written"] = pipeline_variable / sql_variable if sql_variable > 0 else None
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"which figures, of {', '.join(PARTS)}")
    parser.add_argument("--scales", default="1,10,100", help="institution factors for the scale curve (1000, 6.4 "
                        "million green-loan rows, adds about five minutes)")
    parser.add_argument("--sessions", default="1,10,20", help="browser sessions at once, e.g. 1,10,20 (the "
                        "largest also arriving one a second)")
    parser.add_argument("--processes", default="1,2", help="dashboard processes, e.g. 1,2 (more than one: "
                        "behind nginx, as `make serve-many` runs them)")
    parser.add_argument("--out", type=Path, default=paths.REPO_ROOT / "data" / "bench")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one pipeline run may take")
    args = parser.parse_args()
    parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    if set(parts) - set(PARTS):
        parser.error(f"--parts takes {', '.join(PARTS)}")
    factors = [int(value) for value in args.scales.split(",") if value.strip()]
    counts = [int(value) for value in args.sessions.split(",") if value.strip() and int(value) > 0]
    processes = [int(value) for value in args.processes.split(",") if value.strip() and int(value) > 0]
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    result: dict = {"started_at": stamp, "machine": {"cpus": os.cpu_count()}, "as_of": str(args.as_of),
                    "parts": parts}
    with tempfile.TemporaryDirectory(prefix="gf-bench-") as temporary:
        work = Path(temporary)
        data_dir = work / "sample"
        raw_dir = sample(data_dir, args.as_of)
        if "refresh" in parts:
            result["refresh"] = refresh_figures(work, data_dir, raw_dir, args.timeout)
        elif {"history", "steward", "briefing", "readers"} & set(parts):
            pipeline(data_dir, args.timeout)  # what they work on: the sample, published
        if "history" in parts:
            result["history"] = history_figures(data_dir, [10, 200], args.timeout)
        if "steward" in parts:
            result["steward"] = steward_figures(work, data_dir, raw_dir)
        if "scale" in parts:
            result["scale"] = scale_figures(work, args.as_of, factors, args.timeout)
        if "briefing" in parts:
            result["briefing"] = briefing_figures(work, data_dir)
        if "readers" in parts:
            result["readers"] = readers(data_dir, counts, processes, work)
    json_path = args.out / f"bench-{stamp}.json"
    json_path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    if result.get("scale"):
        scale_chart(result["scale"], args.out / f"bench-{stamp}-scale.html")
    print(report_text(result))
    print(f"\n{json_path}")
    return 0


def report_text(result: dict) -> str:
    lines = []
    refresh = result.get("refresh")
    if refresh:
        lines += ["refresh (sample)",
                  f"  pipeline cold     {Measure(**refresh['pipeline_cold']).row()}",
                  f"  pipeline warm     {Measure(**refresh['pipeline_warm']).row()}",
                  f"  stages (s)        {refresh['stage_seconds']}",
                  *(f"  floor: {name:<26}{Measure(**figures).row()}" for name, figures in refresh["floor"].items()),
                  f"  floor: dbt node time      {refresh['dbt_node_seconds']:8.2f} s",
                  f"  warm CPU / floor {_ratio(refresh['warm_cpu_over_floor'])} (floor {refresh['floor_cpu_s']:.2f} s); "
                  f"with the kept parse state {_ratio(refresh['warm_cpu_over_floor_with_kept_parse_state'])} "
                  f"(floor {refresh['floor_cpu_with_kept_parse_state_s']:.2f} s)",
                  f"  hand-written SQL  {Measure(**refresh['hand_written_sql']).row()}"]
    if result.get("history"):
        lines.append("history (refresh with stored runs)")
        for row in result["history"]:
            cpu = ", ".join(f"{run['cpu_s']:.1f}" for run in row["runs"])
            lines.append(f"  {row['stored_runs']:>4} runs  median CPU {row['median_cpu_s']:6.2f} s (runs: {cpu}); "
                         f"data docs {_seconds(row['data_docs_s'])}; settling run "
                         f"{Measure(**row['settling_run']).row()}"
                         + (f"  CPU ×{_ratio(row['cpu_over_fewest'])} of the fewest" if "cpu_over_fewest" in row
                            else ""))
    steward = result.get("steward")
    if steward:
        lines += ["steward",
                  f"  one-quarter package   {Measure(**steward['one_quarter_package']).row()}",
                  f"  bad-cell package      {Measure(**steward['bad_cell_package']).row()} "
                  f"(rejected: {steward['bad_cell_rejected']})",
                  f"  steward worker ready after {steward['worker_ready_s']} s (parse, rehearsal)",
                  f"  warm one-quarter      {Measure(**steward['warm_one_quarter_package']).row()} "
                  f"+ worker CPU {steward['warm_one_quarter_package_worker_cpu_s']} s",
                  f"    stages (s)          {steward['warm_one_quarter_package_stage_seconds']}",
                  f"    dbt built           {steward.get('warm_one_quarter_package_dbt_selection') or 'everything'}",
                  f"  warm bad-cell         {Measure(**steward['warm_bad_cell_package']).row()} "
                  f"+ worker CPU {steward['warm_bad_cell_package_worker_cpu_s']} s "
                  f"(rejected: {steward['warm_bad_cell_rejected']})",
                  f"    stages (s)          {steward['warm_bad_cell_package_stage_seconds']}"]
    if result.get("scale"):
        lines.append("scale")
        for row in result["scale"]:
            lines.append(f"  {row['factor']:>5}× {row['green_loan_rows'] or 0:>9} rows  pipeline "
                         f"{Measure(**row['pipeline']).row()}  SQL {Measure(**row['hand_written_sql']).row()}  "
                         f"variable ×{_ratio(row.get('variable_cpu_over_hand_written'))}")
    briefing = result.get("briefing")
    if briefing:
        lines.append(f"briefing (both files, newest quarter; target ≤ {briefing['target_wall_s']} s wall: "
                     f"{'met' if briefing['met'] else 'NOT met'})")
        for lang in ("zh", "en"):
            lines += [f"  {lang}  {Measure(**run).row()}" for run in briefing[lang]["runs"]]
    for server in result.get("readers") or []:
        lines.append(f"readers ({server['processes']} dashboard process{'es' if server['processes'] > 1 else ''} "
                     f"behind nginx; the login's password check costs {server['password_check_cpu_s']:.2f} s of CPU)")
        floor = server.get("browser_floor")
        if floor:
            arrivals = 1 / ARRIVAL_INTERVAL_S
            lines.append(f"  browser floor per new session (CPU): a new context on a blank page "
                         f"{floor['new_context_blank_page_cpu_s']:.2f} s, on the login form "
                         f"{floor['new_context_login_form_cpu_s']:.2f} s; {arrivals:g} session(s) arriving a "
                         f"second take {floor['new_context_login_form_cpu_s'] * arrivals:.2f} of the "
                         f"{floor['cores']} cores before any page is drawn")
        for label, row in [("first session", server["first_session"]), *(("", row) for row in server["rounds"])]:
            arrival = "at once" if not row["arrival_interval_s"] else f"one every {row['arrival_interval_s']:g} s"
            lines.append(f"  {label or row['sessions']:>13} {arrival:<15} overview p50 {_seconds(row['overview_p50_s'])} "
                         f"p95 {_seconds(row['overview_p95_s'])}; 绿色信贷 p50 {_seconds(row['green_credit_p50_s'])} "
                         f"p95 {_seconds(row['green_credit_p95_s'])}; failed {row['failed']}; server CPU/session "
                         f"{row['server_cpu_per_session_s']:.2f} s; browser CPU/session "
                         f"{row.get('browser_cpu_per_session_s', 0):.2f} s")
            lines += [f"       ✗ {failure}" for failure in row.get("failures", [])]
    return "\n".join(lines)


def _ratio(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def _seconds(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1f} s"


if __name__ == "__main__":
    sys.exit(main())
