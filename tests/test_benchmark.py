"""The benchmark's own arithmetic and its scaled sample, worked by hand (the benchmark itself runs outside CI:
`make bench`)."""
from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest

from scripts.benchmark import run
from scripts.demo import generate_sample_data, scaled_sample


@pytest.mark.parametrize("amount,factor,share", [("8646.11", 10, "864.611"), ("8646.11", 1000, "8.64611"),
                                                 ("0.05", 100, "0.0005"), ("12.5", 1, "12.5")])
def test_a_balance_splits_into_equal_shares_that_add_up(amount, factor, share):
    assert scaled_sample.split_amount(amount, factor) == share
    assert Decimal(share) * factor == Decimal(amount)


def test_only_a_power_of_ten_splits_exactly():
    with pytest.raises(ValueError, match="power of ten"):
        scaled_sample.split_amount("12.5", 4)


def test_the_scaled_sample_keeps_every_region_total_and_registers_each_synthetic_institution(tmp_path):
    as_of = dt.date(2026, 11, 30)
    plain, scaled = tmp_path / "plain", tmp_path / "scaled"
    generate_sample_data.generate(plain, as_of)
    counts = scaled_sample.generate(scaled, as_of, 10)

    def totals(raw_dir, source):
        sums = {}
        with (raw_dir / source / f"sample_{source}.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = (row["region_code"], row["period_end"], row.get("statistics_basis"), row["amount_unit"])
                sums[key] = sums.get(key, Decimal(0)) + Decimal(row["balance"])
        return sums

    for source in scaled_sample.SCALED_SOURCES:
        assert totals(scaled, source) == totals(plain, source), source
        with (plain / source / f"sample_{source}.csv").open(encoding="utf-8") as handle:
            assert counts[source] == 10 * sum(1 for _ in csv.DictReader(handle))
    with (scaled / "institutions" / "scaled_institutions.csv").open(encoding="utf-8") as handle:
        registered = list(csv.DictReader(handle))
    assert len(registered) == counts["institutions"] == 14 * 10
    assert {"CS-ICBC-S0001", "CS-ICBC-S0010"} <= {row["institution_code"] for row in registered}
    assert {row["provenance"] for row in registered} == {"sample"}
    with (scaled / "green_loans" / "sample_green_loans.csv").open(encoding="utf-8") as handle:
        used = {row["institution_code"] for row in csv.DictReader(handle)}
    assert used <= {row["institution_code"] for row in registered}


def test_percentiles_by_the_nearest_rank():
    """Nearest rank: p50 of 1..10 is the 5th value, p95 the 10th; p95 of 20 values is the 19th."""
    values = [float(v) for v in range(10, 0, -1)]
    assert run.percentile(values, 0.5) == 5.0
    assert run.percentile(values, 0.95) == 10.0
    assert run.percentile([float(v) for v in range(1, 21)], 0.95) == 19.0
    assert run.percentile([], 0.95) is None


def test_a_command_is_timed_with_its_children():
    """A child that burns CPU and holds ~64 MB: its time and memory count for the command that started it."""
    script = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
              "'b = bytearray(64 * 1024 * 1024); sum(range(3_000_000))'], check=True)")
    measure, _ = run.measured([run.PYTHON, "-c", script])
    assert measure.returncode == 0
    assert measure.cpu_s > 0.05
    assert measure.peak_rss_mb > 64
    assert measure.wall_s >= measure.cpu_s * 0.5


BURN = "import time\nend = time.process_time() + {seconds}\nwhile time.process_time() < end: pass"


def test_the_browsers_cpu_counts_processes_that_ended_and_leaves_out_the_servers():
    """What BrowserCPU counts: a process started during the round that burns 1 s of CPU and ends before the
    round does (a renderer closed with its context) is counted, up to its last poll (at most POLL_S lost); one
    under the server's process is not."""
    import subprocess
    import time

    server = subprocess.Popen([run.PYTHON, "-c", BURN.format(seconds=5)])
    try:
        with run.BrowserCPU(server.pid) as browser:
            subprocess.run([run.PYTHON, "-c", BURN.format(seconds=1.0)], check=True)
            time.sleep(2 * run.BrowserCPU.POLL_S)  # the round goes on after the process has ended
    finally:
        server.kill()
        server.wait()
    assert 1.0 - run.BrowserCPU.POLL_S - 0.05 <= browser.seconds < 2.0  # not the server's 5 s
