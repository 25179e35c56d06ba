"""Write a deterministic SYNTHETIC sample dataset in the raw-data contract format.

The figures are invented, calibrated on public facts so that they look like the real thing:
- the plan's 90亿元 = +200% on 2020 implies a Changshou green-loan balance near 30亿元 at end-2020;
- Chongqing-wide green loans were about 10–12% of all loans in 2022–2023 and grew 20–40% a year;
- Guang'an's 2020 GDP was 1,301.6亿元 and its forest coverage about 40%.
Every row carries provenance = "sample", so nothing downstream can present it as official statistics.
The files land in the same raw folders, in the same format, that real submissions use.

Usage: python -m scripts.demo.generate_sample_data [--as-of YYYY-MM-DD] [--raw-dir DIR]
The output depends only on --as-of (default: today), which fixes the latest complete quarter.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from scripts.configuration import paths, raw_contract
from scripts.configuration.quarters import quarter_ends_before
from scripts.configuration.submission_format import money_factors, seed_rows

PROVENANCE = "sample"
FIRST_QUARTER_END = dt.date(2020, 12, 31)
# The 2025 catalogue took effect on 2025-10-01. Banks re-reported 2025-09-30 on both bases,
# which is the bridge that lets growth be chain-linked across the break.
BRIDGE_QUARTER_END = dt.date(2025, 9, 30)
NEW_BASIS_UPLIFT = 1.015  # the 2025 catalogue is broader: same loans book ~1.5% more "green"


@dataclass(frozen=True)
class RegionProfile:
    code: str
    amount_unit: str  # the unit this region's statisticians report in
    green_loans_2020: float  # 亿元, end-2020
    green_growth: dict[int, float]  # year -> year-on-year growth of the year-end balance
    total_loans_2020: float  # 亿元
    total_growth: float
    institutions: dict[str, tuple[float, float]]  # code -> (share of green loans, share of all loans)
    gdp_2020: float
    nominal_growth: dict[int, float]
    real_growth: dict[int, float]
    energy_2020: float  # 万吨标准煤
    energy_growth: dict[int, float]
    co2_per_energy: float  # 万吨 CO2 per 万吨标准煤 in 2020, falls as the mix gets cleaner
    non_fossil_2020: float  # %
    non_fossil_step: float  # percentage points a year
    forest_coverage_2020: float  # %
    forest_coverage_step: float
    forest_stock_2020: float  # 万立方米
    forest_stock_growth: float


CHANGSHOU = RegionProfile(
    code="500115",
    amount_unit="万元",
    green_loans_2020=30.2,
    green_growth={2021: 0.27, 2022: 0.29, 2023: 0.24, 2024: 0.18, 2025: 0.205},
    total_loans_2020=430.0,
    total_growth=0.075,
    institutions={
        "CS-ICBC": (0.22, 0.20), "CS-ABC": (0.18, 0.17), "CS-BOC": (0.10, 0.11), "CS-CCB": (0.20, 0.18),
        "CS-CQRCB": (0.15, 0.19), "CS-CQB": (0.08, 0.09), "CS-OTHER": (0.07, 0.06),
    },
    gdp_2020=826.0,
    nominal_growth={2021: 0.12, 2022: 0.05, 2023: 0.06, 2024: 0.06, 2025: 0.055},
    real_growth={2021: 0.085, 2022: 0.03, 2023: 0.06, 2024: 0.055, 2025: 0.055},
    energy_2020=560.0,
    energy_growth={2021: 0.04, 2022: 0.02, 2023: 0.025, 2024: 0.015, 2025: 0.01},
    co2_per_energy=2.35,
    non_fossil_2020=14.0,
    non_fossil_step=0.9,
    forest_coverage_2020=48.6,
    forest_coverage_step=0.9,
    forest_stock_2020=180.0,
    forest_stock_growth=0.05,
)

GUANGAN = RegionProfile(
    code="511600",
    amount_unit="亿元",
    green_loans_2020=62.0,
    green_growth={2021: 0.24, 2022: 0.31, 2023: 0.33, 2024: 0.26, 2025: 0.22},
    total_loans_2020=1150.0,
    total_growth=0.09,
    institutions={
        "GA-ICBC": (0.19, 0.17), "GA-ABC": (0.21, 0.20), "GA-BOC": (0.12, 0.12), "GA-CCB": (0.20, 0.18),
        "GA-PSBC": (0.10, 0.14), "GA-OTHER": (0.18, 0.19),
    },
    gdp_2020=1301.6,
    nominal_growth={2021: 0.105, 2022: 0.05, 2023: 0.055, 2024: 0.055, 2025: 0.05},
    real_growth={2021: 0.082, 2022: 0.028, 2023: 0.06, 2024: 0.056, 2025: 0.055},
    energy_2020=720.0,
    energy_growth={2021: 0.035, 2022: 0.015, 2023: 0.02, 2024: 0.012, 2025: 0.008},
    co2_per_energy=1.9,
    non_fossil_2020=36.0,
    non_fossil_step=0.8,
    forest_coverage_2020=40.2,
    forest_coverage_step=0.5,
    forest_stock_2020=1900.0,
    forest_stock_growth=0.03,
)

# Chongqing as a whole, for the city's 2027 targets (12,000亿元 of green loans): about 3,300亿元 at end-2020,
# about 7,700亿元 at end-2024 and short of 12,000亿元 in 2026 (the published balances run somewhat higher); one
# combined reporting line.
CHONGQING = RegionProfile(
    code="500000",
    amount_unit="亿元",
    green_loans_2020=3300.0,
    green_growth={2021: 0.20, 2022: 0.25, 2023: 0.27, 2024: 0.23, 2025: 0.21},
    total_loans_2020=44000.0,
    total_growth=0.08,
    institutions={"CQ-ALL": (1.0, 1.0)},
    gdp_2020=25000.0,
    nominal_growth={2021: 0.09, 2022: 0.045, 2023: 0.055, 2024: 0.055, 2025: 0.05},
    real_growth={2021: 0.083, 2022: 0.026, 2023: 0.061, 2024: 0.057, 2025: 0.053},
    energy_2020=8200.0,
    energy_growth={2021: 0.035, 2022: 0.02, 2023: 0.025, 2024: 0.02, 2025: 0.015},
    co2_per_energy=2.05,
    non_fossil_2020=19.5,
    non_fossil_step=0.9,
    forest_coverage_2020=52.5,
    forest_coverage_step=0.45,
    forest_stock_2020=24000.0,
    forest_stock_growth=0.03,
)

REGIONS = (CHANGSHOU, GUANGAN, CHONGQING)
LATER_YEAR_GREEN_GROWTH = 0.19  # growth assumed for years after 2025
LATER_YEAR_MACRO_GROWTH = 0.05

CATEGORY_SHARES = {
    "GL2019": {"GL19-01": 0.22, "GL19-02": 0.12, "GL19-03": 0.30, "GL19-04": 0.08, "GL19-05": 0.23, "GL19-06": 0.05},
    "GF2025": {"GF25-01": 0.20, "GF25-02": 0.10, "GF25-03": 0.08, "GF25-04": 0.30, "GF25-05": 0.06,
               "GF25-06": 0.20, "GF25-07": 0.03, "GF25-08": 0.01, "GF25-09": 0.02},
}
CARBON_EFFECT_SHARES = {"direct": 0.55, "indirect": 0.30, "none": 0.15}

# (issue date, region, bond type, market, amount in 亿元, issuer)
GREEN_BONDS = [
    ("2021-09-15", "500115", "green_bond", "interbank", 3.0, "长寿示例城市发展集团（示例）"),
    ("2022-06-20", "500115", "carbon_neutral", "interbank", 5.0, "长寿示例能源公司（示例）"),
    ("2023-04-11", "500115", "sme_green_collective", "exchange", 2.0, "长寿示例中小企业集合（示例）"),
    ("2023-11-08", "500115", "green_bond", "exchange", 4.0, "长寿示例经开区建设公司（示例）"),
    ("2024-05-16", "500115", "sustainability_linked", "interbank", 3.0, "长寿示例化工新材料公司（示例）"),
    ("2025-03-21", "500115", "transition", "interbank", 2.0, "长寿示例钢铁公司（示例）"),
    ("2025-10-30", "500115", "green_bond", "exchange", 2.5, "长寿示例水务公司（示例）"),
    ("2026-06-12", "500115", "blue_bond", "interbank", 1.5, "长寿示例港航公司（示例）"),
    ("2021-07-08", "511600", "green_bond", "interbank", 6.0, "广安示例发展集团（示例）"),
    ("2022-09-27", "511600", "carbon_neutral", "interbank", 4.0, "广安示例电力公司（示例）"),
    ("2023-06-19", "511600", "green_bond", "exchange", 5.0, "广安示例交通投资公司（示例）"),
    ("2024-03-12", "511600", "transition", "interbank", 3.0, "广安示例建材公司（示例）"),
    ("2024-11-05", "511600", "sme_green_collective", "exchange", 2.0, "广安示例中小企业集合（示例）"),
    ("2025-08-14", "511600", "green_bond", "interbank", 6.0, "广安示例生态公司（示例）"),
    ("2026-04-22", "511600", "sustainability_linked", "interbank", 3.0, "广安示例新材料公司（示例）"),
]



def year_end_path(base: float, growth: dict[int, float], last_year: int, later_growth: float) -> dict[int, float]:
    """Year-end values: base at 2020, then compounded by each year's growth."""
    values = {2020: base}
    for year in range(2021, last_year + 1):
        values[year] = values[year - 1] * (1 + growth.get(year, later_growth))
    return values


def quarterly_value(year_end: dict[int, float], quarter_end: dt.date, rng: random.Random) -> float:
    """Geometric interpolation between year-ends, with a little noise inside the year."""
    if quarter_end.month == 12:
        return year_end[quarter_end.year] * (1 + rng.uniform(-0.004, 0.004))
    start, end = year_end[quarter_end.year - 1], year_end[quarter_end.year]
    fraction = quarter_end.month / 12
    return start * (end / start) ** fraction * (1 + rng.uniform(-0.012, 0.012))


def bases_for(quarter_end: dt.date) -> list[str]:
    if quarter_end < BRIDGE_QUARTER_END:
        return ["GL2019"]
    if quarter_end == BRIDGE_QUARTER_END:
        return ["GL2019", "GF2025"]
    return ["GF2025"]


def format_amount(value_100m: float, unit: str) -> str:
    """An amount in 亿元 written in `unit` as a statistics table would: 万元 with two decimals, 亿元 with four."""
    per_100m = float(1 / money_factors()[unit])  # 10 000 for 万元 (seeds/unit_conversions.csv)
    return f"{value_100m * per_100m:.2f}" if per_100m > 1 else f"{value_100m:.4f}"


def drifted(weights: dict[str, float], rng: random.Random, spread: float) -> dict[str, float]:
    raw = {key: weight * (1 + rng.uniform(-spread, spread)) for key, weight in weights.items()}
    total = sum(raw.values())
    return {key: value / total for key, value in raw.items()}


def loan_rows(as_of: dt.date, rng: random.Random) -> tuple[list[list[str]], list[list[str]]]:
    green, total = [], []
    quarters = quarter_ends_before(FIRST_QUARTER_END, as_of)
    last_year = max([q.year for q in quarters], default=2020)
    for region in REGIONS:
        green_path = year_end_path(region.green_loans_2020, region.green_growth, last_year, LATER_YEAR_GREEN_GROWTH)
        total_path = year_end_path(region.total_loans_2020, {}, last_year, region.total_growth)
        green_weights = {code: shares[0] for code, shares in region.institutions.items()}
        total_weights = {code: shares[1] for code, shares in region.institutions.items()}
        for quarter in quarters:
            green_region = quarterly_value(green_path, quarter, rng)
            total_region = quarterly_value(total_path, quarter, rng)
            green_by_institution = drifted(green_weights, rng, 0.05)
            total_by_institution = drifted(total_weights, rng, 0.02)
            for institution in region.institutions:
                total_balance = total_region * total_by_institution[institution]
                total.append([region.code, institution, quarter.isoformat(),
                              format_amount(total_balance, region.amount_unit), region.amount_unit, PROVENANCE])
                for basis in bases_for(quarter):
                    uplift = NEW_BASIS_UPLIFT if basis == "GF2025" else 1.0
                    institution_green = green_region * green_by_institution[institution] * uplift
                    categories = drifted(CATEGORY_SHARES[basis], rng, 0.10)
                    for category, category_share in categories.items():
                        effects = drifted(CARBON_EFFECT_SHARES, rng, 0.10)
                        for effect, effect_share in effects.items():
                            green.append([region.code, institution, quarter.isoformat(), basis, category, effect,
                                          format_amount(institution_green * category_share * effect_share,
                                                        region.amount_unit),
                                          region.amount_unit, PROVENANCE])
    return green, total


def bond_type_names() -> dict[str, str]:
    with (paths.SEEDS_DIR / "bond_types.csv").open(encoding="utf-8") as handle:
        return {row["bond_type_code"]: row["bond_type_name_zh"] for row in csv.DictReader(handle)}


def bond_rows(as_of: dt.date) -> list[list[str]]:
    rows = []
    type_names = bond_type_names()
    for number, (issue_date, region, bond_type, market, amount, issuer) in enumerate(GREEN_BONDS, start=1):
        if dt.date.fromisoformat(issue_date) >= as_of:
            continue
        # Changshou's bond register is kept in 亿元, Guang'an's in 万元: both units go through the same path.
        unit = "亿元" if region == "500115" else "万元"
        name = f"{issuer.removesuffix('（示例）')}{issue_date[:4]}年{type_names[bond_type]}（示例）"
        rows.append([f"SMP{region}{number:03d}", name, issuer, region, issue_date, format_amount(amount, unit), unit,
                     bond_type, market, PROVENANCE])
    return rows


def indicator_rows(as_of: dt.date) -> list[list[str]]:
    """Annual statistics are published after the year ends; the sample covers 2020 to last year."""
    rows = []
    last_year = as_of.year - 1
    for region in REGIONS:
        gdp = year_end_path(region.gdp_2020, region.nominal_growth, last_year, LATER_YEAR_MACRO_GROWTH)
        real_gdp = year_end_path(region.gdp_2020, region.real_growth, last_year, LATER_YEAR_MACRO_GROWTH)
        energy = year_end_path(region.energy_2020, region.energy_growth, last_year, 0.01)
        for year in range(2020, last_year + 1):
            step = year - 2020
            co2 = energy[year] * region.co2_per_energy * (1 - 0.012 * step)
            values = {
                "gdp_current_prices": (f"{gdp[year]:.2f}", "亿元"),
                "gdp_constant_2020_prices": (f"{real_gdp[year]:.2f}", "亿元"),
                "energy_consumption": (f"{energy[year]:.2f}", "万吨标准煤"),
                "co2_emissions": (f"{co2:.2f}", "万吨"),
                "non_fossil_energy_share": (f"{region.non_fossil_2020 + region.non_fossil_step * step:.2f}", "%"),
                "forest_coverage": (f"{region.forest_coverage_2020 + region.forest_coverage_step * step:.2f}", "%"),
                "forest_stock": (f"{region.forest_stock_2020 * (1 + region.forest_stock_growth) ** step:.2f}",
                                 "万立方米"),
            }
            for code, (value, unit) in values.items():
                rows.append([region.code, str(year), code, value, unit, PROVENANCE])
    return rows


# The evaluation's figures (institution_figures) start here: the own-history part of a score needs three
# earlier quarters, so two years give every institution a history before the quarters a leader looks at.
FIRST_EVALUATED_QUARTER_END = dt.date(2024, 3, 31)
EVALUATING_OFFICE = "区金融发展服务中心（示例）"
SCORED_DAYS_AFTER_QUARTER = 20
# Every score the evaluating office gives (both schemes' qualitative groups), from the definitions seed.
QUALITATIVE_FIGURES = tuple(row["figure_code"] for row in seed_rows("institution_figure_definitions")
                            if row["is_qualitative"] == "true")


def institution_green_balances(green_rows: list[list[str]]) -> dict[tuple[str, str, str], float]:
    """(region, institution, quarter end) -> green loans in 亿元 on the larger basis, from the sample's rows."""
    by_basis: dict[tuple[str, str, str, str], float] = {}
    for region, institution, quarter, basis, _, _, balance, unit, _ in green_rows:
        key = (region, institution, quarter, basis)
        by_basis[key] = by_basis.get(key, 0.0) + float(balance) * float(money_factors()[unit])
    balances: dict[tuple[str, str, str], float] = {}
    for (region, institution, quarter, _), balance in by_basis.items():
        balances[(region, institution, quarter)] = max(balances.get((region, institution, quarter), 0.0), balance)
    return balances


def institution_figure_rows(as_of: dt.date, green_rows: list[list[str]]) -> list[list[str]]:
    """Each institution's evaluation figures from FIRST_EVALUATED_QUARTER_END, in proportion to its green
    loans so that the bounds hold (green bonds within bond investment, non-performing within green loans); the
    pilot zone's institutions also get the evaluating office's qualitative scores, signed and dated."""
    rng = random.Random(32)  # task 32; its own generator, so that the loan figures stay as they were
    units = {region.code: region.amount_unit for region in REGIONS}
    rows = []
    for (region, institution, quarter), green in sorted(institution_green_balances(green_rows).items()):
        # The city's figures are one row for all its institutions (CQ-ALL): nobody to evaluate there.
        if dt.date.fromisoformat(quarter) < FIRST_EVALUATED_QUARTER_END or region == CHONGQING.code:
            continue
        unit = units[region]
        investment = green * rng.uniform(1.2, 2.5)
        held = investment * rng.uniform(0.03, 0.15)
        amounts = {"green_bonds_held": held, "bond_investment": investment,
                   "green_npl_balance": green * rng.uniform(0.002, 0.015),
                   "defaulted_green_bonds_held": held * 0.05 if rng.random() < 0.05 else 0.0}
        for code, amount in amounts.items():
            rows.append([region, institution, quarter, code, format_amount(amount, unit), unit, "", "", PROVENANCE])
        rows.append([region, institution, quarter, "new_green_loan_rate", f"{rng.uniform(2.9, 4.3):.2f}", "%", "",
                     "", PROVENANCE])
        scored_on = dt.date.fromisoformat(quarter) + dt.timedelta(days=SCORED_DAYS_AFTER_QUARTER)
        if region == CHANGSHOU.code and scored_on < as_of:
            for code in QUALITATIVE_FIGURES:
                rows.append([region, institution, quarter, code, f"{rng.uniform(60, 95):.1f}", "分", EVALUATING_OFFICE,
                             scored_on.isoformat(), PROVENANCE])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(raw_dir: Path, as_of: dt.date) -> dict[str, Path]:
    rng = random.Random(20230328)  # the plan's issue date: any fixed seed makes the output reproducible
    green, total = loan_rows(as_of, rng)
    datasets = {
        "green_loans": green,
        "total_loans": total,
        "green_bonds": bond_rows(as_of),
        "regional_indicators": indicator_rows(as_of),
        "institution_figures": institution_figure_rows(as_of, green),
    }
    written = {}
    for source, rows in datasets.items():
        path = raw_dir / source / f"sample_{source}.csv"
        write_csv(path, raw_contract.column_names(source), rows)
        written[source] = path
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="date the sample is generated as of; fixes the latest complete quarter")
    parser.add_argument("--raw-dir", type=Path, default=None, help="raw folder (default: GF_RAW_DIR or data/raw)")
    args = parser.parse_args()
    written = generate(args.raw_dir or paths.raw_dir(), args.as_of)
    for source, path in written.items():
        print(f"sample {source:<20} -> {path}")


if __name__ == "__main__":
    main()
