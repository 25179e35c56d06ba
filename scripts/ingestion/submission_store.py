"""The raw history of data stewards' submissions and the audit log: append-only, nothing ever rewritten.

Layout of the submissions folder (GF_SUBMISSIONS_DIR, default data/submissions/):

    originals/<sha256>/<file name>   every file received, byte for byte, accepted or not
    accepted/<source>/<id>.csv       an accepted file's rows in the contract's columns, with the sheet and row
                                     each came from (what the pipeline loads)
    history.jsonl                    one line per accepted submission: who, when, which file (hash), which
                                     source, regions and periods, and the slices it covers
    waiting/<source>/<id>.csv        the rows of a submission waiting for its partner source (below)
    waiting.jsonl                    events of waiting submissions: one waits (with the partner slices it
                                     misses), is published with its partner, or is replaced by a later file
    audit.jsonl                      one line per attempt, from the upload page or the command line: who,
                                     when, file hash, outcome
    .lock                            one submission at a time

A submission replaces, in the slices it covers (scripts/submission_format.coverage_key), every row that came
before it: sample rows and earlier submissions alike. The earlier ones stay in the history; which of their
rows are still in use is worked out at load time (scripts/ingestion/load_raw.py) and shown in dim_submission.

A green-loan file for a quarter with no all-loans figures yet (or the other way round) is validated on its own
rules and kept as waiting; it is published, and only then joins the history, together with the file that
brings its partner (scripts/publishing/ingest.py).
"""
from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import secrets
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scripts.configuration import paths, raw_contract
from scripts.configuration.submission_format import MAX_FILENAME_BYTES
from scripts.configuration.journal import append_line, now, read_lines

ROW_COLUMNS = ("_source_file", "_source_row")


@dataclass
class Submission:
    submission_id: int
    source: str
    sha256: str
    original_filename: str
    submitted_by: str
    submitted_at: str
    channel: str  # "upload page" or "command line"
    file_format: str | None
    sheet: str | None
    declared_unit: str | None
    total: str | None  # the verified 合计, as written
    total_unit: str | None
    regions: list[str]
    periods: list[str]
    coverage: list[list[str]]
    row_count: int
    original_file: str  # relative to the submissions folder
    rows_file: str
    notes: list[str] = field(default_factory=list)

    def covered(self) -> set[tuple[str, ...]]:
        return {tuple(key) for key in self.coverage}


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class SubmissionStore:
    def __init__(self, root: Path | None = None):
        self.root = root or paths.submissions_dir()

    # --- reading ---------------------------------------------------------------------------------------------

    def history(self) -> list[Submission]:
        """Every accepted submission, oldest first."""
        return [Submission(**entry) for entry in read_lines(self.root / "history.jsonl")]

    def audit_log(self) -> list[dict]:
        """Every attempt, oldest first."""
        return read_lines(self.root / "audit.jsonl")

    def waiting(self) -> list[WaitingSubmission]:
        """The submissions waiting for their partner source now, oldest first."""
        waiting: dict[int, WaitingSubmission] = {}
        for event in read_lines(self.root / "waiting.jsonl"):
            if event["event"] == WAITS:
                entry = WaitingSubmission(Submission(**event["submission"]), [tuple(key) for key in event["missing"]])
                waiting[entry.submission.submission_id] = entry
            else:
                waiting.pop(event["submission_id"], None)
        return list(waiting.values())

    def last_submission_id(self) -> int:
        """Ids are shared by accepted and waiting submissions, so that a waiting one keeps its id when published."""
        waited = [event.get("submission", {}).get("submission_id", 0)
                  for event in read_lines(self.root / "waiting.jsonl")]
        return max([entry.submission_id for entry in self.history()] + waited, default=0)

    def rows(self, submission: Submission) -> list[dict[str, str]]:
        with (self.root / submission.rows_file).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    # --- writing: only ever adding ---------------------------------------------------------------------------

    @contextmanager
    def lock(self):
        """Submissions one at a time (two stewards uploading at once would otherwise race for an id and
        publish each without the other's rows)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def archive_original(self, content: bytes, filename: str) -> str:
        """The file exactly as received, under its hash; the same bytes are stored once."""
        relative = Path("originals") / sha256_of(content) / safe_name(filename)
        target = self.root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Whole or not at all: a file cut short by a full disk must not pass later for the original.
            partial = target.with_name(f".{secrets.token_hex(8)}.partial")
            try:
                write_new(partial, content)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
        return relative.as_posix()

    def write_rows(self, submission: Submission, rows: list[dict]) -> None:
        columns = raw_contract.column_names(submission.source) + list(ROW_COLUMNS)
        target = self.root / submission.rows_file
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="") as handle:  # "x": never overwritten
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)

    def append_history(self, submission: Submission) -> None:
        append_line(self.root / "history.jsonl", asdict(submission))

    def append_waiting(self, entry: WaitingSubmission, by: str) -> None:
        append_line(self.root / "waiting.jsonl", {"at": now(), "event": WAITS, "by": by,
                                                  "submission": asdict(entry.submission), "missing": entry.missing})

    def end_waiting(self, submission_id: int, event: str, by_submission: int) -> None:
        """A waiting submission was published with its partner (PUBLISHED_WITH_PARTNER), or replaced by a later
        file of the same source and slices (REPLACED)."""
        append_line(self.root / "waiting.jsonl", {"at": now(), "event": event, "submission_id": submission_id,
                                                  "by_submission": by_submission})

    def append_audit(self, **entry) -> None:
        append_line(self.root / "audit.jsonl", {"at": now(), **entry})


# Events of waiting.jsonl
WAITS, PUBLISHED_WITH_PARTNER, REPLACED = "waits", "published with partner", "replaced"


@dataclass
class WaitingSubmission:
    submission: Submission
    missing: list[tuple[str, ...]]  # partner slices (region, quarter end) not yet submitted


def rows_file_for(source: str, submission_id: int, waiting: bool = False) -> str:
    return f"{'waiting' if waiting else 'accepted'}/{source}/{submission_id:06d}.csv"


def safe_name(filename: str) -> str:
    """The file's own name as it is stored and shown: no folder part a browser or a user might send along, no
    control characters (a NUL, a line break), and at most MAX_FILENAME_BYTES in UTF-8, cut before the extension
    so that .xlsx stays .xlsx. The name as sent is kept in the audit log."""
    printable = "".join(character for character in str(filename) if character.isprintable())
    name = Path(printable.replace("\\", "/")).name.strip()
    if name in ("", ".", ".."):
        return "submission"
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension.encode()) > 10:
        stem, extension = name, ""
    budget = MAX_FILENAME_BYTES - len(extension.encode()) - len(dot)
    while len(stem.encode()) > budget:
        stem = stem[:-1]
    return f"{stem}{dot if extension else ''}{extension}"


def write_new(path: Path, content: bytes) -> None:
    with path.open("xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())

