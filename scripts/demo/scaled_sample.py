"""The synthetic sample at N times its institutions, for the benchmark's scale curve (`make bench`).

Every institution of the sample is split into N synthetic ones (CS-ICBC → CS-ICBC-S0001 … CS-ICBC-S<N>), each
reporting 1/N of its balances, so the region totals, and so every target figure, stay those of the sample while
the loan tables grow N times (6,435 green-loan rows at 1×, 6.4 million at 1000×). The synthetic institutions are
submitted as reference data (raw/institutions/), as a steward would register new ones. All rows stay marked
provenance = sample.

Usage: python -m scripts.demo.scaled_sample --factor 100 --raw-dir DIR [--as-of YYYY-MM-DD]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from scripts.configuration import paths, raw_contract
from scripts.demo import generate_sample_data

SCALED_SOURCES = ("green_loans", "total_loans")


def synthetic_code(code: str, copy: int) -> str:
    return f"{code}-S{copy:04d}"


def split_amount(amount: str, factor: int) -> str:
    """One of `factor` equal shares of an amount as the sample writes it, exactly: a factor of 10^k moves the
    decimal point k places, so the shares add up to the amount to the last digit."""
    if not is_power_of_ten(factor):
        raise ValueError(f"the factor must be a power of ten (1, 10, 100, …), not {factor}")
    return str(Decimal(amount).scaleb(-(len(str(factor)) - 1)))


def is_power_of_ten(factor: int) -> bool:
    return factor >= 1 and str(factor).rstrip("0") == "1"


def scale(raw_dir: Path, factor: int) -> dict[str, int]:
    """Rewrite the sample's loan files in raw_dir at `factor` times the institutions; returns rows per source."""
    institutions = {row["institution_code"]: row for row in csv.DictReader(
        (paths.SEEDS_DIR / "institutions.csv").open(encoding="utf-8"))}
    counts = {}
    for source in SCALED_SOURCES:
        path = raw_dir / source / f"sample_{source}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        columns = raw_contract.column_names(source)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                share = split_amount(row["balance"], factor)
                for copy in range(1, factor + 1):
                    writer.writerow([synthetic_code(row[c], copy) if c == "institution_code"
                                     else share if c == "balance" else row[c] for c in columns])
        counts[source] = len(rows) * factor
    reference_path = raw_dir / "institutions" / "scaled_institutions.csv"
    reference_path.parent.mkdir(parents=True, exist_ok=True)
    columns = raw_contract.column_names("institutions")
    with reference_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for code, institution in institutions.items():
            for copy in range(1, factor + 1):
                values = dict(institution, institution_code=synthetic_code(code, copy),
                              institution_name_zh=f"{institution['institution_name_zh']}（合成 {copy}）",
                              institution_name_en=f"{institution['institution_name_en']} (synthetic {copy})",
                              provenance=generate_sample_data.PROVENANCE)
                writer.writerow([values[c] for c in columns])
    counts["institutions"] = len(institutions) * factor
    return counts


def generate(raw_dir: Path, as_of: dt.date, factor: int) -> dict[str, int]:
    generate_sample_data.generate(raw_dir, as_of)
    return scale(raw_dir, factor) if factor > 1 else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, required=True,
                        help="institutions per sample institution: 1 (the sample), 10, 100, 1000")
    parser.add_argument("--raw-dir", type=Path, required=True,
                        help="raw folder to write (its sample files are replaced)")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args()
    for source, count in generate(args.raw_dir, args.as_of, args.factor).items():
        print(f"scaled {source:<14} {count:>10} rows")


if __name__ == "__main__":
    main()
