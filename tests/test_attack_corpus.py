"""The bad-input and attack corpus of the submission path (tests/fixtures/attack/cases.json, table in SECURITY.md):
every case goes through scripts.publishing.ingest.ingest as the upload page calls it, on a real published database, and must
be rejected with its message in Chinese and English naming the file, leave the published file byte-identical,
and leave an audit line with the name as sent. The counts are printed at the end of the test run."""
from __future__ import annotations

import errno
import hashlib
import io
import json
import zipfile

import pytest

from scripts.configuration import submission_format
from scripts.ingestion import submission_store
from scripts.publishing.ingest import REJECTED, ingest
from scripts.ingestion.submission_store import SubmissionStore
from tests import submission_files
from tests.conftest import FIXTURES, quality_dir, run_module, submissions_dir

CORPUS = FIXTURES / "attack"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))["cases"]


def million_cell_row() -> bytes:
    return ("地区代码,机构,统计日期,余额（万元）\r\n" + ",".join(["1"] * 1_000_000) + "\r\n").encode("utf-8")


def zip_bomb() -> bytes:
    """A valid workbook whose sheet holds 60,000 identical rows: ~4 MB of XML in a zip of a few dozen KB."""
    rows = [["地区", "机构", "报告期", "统计口径", "贷款用途分类", "碳减排效应", "余额（万元）"]]
    plain = submission_files.workbook(rows)
    row = ('<row><c t="inlineStr"><is><t>长寿区</t></is></c><c t="inlineStr"><is><t>CS-ICBC</t></is></c>'
           '<c t="inlineStr"><is><t>2024-12-31</t></is></c></row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData>' + row * 60_000 + "</sheetData></worksheet>")
    source, target = zipfile.ZipFile(io.BytesIO(plain)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            bomb.writestr(member, sheet if member.filename == "xl/worksheets/sheet1.xml" else source.read(member))
    assert len(target.getvalue()) < 100_000
    return target.getvalue()


def oversize_csv() -> bytes:
    line = "500115,CS-ICBC,2024-12-31,2000000\r\n"
    return ("地区代码,机构,统计日期,余额（万元）\r\n" + line * (2_000_000 // len(line))).encode("utf-8")


def sixty_row_workbook() -> bytes:
    return submission_files.workbook([["地区代码", "机构", "统计日期", "余额（万元）"]]
                                     + [[500115, "CS-ICBC", "2024-12-31", 1000 + index] for index in range(60)])


def cell_in_column_300() -> bytes:
    return submission_files.workbook([["地区代码", "机构", "统计日期", "余额（万元）"],
                                      [500115, "CS-ICBC", "2024-12-31", 1000] + [None] * 295 + ["备注"]])


MADE = {function.__name__: function for function in (million_cell_row, zip_bomb, oversize_csv, sixty_row_workbook,
                                                     cell_in_column_300)}


def content_of(case: dict) -> bytes:
    return MADE[case["made"]]() if "made" in case else (CORPUS / case["file"]).read_bytes()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def published(published_known_answer, tmp_path_factory):
    """A published database of its own (the known-answer fixture) and an empty submissions folder."""
    work = tmp_path_factory.mktemp("attack")
    db = work / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    db.write_bytes(published_known_answer.read_bytes())
    return db


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_every_attack_is_rejected_clearly_audited_and_changes_nothing(case, published, monkeypatch, attack_tally):
    monkeypatch.setenv("GF_QUALITY_DIR", str(quality_dir(published)))
    for name, value in case.get("limits", {}).items():
        monkeypatch.setattr(submission_format, name, value)
    if case.get("fault") == "disk_full_on_archive":
        def full_disk(path, content):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        monkeypatch.setattr(submission_store, "write_new", full_disk)
    store = SubmissionStore(submissions_dir(published))
    before, audited_before = digest(published), len(store.audit_log())
    attack_tally["tried"] += 1
    result = ingest(content_of(case), case["sent_as"], case["source"], "attack_tester", channel="upload page",
                    raw_dir=FIXTURES / "known_answer", published=published, store=store)

    messages = "\n".join(str(problem) for problem in result.problems)
    assert result.outcome == REJECTED, messages
    for fragment in case["expect_zh"] + case["expect_en"]:
        assert fragment in messages, (fragment, messages)
    assert all(problem.rule_zh and problem.rule_en for problem in result.problems)
    assert any(problem.file == result.filename for problem in result.problems), messages
    attack_tally["rejected with a clear message"] += 1
    assert digest(published) == before
    attack_tally["published unchanged"] += 1
    log = store.audit_log()
    assert len(log) == audited_before + 1
    line = log[-1]
    assert (line["outcome"], line["who"], line["file_as_sent"], line["file"]) == (
        REJECTED, "attack_tester", case["sent_as"], result.filename)
    assert "\x00" not in line["file"] and len(line["file"].encode()) <= submission_format.MAX_FILENAME_BYTES
    attack_tally["audited"] += 1


def test_the_stored_name_of_a_262_byte_name_keeps_its_extension_and_the_audit_keeps_it_whole():
    name = next(case["sent_as"] for case in CASES if case["case"] == "long_chinese_name")
    assert len(name.encode()) == 262
    stored = submission_store.safe_name(name)
    assert stored.endswith(".csv") and len(stored.encode()) <= 200 and name.startswith(stored[:-4])
    assert submission_store.safe_name("长寿区\x00贷款.csv") == "长寿区贷款.csv"
    assert submission_store.safe_name("../../etc/passwd") == "passwd"


@pytest.mark.integration
def test_the_command_line_refuses_a_missing_file_and_a_file_over_the_real_limit(tmp_path):
    missing = run_module("scripts.publishing.ingest", "--source", "total_loans", "--file", str(tmp_path / "missing.csv"))
    assert missing.returncode == 2 and "no such file" in missing.stderr and "找不到文件" in missing.stderr
    assert "Traceback" not in missing.stderr
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (submission_format.MAX_FILE_BYTES + 10))
    env = {"GF_SUBMISSIONS_DIR": str(tmp_path / "submissions"), "GF_DUCKDB_PATH": str(tmp_path / "none.duckdb")}
    over = run_module("scripts.publishing.ingest", "--source", "total_loans", "--file", str(big), env=env)
    assert over.returncode == 1, over.stdout + over.stderr
    assert "文件过大：上限为 20 MB" in over.stdout and "the limit is 20 MB" in over.stdout
    assert not (tmp_path / "submissions" / "originals").exists()  # refused before it is archived
    assert SubmissionStore(tmp_path / "submissions").audit_log()[-1]["outcome"] == REJECTED


def test_the_upload_limit_of_the_server_is_the_submission_limit():
    import tomllib

    from tests.conftest import REPO_ROOT

    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * (1 << 20) == submission_format.MAX_FILE_BYTES


def test_a_full_disk_when_even_the_audit_line_cannot_be_written_is_said(published, monkeypatch, tmp_path):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(submission_store, "write_new", full_disk)
    monkeypatch.setattr(submission_store, "append_line", full_disk)
    before = digest(published)
    result = ingest((CORPUS / "valid_total_loans.csv").read_bytes(), "各项贷款.csv", "total_loans", "tester",
                    raw_dir=FIXTURES / "known_answer", published=published,
                    store=SubmissionStore(tmp_path / "submissions"))
    assert result.outcome == REJECTED and "No space left on device" in result.audit_error
    assert "服务器磁盘空间已满" in str(result.problems[0])
    assert digest(published) == before


def test_a_killed_builds_folder_is_removed_by_the_next_run_and_a_live_ones_is_not(tmp_path):
    from scripts.publishing.pipeline import build_folder, remove_stale_build_folders

    killed = tmp_path / "gf-build-killed"
    (killed / "target").mkdir(parents=True)
    (killed / ".lock").write_text("")  # its build held the lock until it was killed: nobody holds it now
    with build_folder(tmp_path) as live:
        assert remove_stale_build_folders(tmp_path) == [killed]
        assert live.exists() and not killed.exists()
    assert not live.exists()


def test_the_accounts_file_is_never_readable_by_others(tmp_path):
    import os
    import stat

    from scripts.administration import accounts

    seen = []
    real_open = os.open

    def spying_open(path, flags, mode=0o777, *args, **kwargs):
        descriptor = real_open(path, flags, mode, *args, **kwargs)
        seen.append(stat.S_IMODE(os.fstat(descriptor).st_mode))
        return descriptor
    path = tmp_path / "conf" / "auth.yaml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", spying_open)
        accounts.add_user(path, "wang", "王", accounts.LEADER, "a-long-enough-password")
    assert seen and all(mode & 0o077 == 0 for mode in seen)  # from its creation on, not after a chmod
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.integration
def test_make_build_on_a_disk_it_cannot_write_says_so_without_a_traceback(tmp_path):
    result = run_module("scripts.publishing.pipeline", "--raw-dir", str(FIXTURES / "known_answer"), "--db",
                        "/proc/no-such-folder/greenfinance.duckdb", env={"GF_QUALITY_DIR": str(tmp_path / "q")})
    assert result.returncode == 1
    assert "STOPPED — the server could not write or read a file" in result.stderr and "服务器无法读写文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_history_that_cannot_be_written_after_publishing_is_said_as_it_is(published_known_answer, monkeypatch,
                                                                           tmp_path):
    """The one failure after the swap: the figures are published but not in the history. The steward is told so,
    not that nothing changed, and the attempt is still audited."""
    def full_disk(self, submission):
        raise OSError(errno.ENOSPC, "No space left on device")
    published = tmp_path / "warehouse" / "greenfinance.duckdb"
    published.parent.mkdir()
    published.write_bytes(published_known_answer.read_bytes())
    monkeypatch.setenv("GF_QUALITY_DIR", str(quality_dir(published)))
    monkeypatch.setattr(SubmissionStore, "append_history", full_disk)
    store = SubmissionStore(tmp_path / "submissions")
    before = digest(published)
    result = ingest((CORPUS / "valid_total_loans.csv").read_bytes(), "各项贷款.csv", "total_loans", "tester",
                    raw_dir=FIXTURES / "known_answer", published=published, store=store)
    assert result.outcome == REJECTED and digest(published) != before
    assert "文件已发布，但无法写入报送历史" in str(result.problems[-1])
    assert "the next rebuild will drop its figures" in str(result.problems[-1])
    assert store.history() == [] and store.audit_log()[-1]["error"].startswith("OSError")
