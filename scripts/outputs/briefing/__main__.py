"""`make briefing [QUARTER=2026Q3] [BRIEFING_LANG=en]`: the briefing of the published file for one quarter (the
newest published when none is given), as a PDF and a Word file; prints their paths.

Usage: python -m scripts.outputs.briefing [--quarter 2026Q3] [--lang zh|en] [--db FILE] [--out-dir DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.configuration import db, paths
from scripts.configuration.text import DEFAULT_LANGUAGE, LANGUAGES, t
from scripts.outputs.briefing import content, make


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarter", default=None, help="the quarter, as 2026Q3 (default: the newest published)")
    parser.add_argument("--lang", choices=list(LANGUAGES), default=DEFAULT_LANGUAGE)
    parser.add_argument("--db", type=Path, default=None, help="the published DuckDB file (default: the served one)")
    parser.add_argument("--out-dir", type=Path, default=None, help="where to write (default: data/briefings/)")
    args = parser.parse_args(argv)
    db_path = args.db or paths.published_db_path()
    if not db_path.exists():
        print(t("no_database", args.lang, path=db_path), file=sys.stderr)
        return 1
    try:
        as_at = content.quarter_end(args.quarter) if args.quarter else None
        published_at = dt.datetime.fromtimestamp(db_path.stat().st_mtime)
        with db.reading_marts(db_path) as connection:
            as_at = as_at or content.newest_quarter(connection)
            files = make.make(connection, as_at, args.lang, published_at)
    except content.BriefingError as error:
        print(error, file=sys.stderr)
        return 2
    out_dir = args.out_dir or paths.data_dir() / "briefings"
    out_dir.mkdir(parents=True, exist_ok=True)
    for extension, data in (("pdf", files.pdf), ("docx", files.docx)):
        path = out_dir / t("briefing_file_name", args.lang, quarter=files.briefing.quarter_code, extension=extension)
        path.write_bytes(data)
        print(f"{extension.upper()}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
