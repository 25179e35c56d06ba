"""Readers of the published file keep getting answers while the pipeline rebuilds and after it swaps the file:
short-lived connections see the new data once it is published; a connection held across the swap keeps its
snapshot of the old data. Readers run in their own processes, as the dashboard's do."""
import json
import shutil
import subprocess
import sys
import time

from tests.conftest import REPO_ROOT, run_pipeline

READER = """
import json, os, sys, time
import duckdb
database, stop_file, mode = sys.argv[1:4]
query = "select count(*) from marts.fct_green_loans_quarterly"
held = duckdb.connect(database, read_only=True) if mode == "held" else None
while True:
    stopping = os.path.exists(stop_file)
    try:
        if held is not None:
            rows = held.execute(query).fetchone()[0]
        else:
            with duckdb.connect(database, read_only=True) as connection:
                rows = connection.execute(query).fetchone()[0]
        print(json.dumps({"at": time.time(), "rows": rows}), flush=True)
    except Exception as error:
        print(json.dumps({"at": time.time(), "error": str(error)}), flush=True)
    if stopping:
        break
    time.sleep(0.1)
"""
KNOWN_ANSWER_ROWS = 7  # green-loan rows in tests/fixtures/known_answer
SAMPLE_ROWS = 6930  # green-loan rows the sample generator writes for --as-of 2026-11-22 (with Chongqing's 495)


def start_reader(database, stop_file, mode):
    reader = subprocess.Popen([sys.executable, "-c", READER, str(database), str(stop_file), mode], cwd=REPO_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = json.loads(reader.stdout.readline())  # wait until it has read once
    assert first.get("rows") == KNOWN_ANSWER_ROWS, first
    return reader


def answers(reader):
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_readers_keep_answering_during_rebuild_and_after_swap(published_known_answer, sample_raw_dir, tmp_path):
    published, stop_file = tmp_path / "greenfinance.duckdb", tmp_path / "stop"
    shutil.copy(published_known_answer, published)
    short_lived = start_reader(published, stop_file, "short-lived")
    held = start_reader(published, stop_file, "held")

    build_started = time.time()
    result = run_pipeline(sample_raw_dir, published)
    build_ended = time.time()
    time.sleep(1)
    stop_file.touch()

    assert result.returncode == 0, result.stdout + result.stderr
    short_answers, held_answers = answers(short_lived), answers(held)
    assert [a for a in short_answers + held_answers if "error" in a] == []
    during = [a["rows"] for a in short_answers if build_started < a["at"] < build_ended]
    assert len(during) >= 20  # the build takes ~15 s; readers were answered all along
    assert set(during) <= {KNOWN_ANSWER_ROWS, SAMPLE_ROWS}  # the old data or the new, never a half-built file
    assert during[0] == KNOWN_ANSWER_ROWS
    assert {a["rows"] for a in short_answers if a["at"] > build_ended} == {SAMPLE_ROWS}
    assert {a["rows"] for a in held_answers} == {KNOWN_ANSWER_ROWS}
    assert any(a["at"] > build_ended for a in held_answers)
