"""Append-only JSON-lines logs (the submissions' history and audit log, the sign-in audit) and the clock their
entries are stamped with: each entry is written and synced before the call returns, and never rewritten."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path


def now() -> str:
    """The current time, UTC, as every log and run report writes it."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def append_line(path: Path, entry: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
