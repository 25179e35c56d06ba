"""The one text catalog: every label the dashboard, the CLI summary and the workbook show, every message a data
steward gets about a submitted file (the reader, the quality gate's rules, the submit use case), in Chinese
(the default) and English, and the words progress is put into (scripts/outputs/wording.py builds on it). It is
part of configuration, the bottom step, so that every step may use it.

Names that live in the data (regions, targets, statuses, categories, departments) come from the marts'
`*_zh`/`*_en` columns; this catalog holds only the product's own labels. A key built from a data value (a
source, a run stage) must belong to a family declared in DATA_DRIVEN_KEYS, which tests/test_text_catalog.py
checks against the code lists. Steward messages are keyed by family: `sub_` the reader of a submitted file
(scripts/ingestion/read_submission.py), `gx_` the quality gate's rules (expectations/suites.py), `ingest_` the
submit use case (scripts/publishing/ingest.py), `build_` the pipeline (scripts/publishing/pipeline.py).

Plurals: Chinese has one form; where English has two, the English value is a pair (singular, plural) and the
call passes `count`, which picks the form: t("ingest_rejected", "en", count=1) says "1 problem", count=3 "3
problems". A value put into a text may itself depend on the language: `words(key, ...)` (another catalog text)
and `joined(items)` (a list, 、-separated in Chinese) are said in the language of the text they go into.

`t(key, lang)` takes the language; without one it asks `current_language`, which is the default language
until the dashboard plugs in the reader's choice (dashboard/i18n.py). `pair(key, ...)` gives both languages.
"""
from __future__ import annotations

from typing import Callable

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

# English (singular, plural) for a text that counts something; the call passes `count`.
Plural = tuple[str, str]
TEXT: dict[str, tuple[str, str | Plural]] = {
    # app and navigation
    "app_title": ("长寿区绿色金融改革创新试验区监测", "Changshou green-finance pilot zone monitor"),
    # the CLI progress summary (scripts/outputs/summary.py)
    "summary_title": ("长寿区绿色金融改革创新试验区 进度摘要", "Green-finance pilot zone: progress summary"),
    "summary_sample_banner": ("⚠ 示例数据：合成数据，仅供演示，不是官方统计", "SAMPLE DATA: synthetic figures, not official statistics"),
    "language": ("语言 Language", "语言 Language"),
    "nav_overview": ("总览", "Overview"),
    "nav_scorecard": ("目标完成情况", "Scorecard"),
    "nav_indicator": ("指标详情", "Indicator details"),
    "nav_green_credit": ("绿色信贷", "Green credit"),
    "nav_green_bonds": ("绿色债券", "Green bonds"),
    "nav_energy": ("能耗·碳排放·森林", "Energy, carbon and forest"),
    "nav_comparison": ("区域比较", "Compare regions"),
    "nav_tasks": ("任务台账", "Task ledger"),
    "nav_quality": ("数据质量", "Data quality"),
    "section_leaders": ("进展", "Progress"),
    "section_work": ("工作与数据", "Work and data"),
    "sample_banner": ("⚠️ 示例数据：本页部分或全部数字为合成数据，仅供演示，不是官方统计。",
                      "⚠️ Sample data: some or all figures on this page are synthetic, for demonstration only, "
                      "not official statistics."),
    "no_database": ("尚未发布数据：数据文件 {path} 不存在。请先运行 `make build`（或 `make run`）。",
                    "No data published yet: {path} does not exist. Run `make build` (or `make run`) first."),
    "published_at": ("数据发布于 {when}", "Data published {when}"),
    "region": ("地区", "Region"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "source": ("来源", "Source"),
    "synthetic": ("示例数据（合成）", "sample data (synthetic)"),
    "official": ("官方统计", "official statistics"),
    "as_of_date": ("数据截至", "As of"),
    "target_line": ("目标 {value}", "Target {value}"),
    "target_change_level": ("{target}：{level}", "{target}: {level}"),
    "target_not_set_line": ("目标值待市级下达", "Target to be set by the city"),
    "target_level_unknown": ("缺少基准值，目标水平无法确定", "No baseline: the target level is not known"),
    "target_not_for_region": ("该目标仅适用于长寿区", "This target applies to Changshou only"),
    "no_data": ("暂无数据", "No data"),
    # where figures come from: the raw sources (seeds/README.md) and the marts built on them
    "src_green_loans": ("金融机构绿色贷款专项统计", "Green-loan statistics from financial institutions"),
    "src_total_loans": ("金融机构各项贷款统计", "Loan statistics from financial institutions"),
    "src_green_bonds": ("绿色债券发行登记", "Green-bond issuance register"),
    "src_regional_indicators": ("地区统计（GDP、能源、碳排放、森林）", "Regional statistics (GDP, energy, CO₂, forest)"),
    "src_target_registry": ("长寿府办发〔2023〕12号 目标", "Targets of 长寿府办发〔2023〕12号"),
    "src_institution_figures": ("金融机构绿色金融评价数据（评价办公室报送）",
                                "Institution figures for the green-finance evaluation (from the evaluating office)"),
    "src_task_ledger": ("任务台账（责任部门报送）", "Task ledger (reported by departments)"),
    "src_task_progress": ("任务进展（责任部门报送）", "Task progress reports (from departments)"),
    "src_regions": ("地区参考数据", "Regions (reference data)"),
    "src_institutions": ("金融机构参考数据", "Financial institutions (reference data)"),
    "year": ("年份", "Year"),
    "period_end": ("期末", "Period end"),
    "unit": ("单位", "Unit"),
    # overview
    "overview_title_progress": ("{year} 年目标进展", "Progress toward the {year} targets"),
    "overview_title_outcome": ("{year} 年目标完成情况", "The {year} targets: outcome"),
    "overview_intro": ("{region}（{as_at}）：先看已到期目标的完成情况，再看仍在期限内的目标，最后是各项目标在各地区的状态一览。",
                       "{region} ({as_at}): first the outcome of the targets whose deadline has passed, then the "
                       "targets still running, then the status of every target in each region."),
    "matrix_title": ("目标状态一览", "Status of every target"),
    "scorecard_section": ("{year} 年目标完成情况（{plan}）", "The {year} targets: outcome ({plan})"),
    "current_section": ("当前目标", "Current targets"),
    "current_intro": ("试验区建设继续推进（约至 2027 年）。以下为仍在期限内的目标：区级、市级（含长寿区贡献）和国家级。",
                      "The pilot zone goes on (to about 2027). Below are the targets still running: the district's, "
                      "the city's (with the district's contribution) and the nation's."),
    "no_current_targets": ("所选季度没有仍在期限内的目标。", "No target is still running at the quarter chosen."),
    "consistency_note": (
        "三项绿色贷款目标并不一致：按年均增速 {floor} 从 {baseline} 起算，{year} 年末只能达到 {reached}，低于 {level} "
        "的目标；后者要求年均增长 {needed}。因此年均增速目标可能达成，而余额与增长目标仍未达成。",
        "The green-loan targets do not agree: growth of {floor} a year from {baseline} reaches only {reached} by "
        "end-{year}, below the {level} target, which needs {needed} a year. So the annual floor can be met while the "
        "level and growth targets are missed."),
    "contribution_line": ("{region}占全市 {share}，占{baseline}以来全市增量的 {growth_share}（{period}）",
                          "{region} is {share} of the city's figure and {growth_share} of its growth since "
                          "{baseline} ({period})"),
    "contribution_line_no_growth": ("{region}占全市 {share}（{period}）", "{region} is {share} of the city's figure ({period})"),
    "outlook_trends": ("长期趋势：{long}；短期趋势：{short}", "Long-term trend: {long}; short-term trend: {short}"),
    "outlook_not_available": ("无法判断", "cannot be judged"),
    "outlook_probability": ("按期达成概率约 {probability}（按近两年增速波动估算）",
                            "Probability of meeting it by the deadline about {probability} (from the spread of recent growth)"),
    "outlook_projection_short": ("按近期增速预计期末 {projected}，缺口为所需距离的 {gap}",
                                 "At recent growth the deadline figure would be {projected}, short by {gap} of the distance needed"),
    "outlook_projection_met": ("按近期增速预计期末 {projected}，可按期达成", "At recent growth the deadline figure would be {projected}: met in time"),
    "outlook_needed": ("仍需每年 {per_year}（每季度 {per_quarter}）", "Still needs {per_year} a year ({per_quarter} a quarter)"),
    "outlook_needed_fall": ("仍需每年降低 {per_year}（每季度 {per_quarter}）", "Still needs a fall of {per_year} a year ({per_quarter} a quarter)"),
    "matrix_target": ("目标", "Target"),
    "matrix_not_applicable": ("不适用", "n/a"),
    "matrix_legend": ("图例", "Legend"),
    "figure_at": ("{period}", "As at {period}"),
    "figure_judged": ("判断依据", "Figure judged"),
    "level_is": ("数值 {level}", "Level {level}"),
    "no_growth_rate": ("暂无同比增速", "No year-on-year growth yet"),
    "target_and_deadline": ("目标 {comparison}{target}，期限 {deadline}", "Target {comparison}{target} by {deadline}"),
    "target_not_set": ("目标未设定（待市级下达）", "Target not set (to be set by the city)"),
    "target_not_set_by_district": ("目标未设定（待区级发布）", "Target not set (the district has not issued it yet)"),
    "distance_covered": ("已完成基准至目标距离的 {share:.0%}", "{share:.0%} of the way from baseline to target"),
    "years_met_floor": ("{met}/{judged} 年达到年度下限", "{met} of {judged} years met the annual floor"),
    "days_left": ("距期限还有 {count} 天", ("{count} day left to the deadline", "{count} days left to the deadline")),
    "deadline_today": ("今天是期限", "The deadline is today"),
    "deadline_passed": ("期限已过 {count} 天", ("Deadline passed {count} day ago", "Deadline passed {count} days ago")),
    "newer_figure": ("最新数据（{period}）：{value}", "Newer figure ({period}): {value}"),
    "freshness_title": ("数据新鲜度", "Data freshness"),
    "tasks_summary_title": ("32 项任务进展", "The 32 tasks"),
    "tasks_behind": ("滞后或未启动的任务", "Tasks behind schedule or not started"),
    # periods, changes and the as-of selector
    "period_year_end": ("{year} 年末", "end-{year}"),
    "period_quarter_end": ("{year} 年{quarter_zh}季度末", "end of {year} Q{quarter}"),
    "quarter_name": ("{year} 年{quarter_zh}季度", "{year} Q{quarter}"),
    "as_at_selector": ("数据截至", "Data as at"),
    "as_at_latest": ("最新（截至 {quarter}）", "Latest (as at {quarter})"),
    "as_at_quarter": ("截至 {quarter}", "As at {quarter}"),
    "as_at_past_note": ("正在查看截至 {quarter}的数据（之后各期的数据不计入）。",
                        "Showing the data as it stood at {quarter} (figures for later periods left out)."),
    "change_up": ("增长 {value}", "+{value}"),
    "change_down": ("降低 {value}", "\u2212{value}"),
    "change_none": ("持平", "unchanged"),
    "change_since": ("较 {year} 年{change}", "{change} on {year}"),
    "change_every_year": ("每年{change}", "{change} every year"),
    "change_year_on_year": ("同比{change}", "{change} year on year"),
    # plain-words lines
    "words_not_set": ("目标值待市级下达；最新 {value}。", "The city has not set the target yet; latest {value}."),
    "words_not_set_no_data": ("目标值待市级下达；暂无数据。", "The city has not set the target yet; no data yet."),
    "words_not_set_by_district": ("区级目标尚未发布；最新 {value}。", "The district has not issued this target yet; latest {value}."),
    "words_not_set_by_district_no_data": ("区级目标尚未发布；暂无数据。",
                                          "The district has not issued this target yet; no data yet."),
    "words_insufficient": ("数据不足，无法判断趋势。", "Not enough data to judge a trend."),
    "words_achieved": ("已达到目标：{period} {value}，目标 {comparison}{target}。",
                       "Target met: {value} at {period}, against {comparison}{target}."),
    "words_final_not_reported": ("期限已过，{deadline}数据尚未报送；按 {period}数据判断：{trend}。",
                                 "The deadline has passed; the {deadline} figure has not been reported yet. "
                                 "On the {period} figure: {trend}."),
    "words_final_missed": ("{deadline} {value}，未达到 {comparison}{target} 的目标。",
                           "At {deadline}: {value}, short of the target {comparison}{target}."),
    "words_met_later": ("{period}已达到目标。", " Met by {period}."),
    "words_floor_missed": ("{years} 年增速低于 {target} 的年度下限，目标未达成。",
                           "Growth was below the {target} annual floor in {years}: target missed."),
    "words_floor_needed": ("需 {year} 年增速不低于 {target}（最新{value}）。",
                           "Growth must be at least {target} in {year} (latest {value})."),
    "words_grow": ("需年均增长 {rate} 才能在 {year} 年末达到 {target}", "Needs {rate} a year to reach {target} by end-{year}"),
    "words_fall": ("需年均下降 {rate} 才能在 {year} 年末达到 {target}",
                   "Needs a fall of {rate} a year to reach {target} by end-{year}"),
    "words_cumulative": ("需每年新增 {rate} 才能在 {year} 年末累计达到 {target}",
                         "Needs {rate} a year to reach {target} in total by end-{year}"),
    "words_level_of": ("（即 {level}）", " (that is, {level})"),
    # why a status is what it is (fct_indicator_progress status_reason)
    "reason_no_observation": ("尚无该指标的数据。", "No figure of this indicator yet."),
    "reason_no_baseline_observation": ("缺少 2020 年基准值，无法计算趋势。", "No 2020 baseline figure: no trend."),
    "reason_basis_break_without_bridge": ("统计口径变化且无衔接季度，前后数据不可比。",
                                          "The statistics basis changed without a bridge quarter: figures are "
                                          "not comparable."),
    "reason_baseline_only": ("仅有基准年数据，无法判断趋势。", "Only the baseline figure: no trend yet."),
    "reason_non_positive_value": ("数值为零或负数，无法计算增速。", "A zero or negative figure: no growth rate."),
    "reason_no_year_on_year_growth": ("缺少上年同期数据，无法计算同比增速。",
                                      "No figure a year earlier: no year-on-year growth."),
    "reason_deadline_passed": ("期限当期数据未达到目标。", "The figure at the deadline falls short of the target."),
    "reason_year_below_floor": ("某一年的年末同比增速低于年度下限，无法补回。",
                                "A year's growth fell below the annual floor, which cannot be made good."),
    "reason_deadline_figure_missing": ("期限已过，期限当期的数据尚未报送。",
                                       "The deadline has passed and its figure has not been reported."),
    "reason_growth_ratio": ("实际年均增速 {observed} {unit}，所需 {required} {unit}，比值 R = {ratio}（Open SDG 方法）。",
                            "Observed {observed} {unit} against {required} {unit} required: R = {ratio} (Open SDG "
                            "method)."),
    # one indicator (Open SDG style page)
    "indicator_title": ("指标详情", "Indicator details"),
    "indicator_choose": ("指标", "Indicator"),
    "indicator_target": ("目标", "Target"),
    "indicator_reason": ("判断依据", "Why"),
    "indicator_in_target_terms": ("按目标口径", "In the target's terms"),
    "indicator_target_level": ("目标水平", "Target level"),
    "indicator_basis": ("统计口径", "Statistics basis"),
    "indicator_status_then": ("当期状态", "Status at the time"),
    "indicator_metadata": ("指标说明", "About this indicator"),
    "indicator_clause": ("方案条款", "Clause of the plan"),
    "indicator_clause_text": ("《{plan}》{clause}：{wording}", "{plan}, {clause}: {wording}"),
    "indicator_definition": ("定义", "Definition"),
    "indicator_source": ("数据来源", "Source"),
    "indicator_frequency": ("频率", "Frequency"),
    "indicator_department": ("报送部门", "Reporting department"),
    "indicator_method": ("判断方法", "How the status is judged"),
    "indicator_baseline": ("基准", "Baseline"),
    "indicator_baseline_year": ("{year} 年末", "end-{year}"),
    "indicator_cumulative_from": ("自 {date} 起累计", "cumulative from {date}"),
    "indicator_deadline": ("期限", "Deadline"),
    "indicator_note": ("备注", "Note"),
    "indicator_chain_link": ("。2025 年统计口径变化处，以衔接季度两种口径数据之比链接前后数据。",
                             ". Across the 2025 basis change the series is chain-linked by the bridge quarter's "
                             "ratio of the two bases."),
    "frequency_quarterly": ("季度", "Quarterly"),
    "frequency_annual": ("年度", "Annual"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    # green credit
    "credit_title": ("绿色信贷", "Green credit"),
    "credit_balance": ("绿色贷款余额", "Green-loan balance"),
    "credit_balance_chart": ("绿色贷款余额与目标路径", "Green-loan balance against the target paths"),
    "path_floor": ("年增 {rate} 下限路径", "{rate}-a-year floor path"),
    "path_to_target": ("达到 {target} 所需路径", "Path to {target}"),
    "actual": ("实际", "Actual"),
    "yoy_chart": ("绿色贷款余额年末同比增速", "Year-end year-on-year growth of green loans"),
    "yoy_growth": ("同比增速", "Year-on-year growth"),
    "floor_line": ("年度下限 {value}", "Annual floor {value}"),
    "share_chart": ("绿色贷款占各项贷款比重", "Green loans as a share of all loans"),
    "share": ("占比", "Share"),
    "category_chart": ("按贷款用途分类（{date}）", "By use of the loan ({date})"),
    "effect_chart": ("按碳减排效果分类（{date}）", "By carbon-reduction effect ({date})"),
    "category": ("用途分类", "Use category"),
    "carbon_effect": ("碳减排效果", "Carbon-reduction effect"),
    "institutions_title": ("金融机构明细（{date}）", "Financial institutions ({date})"),
    "institution": ("金融机构", "Institution"),
    "institution_type": ("机构类型", "Type"),
    "green_balance": ("绿色贷款余额（亿元）", "Green loans (亿元, 100m CNY)"),
    "total_balance": ("各项贷款余额（亿元）", "All loans (亿元, 100m CNY)"),
    "share_own": ("占本机构贷款比重（%）", "Share of own lending (%)"),
    "growth_yoy_pct": ("同比增速（%）", "Year-on-year growth (%)"),
    "share_district": ("占本地区绿色贷款比重（%）", "Share of the region's green loans (%)"),
    "basis_break_note": ("统计口径于 {date} 变更（{basis}）：此后数据按新口径，过渡季度两种口径均报送，增速经衔接计算。",
                         "The statistics basis changed at {date} ({basis}): later figures use the new basis; the "
                         "bridge quarter was reported on both and growth is chain-linked across it."),
    "credit_peer_note": ("绿色贷款余额 90 亿元目标仅适用于长寿区；图中目标线为“较 2020 年增长 200%”在所判断统计口径下对应的余额。",
                         "The 90亿元 balance target applies to Changshou only; the line drawn is the balance "
                         "\"+200% on 2020\" means on the statistics basis judged."),
    # green bonds
    "bonds_title": ("绿色债券", "Green bonds"),
    "bonds_cumulative_chart": ("绿色债券累计发行额（自 {since} 起）", "Cumulative green-bond issuance (since {since})"),
    "cumulative": ("累计发行额", "Cumulative issuance"),
    "amount": ("发行额", "Amount issued"),
    "bond_type": ("债券类型", "Bond type"),
    "market": ("发行市场", "Market"),
    "by_type_chart": ("按债券类型", "By bond type"),
    "by_market_chart": ("按发行市场", "By market"),
    "bond_list": ("债券发行清单", "Issues"),
    "bond_code": ("债券代码", "Bond code"),
    "bond_name": ("债券名称", "Name"),
    "issuer": ("发行人", "Issuer"),
    "issue_date": ("发行日期", "Issue date"),
    "amount_100m": ("发行额（亿元）", "Amount (亿元, 100m CNY)"),
    "counts_toward_target": ("计入目标", "Counts toward target"),
    "no_bonds": ("该地区暂无绿色债券发行记录。", "No green bonds recorded for this region."),
    # energy, carbon, forest
    "energy_title": ("能耗·碳排放·森林", "Energy, carbon and forest"),
    "energy_intensity_chart": ("单位地区生产总值能耗与目标路径", "Energy per unit of GDP against the target path"),
    "energy_intensity_series": ("单位地区生产总值能耗", "Energy per unit of GDP"),
    "co2_chart": ("单位地区生产总值二氧化碳排放", "CO₂ emissions per unit of GDP"),
    "co2_intensity": ("碳排放强度", "CO₂ intensity"),
    "nonfossil_chart": ("非化石能源消费比重", "Non-fossil share of energy consumption"),
    "forest_coverage_chart": ("森林覆盖率", "Forest coverage"),
    "forest_stock_chart": ("森林蓄积量", "Forest stock"),
    "gdp_constant": ("地区生产总值（2020 年不变价，亿元）", "GDP (constant 2020 prices, 亿元 = 100m CNY)"),
    "energy_consumption": ("能源消费量（万吨标准煤）", "Energy consumption (万吨标准煤 = 10k tce)"),
    "energy_intensity": ("单位 GDP 能耗（吨标准煤/万元）", "Energy per unit of GDP (tce per 10k CNY)"),
    "energy_intensity_change": ("能耗强度较 2020 年变化（%）", "Energy intensity change since 2020 (%)"),
    "co2_emissions": ("二氧化碳排放量（万吨）", "CO₂ emissions (万吨 = 10k t)"),
    "co2_intensity_unit": ("单位 GDP 二氧化碳排放（吨/万元）", "CO₂ per unit of GDP (t per 10k CNY)"),
    "co2_intensity_change": ("碳排放强度较 2020 年变化（%）", "CO₂ intensity change since 2020 (%)"),
    "non_fossil_share": ("非化石能源消费比重（%）", "Non-fossil share (%)"),
    "forest_coverage": ("森林覆盖率（%）", "Forest coverage (%)"),
    "forest_stock": ("森林蓄积量（万立方米）", "Forest stock (万立方米 = 10k m³)"),
    # comparison
    "comparison_title": ("区域比较", "Regions compared"),
    "compare_regions": ("对比地区（默认长寿区与广安市，可加选其他地区）",
                        "Regions to compare (Changshou and Guang'an unless you choose others)"),
    "choose_two_regions": ("请至少选择两个地区进行对比。", "Choose at least two regions to compare."),
    "size_note": ("注意：各地区行政级别和经济、贷款规模不同（如长寿区是区县，广安市是地级市）。请比较比例和增速等标准化指标，"
                  "而非绝对值。",
                  "Note: the regions differ in administrative level and in the size of their economies and loan "
                  "books (Changshou is a district, Guang'an a prefecture-level city). Compare the normalised "
                  "indicators (shares, growth), not absolute amounts."),
    "latest_side_by_side": ("标准化指标并列", "Normalised indicators side by side"),
    "latest_side_by_side_when": ("各指标取所选地区共有的最近年份", "each at the latest year every region chosen reports"),
    "no_common_year": ("所选地区没有共同年份、未能并列的指标：{metrics}（见下方历年走势）。",
                       "Not side by side, as the regions chosen have no year in common: {metrics} (see over time "
                       "below)."),
    "region_without_figures": ("以下地区尚无可比较的数据，图表中未列出：{regions}。",
                               "No comparable figures yet, so not in the charts: {regions}."),
    "series_overlaid": ("历年走势", "Over time"),
    "shared_targets": ("所选地区共同适用目标的状态", "Status on the targets that apply to every region chosen"),
    "no_shared_targets": ("所选地区没有共同适用的目标。", "No target applies to every region chosen."),
    "metric": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "status": ("状态", "Status"),
    "category_history_chart": ("各用途类别绿色贷款余额（跨 2025 年版目录衔接）",
                               "Green loans by use category, across the 2025 catalogue change"),
    "category_ends_at_break": ("至目录调整止，已拆分", "ends at the catalogue change: split"),
    "category_starts_at_break": ("目录调整后新增", "new in the 2025 catalogue"),
    "category_break_marker": ("{basis}起", "{basis} from here"),
    "scorecard_title": ("目标完成情况", "Targets: outcome"),
    "scorecard_none_ended": ("所选季度尚无到期的目标。", "No target's deadline has passed by the quarter chosen."),
    "final_not_reported_short": ("期末数据未报送", "Final figure not reported"),
    "deadline_figure": ("期限当期数值", "Figure at the deadline"),
    "scorecard_target": ("目标与期限", "Target and deadline"),
    "outcome": ("结果", "Outcome"),
    "met_later": ("逾期后达成于", "Met later, by"),
    "latest_figure": ("最新数值", "Latest figure"),
    "plan": ("规划文件", "Plan document"),
    "regimes_title": ("目标出处", "Where the targets come from"),
    "issuing_body": ("发文机关", "Issued by"),
    "issued": ("发布时间", "Issued"),
    "deadline_year": ("目标年份", "Target year"),
    "source_checked": ("已核对原文", "Checked against the original"),
    "source_checked_yes": ("是", "Yes"),
    "source_checked_no": ("否（据公开报道）", "No (as publicly reported)"),
    "source_document": ("来源", "Source"),
    "source_archived": ("随项目存档的方案原文", "The plan's text, archived with the project"),
    "regime_status_issued": ("已发布", "Issued"),
    "regime_status_awaited": ("待发布", "Awaited"),
    "target": ("目标", "Target"),
    # tasks
    "tasks_title": ("任务台账", "Task ledger"),
    "tasks_intro": ("实施方案第五、六部分列出的 32 项任务，按章节分组。", "The 32 tasks of parts 5 and 6 of the plan, by section."),
    "filter_department": ("责任部门", "Department"),
    "all": ("全部", "All"),
    "filter_status": ("状态", "Status"),
    "section": ("章节", "Section"),
    "section_code": ("条款", "Clause"),
    "tasks_unit": ("项", "tasks"),
    "task_no": ("序号", "No."),
    "task": ("任务", "Task"),
    "lead_department": ("牵头部门", "Lead department"),
    "co_departments": ("配合部门", "Co-departments"),
    "last_update": ("最近更新", "Last update"),
    "status_note": ("说明", "Note"),
    "tasks_shown": ("显示 {shown} / {total} 项任务", "Showing {shown} of {total} tasks"),
    "per_department": ("各部门任务状态（牵头或配合）", "Tasks per department by status (lead or co-department)"),
    "tasks_count": ("任务数", "Tasks"),
    "department": ("部门", "Department"),
    "lead_count": ("牵头任务数", "Tasks led"),
    "no_tasks_match": ("没有符合筛选条件的任务。", "No task matches the filters."),
    "due_date": ("完成期限", "Due date"),
    "task_overdue": ("是否逾期", "Overdue"),
    "overdue_yes": ("已逾期 {days} 天", "{days} days overdue"),
    "overdue_no": ("否", "No"),
    "reporting_status": ("{quarter} 进展报送", "{quarter} progress report"),
    "reporting_reported": ("已报送", "reported"),
    "reporting_not_reported": ("未报送", "not reported"),
    "last_reported_quarter": ("最近报送季度", "Last reported quarter"),
    "work_done": ("已完成工作", "Work done"),
    "next_step": ("下一步计划", "Next step"),
    "status_sample_marker": ("{status}（示例）", "{status} (sample)"),
    "tasks_overdue_count": ("已逾期任务", "Tasks overdue"),
    "tasks_not_reported_count": ("{quarter} 未报送进展的任务", "Tasks not reported for {quarter}"),
    "tasks_due_note": ("完成期限默认为实施方案期末，个别任务另有期限；逾期与未报送均按今天（{today}）判断。"
                       "标“（示例）”的状态为台账占位，尚无部门报送。",
                       "A task is due at the end of the plan's period unless it has its own date; overdue "
                       "and not reported are judged as of today ({today}). A status marked \"(sample)\" is the "
                       "ledger's placeholder: no department has reported it yet."),
    # data quality
    "quality_title": ("数据质量", "Data quality"),
    "quality_intro": ("每次运行流程都会用 Great Expectations 检查原始数据和主要结果表；严重问题会阻止发布。",
                      "Every pipeline run checks the raw data and the key marts with Great Expectations; a critical "
                      "failure stops publication."),
    "no_runs": ("尚无运行记录（{path}）。", "No pipeline run has been recorded yet ({path})."),
    "run_outcome_published": ("✅ 已发布", "✅ Published"),
    "run_outcome_rejected": ("⛔ 已拒绝", "⛔ Rejected"),
    "run_outcome_checked": ("🔎 已校验，未发布", "🔎 Checked, not published"),
    "run_stage": ("停止阶段", "Stage reached"),
    "run_time": ("运行时间", "Run time"),
    "critical_failures": ("严重问题", "Critical failures"),
    "warnings": ("警告", "Warnings"),
    "source_name": ("数据源", "Source"),
    "expectations_passed": ("{passed}/{total} 项通过", "{passed} of {total} passed"),
    "expectation": ("检查项", "Expectation"),
    "severity": ("级别", "Severity"),
    "severity_critical": ("严重", "critical"),
    "severity_warning": ("警告", "warning"),
    "column": ("列", "Column"),
    "rule": ("规则", "Rule"),
    "result": ("结果", "Result"),
    "passed": ("通过", "passed"),
    "failed": ("未通过", "failed"),
    "unexpected_count": ("问题行数", "Bad rows"),
    "sample_values": ("问题值示例", "Sample bad values"),
    "run_history": ("运行历史", "Run history"),
    "outcome": ("结果", "Outcome"),
    "rows_received": ("收到行数", "Rows received"),
    "freshness_per_source": ("各数据源新鲜度", "Freshness per source"),
    "latest_period": ("最新数据期", "Latest period"),
    "rows": ("行数", "Rows"),
    "on_issue": ("按发行报送", "Reported on issue"),
    "stage_ingestion": ("读取原始文件", "ingestion"),
    "stage_raw_quality_gate": ("原始数据检查", "raw quality gate"),
    "stage_dbt_build": ("模型构建（dbt）", "dbt build"),
    "stage_mart_quality_gate": ("结果表检查", "mart quality gate"),
    "stage_publish": ("发布", "publish"),
    "stage_data_docs": ("生成数据质量报告", "data docs"),
    "fresh": ("✅ 及时", "✅ Up to date"),
    "overdue": ("⏰ 逾期", "⏰ Overdue"),
    "next_due_date": ("下一期应报日期", "Next period due by"),
    "check_green_and_total_loans": ("绿色贷款与各项贷款（跨数据源）", "Green loans and all loans (across sources)"),
    "check_region_credit_mart": ("各地区信贷季度结果表", "Regional credit by quarter (mart)"),
    "check_progress_mart": ("目标进展结果表", "Target progress (mart)"),
    "check_marts_vs_raw": ("结果表与原始数据核对", "Marts reconciled with the raw data"),
    "freshness_rule_column": ("报送规则", "Reporting rule"),
    "data_docs_title": ("完整报告（Data Docs）", "Full report (Data Docs)"),
    "data_docs_how": ("Data Docs 是本地静态网页，无需联网。在服务器上用浏览器打开：", "The Data Docs are a static site that works offline. "
                      "On the server, open this file in a browser:"),
    "data_docs_download": ("下载 Data Docs（zip：解压后打开 index.html，离线可用）",
                           "Download the Data Docs (zip: unpack, open index.html; works offline)"),
    "data_docs_rebuild": ("如文件缺失，运行 `make data-docs` 重新生成。", "If it is missing, run `make data-docs` to rebuild it."),
    "data_docs_missing": ("尚未生成 Data Docs。", "The Data Docs have not been built yet."),
    # login
    "login_title": ("登录", "Log in"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "login": ("登录", "Log in"),
    "logout": ("退出登录", "Log out"),
    "login_failed": ("用户名或密码错误。", "Wrong username or password."),
    "login_locked": ("登录失败次数过多，该账号或本机已暂时锁定，请约 {minutes} 分钟后再试；如非本人操作，请联系数据报送员。",
                     "Too many failed logins: this account or this computer is locked for about {minutes} minute(s). "
                     "If this was not you, tell a data steward."),
    "login_required": ("请先登录。", "Please log in first."),
    "login_unavailable": ("登录服务暂时不可用，请稍后再试（详情已记入服务器日志）。",
                          "Login is unavailable for now; please try again later (the details are in the server log)."),
    "login_help": ("账号由系统管理员开设（python -m scripts.administration.accounts add）。",
                   "Accounts are opened by the administrator (python -m scripts.administration.accounts add)."),
    "signed_in_as": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "role_steward": ("数据报送员", "data steward"),
    "role_department": ("部门填报（{department}）", "department ({department})"),
    "submit_department_only": ("部门账号只能报送本部门（{department}）的重点任务进展。",
                               "A department account submits only its own department's ({department}) task progress."),
    "role_leader": ("只读", "view only"),
    "auth_no_accounts": ("尚未设置账号：请运行 `python -m scripts.administration.accounts init-demo`（开发）或 "
                         "`python -m scripts.administration.accounts add`，账号文件：{path}",
                         "No accounts yet: run `python -m scripts.administration.accounts init-demo` (development) or "
                         "`python -m scripts.administration.accounts add`; accounts file: {path}"),
    "auth_refused_production": ("生产模式拒绝启动：账号配置不安全。", "Refused to start in production: the account "
                                "configuration is not safe."),
    "sign_in_title": ("登录安全记录", "Sign-in events"),
    "sign_in_intro": ("失败的登录、锁定和退出登录，最新的在前。连续输错 5 次后每次登录需等待，输错 10 次锁定该账号 15 分钟。",
                      "Failed logins, lockouts and logouts, newest first. After 5 wrong passwords in a row every "
                      "attempt waits; the 10th locks the account for 15 minutes."),
    "client": ("客户端地址", "Client address"),
    "sign_in_success": ("登录成功", "logged in"),
    "sign_in_failure": ("密码错误", "wrong password"),
    "sign_in_locked": ("已锁定", "locked"),
    "sign_in_refused_locked": ("锁定期间被拒绝", "refused while locked"),
    "sign_in_logout": ("退出登录", "logged out"),
    "audit_not_written": ("注意：本次报送未能记入审计日志（服务器磁盘或权限问题），请通知管理员。",
                          "Note: this attempt could not be written to the audit log (the server's disk or "
                          "permissions); tell the administrator."),
    # submissions
    "nav_submit": ("数据报送", "Submit data"),
    "submit_title": ("数据报送", "Submit statistics"),
    "submit_intro": ("上传本轮报送的文件（Excel .xlsx，或 UTF-8 / GBK 编码的 CSV；可一次选多个文件，或一个工作簿每类数据一个工作表）。"
                     "系统会读取、校验并重新构建全部指标；通过后立即发布，未通过则不作任何改动，并一次列出全部问题。"
                     "绿色贷款与各项贷款须配套：只报送其中一类时，文件校验后暂存，待另一类报送后自动发布。",
                     "Upload the files of this reporting round (Excel .xlsx, or CSV in UTF-8 or GBK; several files "
                     "at once, or one workbook with a sheet per kind of data). They are read, checked and every "
                     "figure rebuilt; if they pass they are published at once, otherwise nothing changes and every "
                     "problem is listed. Green loans and all loans go together: one sent alone is checked and "
                     "kept waiting, and published as soon as the other arrives."),
    "submit_only_stewards": ("只有数据报送员可以报送数据。", "Only data stewards may submit statistics."),
    "templates_title": ("报送模板", "Templates"),
    "template_xlsx": ("{name} 模板（Excel）", "{name} template (Excel)"),
    "template_csv": ("{name} 模板（CSV）", "{name} template (CSV)"),
    "choose_source": ("数据类别", "Kind of data"),
    "choose_file": ("数据文件（可多选）", "Data files (several allowed)"),
    "source_auto": ("自动识别（按各工作表的表头）", "Tell by each sheet's header"),
    "source_unknown": ("无法识别", "not recognised"),
    "dry_run_button": ("仅校验（不发布）", "Validate only (publish nothing)"),
    "changes_title": ("本次发布改变的主要指标", "Headline figures this submission changed"),
    "waiting_title": ("等待配套数据的报送", "Submissions waiting for their partner"),
    "waiting_intro": ("以下文件已通过自身校验，但同一地区、同一季度的配套数据（绿色贷款 ↔ 各项贷款）尚未报送；"
                      "配套文件报送并通过校验后，将一并自动发布。",
                      "These files passed their own checks, but their partner for the same region and quarter "
                      "(green loans ↔ all loans) has not been submitted yet; they are published automatically "
                      "together with it once it passes."),
    "waiting_for": ("等待", "Waiting for"),
    "bond_window": ("本文件完整报告的发行日期区间（可选；默认为文件中最早到最晚发行所在季度）",
                    "Issue dates this file reports in full (optional; default: the quarters of its first to last issue)"),
    "submit_button": ("校验并发布", "Check and publish"),
    "submit_running": ("正在校验并重新构建…", "Checking and rebuilding…"),
    # the steps of a submission as they start (scripts/publishing/ingest.py READING, then the run's stages)
    "submit_step": ("第 {number} 步，共 {steps} 步：{step}…", "Step {number} of {steps}: {step}…"),
    "submit_reading": ("读取并逐格核对报送文件", "reading the files and checking each cell"),
    "problems_title": ("问题清单", "Problems"),
    "warnings_title": ("提示（不阻止发布）", "Warnings (do not block publishing)"),
    "col_file": ("文件", "File"),
    "col_sheet": ("工作表", "Sheet"),
    "col_row": ("行", "Row"),
    "col_column": ("列", "Column"),
    "col_value": ("值", "Value"),
    "col_rule_zh": ("规则", "Rule (Chinese)"),
    "col_rule_en": ("规则（英文）", "Rule"),
    "history_title": ("报送记录", "Submission history"),
    "history_empty": ("尚无报送。", "No submissions yet."),
    "audit_title": ("操作日志", "Audit log"),
    "submission_id": ("编号", "No."),
    "submitted_by": ("报送人", "Submitted by"),
    "submitted_at": ("报送时间", "Submitted at"),
    "file_name": ("文件名", "File"),
    "sha256": ("文件指纹（SHA-256）", "File hash (SHA-256)"),
    "regions": ("地区", "Regions"),
    "periods": ("期间", "Periods"),
    "rows_in_use": ("在用行数", "Rows in use"),
    "usage_status": ("状态", "Status"),
    "usage_in_use": ("在用", "in use"),
    "usage_partly_superseded": ("部分被更正", "partly superseded"),
    "usage_superseded": ("已被更正", "superseded"),
    "usage_not_published": ("待发布", "not yet published"),
    "outcome_published": ("已发布", "published"),
    "outcome_duplicate": ("重复文件，未改动", "duplicate, nothing changed"),
    "outcome_rejected": ("未接收", "rejected"),
    "outcome_waiting": ("已暂存，等待配套数据", "kept waiting for its partner"),
    "outcome_checked": ("仅校验，未发布", "validated only, nothing published"),
    "who": ("操作人", "Who"),
    "channel": ("渠道", "Channel"),
    "channel_upload_page": ("上传页面", "upload page"),
    "channel_command_line": ("命令行", "command line"),
    "when": ("时间", "When"),
    "figure_source": ("数据来源：{submissions}", "Source: {submissions}"),
    "figure_submission": ("第 {id} 号报送（{file}，{who}，{when}）", "submission {id} ({file}, {who}, {when})"),
    "figure_sample_tag": ("⚠️ 含示例数据", "⚠️ includes sample data"),
    # the leading group's briefing (scripts/outputs/briefing/): PDF and Word, from the same content
    "briefing_title": ("{region}绿色金融改革创新试验区建设情况简报", "{region} green-finance pilot zone: briefing"),
    "briefing_subtitle": ("（{quarter}）", "({quarter})"),
    "briefing_issued": ("监测平台根据 {published} 发布的数据生成，数据截至{as_at}。",
                        "Generated by the monitor from the data published {published}; figures up to {as_at}."),
    "briefing_watermark": ("示例数据 非官方统计", "SAMPLE DATA · NOT OFFICIAL"),
    "briefing_sample_note": ("⚠ 本简报部分或全部数字为合成的示例数据，仅供演示，不是官方统计。",
                             "⚠ Some or all figures in this briefing are synthetic sample data, for demonstration "
                             "only, not official statistics."),
    "briefing_official_note": ("本简报数字均为官方统计。", "Every figure in this briefing is official statistics."),
    "briefing_section_summary": ("总体情况", "Summary"),
    "briefing_section_targets": ("目标完成情况", "Targets"),
    "briefing_section_current": ("当前目标", "Current targets"),
    "briefing_section_trends": ("主要指标走势", "Main indicators"),
    "briefing_section_comparison": ("与{partner}比较", "Compared with {partner}"),
    "briefing_section_tasks": ("重点任务推进情况", "The plan's tasks"),
    "briefing_section_data": ("数据说明", "About the data"),
    "briefing_credit_balance": ("截至 {period}，{region}绿色贷款余额 {balance}", "At {period}, {region}'s green loans were {balance}"),
    "briefing_credit_growth": ("同比{growth}", "{growth} year on year"),
    "briefing_credit_above": ("增速高于各项贷款 {points} 个百分点", "{points} points faster than all loans"),
    "briefing_credit_below": ("增速低于各项贷款 {points} 个百分点", "{points} points slower than all loans"),
    "briefing_credit_level": ("增速与各项贷款持平", "as fast as all loans"),
    "briefing_credit_share": ("占各项贷款 {share}", "{share} of all loans"),
    "briefing_credit_basis_break": ("统计口径调整，同比增速不可比", "no comparable year-on-year growth (statistics basis changed)"),
    "briefing_credit_no_year_earlier": ("缺少上年同期数据，无法计算同比增速", "no year-earlier figure for a growth rate"),
    "briefing_credit_none": ("截至 {period}，{region}尚无绿色贷款数据。", "At {period}, {region} has no green-loan figures yet."),
    "briefing_measure_sentence": ("{name}：{label} {value}（{target}；{status}）。",
                                  "{name}: {label}, {value} ({target}; {status})."),
    "briefing_col_target": ("目标", "Target"),
    "briefing_col_indicator": ("指标", "Indicator"),
    "briefing_col_figure": ("判断依据", "Figure judged"),
    "briefing_col_status": ("状态", "Status"),
    "briefing_col_metric": ("指标", "Measure"),
    "briefing_col_days_overdue": ("逾期天数", "Days overdue"),
    "briefing_chart_balance": ("绿色贷款余额与目标路径（亿元）", "Green-loan balance and target path (亿元)"),
    "briefing_chart_share": ("绿色贷款占各项贷款比重（%）", "Green loans as % of all loans"),
    "briefing_chart_bonds": ("绿色债券累计发行（亿元）", "Green bonds issued, cumulative (亿元)"),
    "briefing_chart_energy": ("单位地区生产总值能耗与目标路径", "Energy per unit of GDP and target path"),
    "briefing_series_actual": ("实际", "Actual"),
    "briefing_series_path": ("目标路径", "Target path"),
    "briefing_series_target": ("目标 {value}", "Target {value}"),
    "briefing_tasks_counts": ("{total} 项任务中：{counts}。", "Of {total} tasks: {counts}."),
    "briefing_tasks_count": ("{status} {count} 项", "{status} {count}"),
    "briefing_tasks_attention": ("滞后、未启动或未报送的任务及牵头部门如下（任务状态截至 {judged_on}）：",
                                 "The tasks behind schedule, not started or not reported, with their lead departments "
                                 "(statuses as of {judged_on}):"),
    "briefing_tasks_none": ("没有滞后、未启动或未报送的任务（截至 {judged_on}）。",
                            "No task is behind schedule, not started or unreported (as of {judged_on})."),
    "briefing_data_sources": ("数据来源及截至期：{sources}。", "Sources and the latest period of each: {sources}."),
    "briefing_data_source": ("{source}（{periods}）", "{source} ({periods})"),
    "briefing_data_overdue": ("逾期未报送：{sources}。", "Overdue: {sources}."),
    "briefing_data_basis_break": ("绿色贷款自 {date} 起按{basis}统计，与此前数据不完全可比；跨口径的同比增速按衔接系数折算，无衔接系数的不作比较。",
                                  "From {date} green loans are counted on the basis of the {basis}, not fully "
                                  "comparable with earlier figures; growth across the change is restated with a link "
                                  "factor, and not compared where there is none."),
    "briefing_data_rounding": ("金额保留两位小数，增速保留一位小数；目标状态按监测平台规则判定。",
                               "Amounts to two decimals, growth rates to one; statuses by the monitor's rules."),
    "briefing_unknown_quarter": ("没有 {quarter} 的已发布数据。已发布的季度：{quarters}。",
                                 "No published data for {quarter}. Published quarters: {quarters}."),
    # 机构评价 Institution evaluation (task 32)
    "nav_evaluation": ("机构评价", "Institution evaluation"),
    "evaluation_title": ("金融机构绿色金融评价", "Green-finance evaluation of institutions"),
    "evaluation_scheme": ("评价方案", "Evaluation scheme"),
    "evaluation_branch_caveat": ("本区金融机构多为分支机构，而{scheme}针对法人机构制定：本排名参照该方案计算，供工作参考，不是监管部门的正式评价结果。",
                                 "The district's institutions are mostly branches, while the {scheme} scheme is "
                                 "defined for legal-person institutions: this ranking is computed with reference "
                                 "to it, for working use, and is not the regulator's official result."),
    "evaluation_placeholder_formula": ("计分方法（暂定，待录入官方附件）：总分 = 定量 {quantitative}% + 定性 {qualitative}%；每项定量指标 {peer}% 的分值按同季度同业比较 (x − 最小值)/(最大值 − 最小值)，{own}% 按本机构前 {quarters} 个季度均值比较 min(1, x/均值)（风险、成本类指标方向相反）；前期不足 {quarters} 个季度的不计分。等级分档亦为暂定。",
                                       "Scoring (placeholder until the official annex is entered): total = "
                                       "quantitative {quantitative}% + qualitative {qualitative}%; of each "
                                       "quantitative indicator, {peer}% against peers that quarter, (x − min)/(max "
                                       "− min), and {own}% against the institution's own mean of its previous "
                                       "{quarters} quarters, min(1, x/mean) (reversed where lower is better); "
                                       "fewer than {quarters} earlier quarters: no score. The grade bands are "
                                       "placeholders too."),
    "evaluation_none": ("该地区在所选季度及以前没有机构评价数据。", "No evaluation of this region's institutions up to the quarter chosen."),
    "evaluation_league_title": ("{period}机构排名", "Ranking at {period}"),
    "evaluation_rank": ("排名", "Rank"),
    "evaluation_grade": ("等级", "Grade"),
    "evaluation_total": ("总分", "Total"),
    "evaluation_quantitative": ("定量得分", "Quantitative"),
    "evaluation_qualitative": ("定性得分", "Qualitative"),
    "evaluation_rank_move": ("名次变化", "Move"),
    "evaluation_status": ("计分情况", "Scoring"),
    "evaluation_no_grade": ("未评级", "Not graded"),
    "evaluation_status_scored": ("已计分", "Scored"),
    "evaluation_status_figure_missing": ("缺少数据", "A figure is missing"),
    "evaluation_status_insufficient_history": ("前期数据不足", "Insufficient history"),
    "evaluation_status_qualitative_not_scored": ("定性评价未完成", "Qualitative scores not given"),
    "indicator_status_scored": ("已计分", "Scored"),
    "indicator_status_figure_missing": ("缺少数据", "A figure is missing"),
    "indicator_status_insufficient_history": ("前期数据不足", "Insufficient history"),
    "evaluation_institution": ("机构", "Institution"),
    "evaluation_waterfall_title": ("较上季度各指标得分变化（折算为总分）", "Points gained and lost per indicator on the previous quarter (in the total)"),
    "evaluation_previous_total": ("上季度总分", "Previous total"),
    "evaluation_this_total": ("本季度总分", "This total"),
    "evaluation_points": ("分", "Points"),
    "evaluation_no_waterfall": ("本季度或上季度未能计分，无法比较各指标得分变化。",
                                "No score this quarter or the one before: no change per indicator to show."),
    "evaluation_rank_title": ("排名变化", "Rank over time"),
    "evaluation_indicator": ("指标", "Indicator"),
    "evaluation_value": ("指标值", "Value"),
    "evaluation_peer_points": ("同业比较得分", "Against peers"),
    "evaluation_own_points": ("自身比较得分", "Against own history"),
    "evaluation_indicator_points": ("指标得分", "Points"),
    "evaluation_weight": ("权重（%）", "Weight (%)"),
    "evaluation_contributions_title": ("各机构对全区绿色贷款增长和占比（目标 {target}%）的贡献",
                                       "Each institution's part in the region's green-loan growth and share (target {target}%)"),
    "evaluation_growth_contribution": ("对同比增速的贡献（百分点）", "Part of growth on a year earlier (points)"),
    "evaluation_share_contribution": ("对占比高于或低于目标的贡献（百分点）", "Part of the share above or below the target (points)"),
    "briefing_nothing_published": ("已发布文件中没有任何季度的数据，无法生成简报。",
                                   "The published file holds no quarter: no briefing can be made."),
    "briefing_bad_quarter": ("季度应写成 2026Q3 这样的形式，收到的是 {value!r}。",
                             "A quarter is written like 2026Q3; got {value!r}."),
    "briefing_page": ("— {page} —", "— {page} —"),
    "download_briefing_pdf": ("下载简报（PDF）", "Download the briefing (PDF)"),
    "download_briefing_docx": ("下载简报（Word）", "Download the briefing (Word)"),
    "download_briefing_help": ("领导小组简报：所选季度的目标完成情况、主要指标、与广安比较、任务进展和数据说明。",
                               "The leading group's briefing for the quarter chosen: targets, main indicators, "
                               "Guang'an, tasks and a data note."),
    "briefing_file_name": ("长寿区绿色金融简报_{quarter}.{extension}", "changshou-green-finance-briefing_{quarter}_en.{extension}"),
    # the whole-dataset workbook (dashboard/workbook.py) and its sidebar download
    "download_workbook": ("下载全部数据（Excel）", "Download all data (Excel)"),
    "download_workbook_help": ("一个 Excel 工作簿：每个结果表一个工作表，附数据字典；示例数据均有标注。",
                               "One Excel workbook: a sheet per mart and a data dictionary; sample data is marked."),
    "workbook_file_name": ("长寿区绿色金融监测数据_{date}.xlsx", "changshou-green-finance-data_{date}.xlsx"),
    "workbook_about_sheet": ("说明", "About"),
    "workbook_dictionary_sheet": ("数据字典", "Data dictionary"),
    "workbook_title": ("长寿区绿色金融改革创新试验区监测：全部数据", "Changshou green-finance pilot zone monitor: all data"),
    "workbook_sample_mark": ("⚠️ 示例数据（合成），非官方统计：本工作簿部分或全部数字为合成数据，仅供演示。",
                             "⚠️ Sample data (synthetic), not official statistics: some or all figures in this "
                             "workbook are synthetic, for demonstration only."),
    "workbook_official_mark": ("全部数字为官方统计。", "Every figure is official statistics."),
    "workbook_provenance_note": ("每行的来源见 provenance 列：official 为官方统计，sample 为示例（合成）数据，mixed 为两者混合计算。",
                                 "Each row's provenance column says where it comes from: official (official "
                                 "statistics), sample (synthetic) or mixed (built from both)."),
    "workbook_published_at": ("数据发布时间", "Data published"),
    "workbook_formula_note": ("以 = + - @ 开头的文本前加了单引号（'），以免表格软件把它当作公式执行。",
                              "Text starting with = + - @ has a leading apostrophe (') so that no spreadsheet runs "
                              "it as a formula."),
    "workbook_as_of_title": ("数据截至（各数据源最新数据期）", "As of (latest period per source)"),
    "workbook_sheets_title": ("工作表", "Sheets"),
    "workbook_description": ("说明", "Description"),
    "workbook_data_type": ("数据类型", "Data type"),
    "workbook_grain": ("粒度（每行代表）", "Grain"),
    "workbook_whole_table": ("（整表）", "(whole table)"),
    "workbook_not_described": ("（未描述）", "(no description)"),
    "workbook_dictionary_note": ("说明取自各结果表的模型文档（dbt，英文）；单位按列名后缀给出。",
                                 "Descriptions come from the marts' model documentation (dbt); units from the "
                                 "column names' endings."),
    "workbook_unit_100m_cny": ("亿元", "亿元 (100m CNY)"),
    "workbook_unit_pct": ("%", "%"),
    "workbook_unit_10k_tce": ("万吨标准煤", "万吨标准煤 (10k tce)"),
    "workbook_unit_10k_t": ("万吨", "万吨 (10k t)"),
    "workbook_unit_10k_m3": ("万立方米", "万立方米 (10k m³)"),
    "workbook_unit_tce_per_10k_cny": ("吨标准煤/万元", "tce per 10k CNY"),
    "workbook_unit_t_per_10k_cny": ("吨/万元", "t per 10k CNY"),
    # data quality for leaders: what is published and valid first, then what was not published and why
    "published_valid": ("✅ 当前发布的数据：第 {number} 次运行，发布于 {when}，全部关键检查通过。",
                        "✅ Published data: run {number}, published {when}; every critical check passed."),
    "published_valid_warnings": ("另有 {count} 项警告（不阻止发布），见下方“已发布数据的检查”。",
                                 ("{count} warning, which does not block publishing: see “Checks of the published "
                                  "data” below.",
                                  "{count} warnings, which do not block publishing: see “Checks of the published "
                                  "data” below.")),
    "published_without_report": ("当前发布的数据发布于 {when}；未找到该次运行的检查报告。",
                                 "The data was published {when}; the report of that run was not found."),
    "nothing_published": ("尚无通过全部关键检查并发布的数据。", "Nothing has passed every critical check and been "
                          "published yet."),
    "published_run": ("已发布的运行", "Published run"),
    "run_number": ("第 {number} 次", "No. {number}"),
    "checks_passed": ("通过的检查项", "Checks passed"),
    "published_checks": ("已发布数据的检查（第 {number} 次运行）", "Checks of the published data (run {number})"),
    "later_runs_title": ("之后的报送未发布（供数据报送员）", "Later runs, not published (for data stewards)"),
    "later_runs_intro": ("第 {number} 次运行之后的以下运行均未发布，已发布的数据没有改变。",
                         "None of these runs after run {number} was published: the published data did not change."),
    "unpublished_runs_intro": ("以下运行均未发布。", "None of these runs was published."),
    "more_runs_in_history": ("更早的 {count} 次未发布运行见下方“运行历史”。",
                             ("{count} earlier run not published: see “Run history” below.",
                              "{count} earlier runs not published: see “Run history” below.")),
    "later_run_rejected": ("⛔ 第 {number} 次运行（{when}）已拒绝，停止于“{stage}”：{reason}",
                           "⛔ Run {number} ({when}) rejected at the {stage}: {reason}"),
    "later_run_checked": ("🔎 第 {number} 次运行（{when}）已校验，未发布：{reason}",
                          "🔎 Run {number} ({when}) checked, not published: {reason}"),
    "reason_checks_failed": ("{count} 项关键检查未通过：{rules}。",
                             ("{count} critical check failed: {rules}.", "{count} critical checks failed: {rules}.")),
    "reason_ingestion": ("原始文件的结构不符合要求（如缺列、表头不在第一行、某行单元格数与表头不符、文件为空或编码不对），未能读入。",
                         "the raw files' structure is not as required (a missing column, a header below row 1, a row "
                         "with more or fewer cells than the header, an empty file or the wrong encoding), so they "
                         "could not be read."),
    "reason_dbt_build": ("模型构建（dbt）的检查未通过：各表之间的数据对不上。",
                         "the dbt build's checks did not pass: the figures do not hold together across tables."),
    "reason_unexpected": ("运行因意外错误停止（服务器日志有详情）。", "the run stopped on an unexpected error (the server "
                          "log has the details)."),
    "reason_dry_run": ("仅校验，按要求不发布。", "validate only, as asked: nothing published."),
    "reason_waiting": ("文件等待配套数据，仅按其自身规则校验。", "the file waits for its partner data and was checked on its "
                       "own rules only."),
    "reason_own_problems": ("报送文件本身有问题；仍经全部检查，以便一次列出所有问题。",
                            "the submitted file has problems of its own; it still went through every check so that "
                            "every problem is listed at once."),
    "reason_checked": ("按要求只校验，不发布。", "validated only, as asked."),
    "reason_published": ("全部关键检查通过", "every critical check passed"),
    "run_submission": ("报送：{files}（{who}，{channel}）。", "Submission: {files} ({who}, {channel})."),
    "run_submission_problems": ("报送时向数据报送员列出了 {count} 个问题。",
                                ("{count} problem was listed to the steward when submitting.",
                                 "{count} problems were listed to the steward when submitting.")),
    "failed_checks": ("未通过的检查项", "Checks that failed"),
    "technical_detail": ("技术细节（供数据报送员，程序原文）", "Technical detail (for data stewards, as the program wrote it)"),
    "run_trigger": ("触发", "Started by"),
    "run_report_file": ("运行报告", "Run report"),
    "run_no": ("运行", "Run"),
    "reason": ("原因", "Reason"),
    # tables and page layout (components.table, components.number_text, issue 16)
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # a label before its value on a phone's card (the space after it is the stylesheet's)
    "card_label": ("{label}：", "{label}:"),
    "details": ("其他", "Other"),
    "energy_intensity_change_words": ("能耗强度较 2020 年变化", "Energy intensity since 2020"),
    "co2_intensity_change_words": ("碳排放强度较 2020 年变化", "CO₂ intensity since 2020"),
    # --- what a data steward is told about a submitted file -------------------------------------------------
    # reading it (scripts/ingestion/read_submission.py): the problem's row, column and value are its location,
    # so no text here takes a value of those names
    "sub_sheet_ambiguous": ("无法判断工作表的数据类型（表头同时符合：{sources}）：请按模板命名工作表",
                            "cannot tell which kind of data the sheet holds (its header fits {sources}): name the "
                            "sheet as the template does"),
    "sub_no_known_sheet": ("文件中没有可识别的数据表：表头应符合某一模板（{known}）",
                           "no sheet of the file has the header of a known kind of data ({known}): use a template"),
    "sub_no_data_rows": ("文件有表头但没有数据行", "the file has a header but no data rows"),
    "sub_old_xls": ("不支持旧版 .xls 格式：请在 Excel 中另存为 .xlsx 或 CSV",
                    "the old .xls format is not supported: save the file as .xlsx or CSV in Excel"),
    "sub_csv_unreadable": ("CSV 文件无法读取：{error}", "the CSV file cannot be read: {error}"),
    "sub_empty_file": ("文件为空：应有表头行和数据行", "the file is empty: expected a header row and data rows"),
    "sub_unknown_encoding": ("无法识别文件编码（{reason}）：请保存为 UTF-8 或 GBK 编码的 CSV，或 .xlsx",
                             "unreadable text encoding ({reason}): save as CSV in UTF-8 or GBK, or as .xlsx"),
    "sub_big5": ("文件似为 Big5（繁体中文）编码，无法正确读取：请在 Excel 中另存为“CSV UTF-8”或 GBK 编码的 CSV，或 .xlsx",
                 "the file looks Big5-encoded (Traditional Chinese) and cannot be read correctly: save it as "
                 "'CSV UTF-8' or a GBK CSV in Excel, or as .xlsx"),
    "sub_too_many_rows": ("文件超过 {limit} 行：请按季度或地区拆分后分别报送",
                          "the file has more than {limit} rows: split it (by quarter or region) and submit the parts"),
    "sub_too_many_cells": ("本行有 {count} 个单元格，超过上限 {limit}：请只保留模板中的列",
                           ("the row has {count} cell, more than the limit of {limit}: keep only the template's "
                            "columns",
                            "the row has {count} cells, more than the limit of {limit}: keep only the template's "
                            "columns")),
    "sub_workbook_unopenable": ("无法打开 Excel 文件（{error}）：请确认是 .xlsx 格式且未损坏",
                                "the workbook cannot be opened ({error}): check it is an undamaged .xlsx file"),
    "sub_several_data_sheets": ("多个工作表都像数据表：{sheets}；请只保留一个，或报送时不指定数据类型（按工作表分别识别）",
                                "several sheets look like data: {sheets}; keep only one, or submit the file as a "
                                "package without choosing a kind of data (each sheet is then read as what it "
                                "holds)"),
    "sub_unsaved_formula": ("公式单元格没有计算结果：请在 Excel 中打开并保存，或粘贴为数值",
                            "formula cell without a calculated value: open and save the file in Excel, or paste as "
                            "values"),
    "sub_unpacks_too_large": ("Excel 文件解压后超过 {limit_mb} MB 或部件过多，不予读取（可能已损坏或为恶意文件）："
                              "请只保留数据表后重新保存",
                              "the workbook unpacks to more than {limit_mb} MB or has too many parts, and is not "
                              "read (it may be damaged or malicious): keep only the data sheet and save it again"),
    "sub_no_header": ("找不到完整的表头（前 {searched} 行内）：缺少列 {missing}；可用的列名：{accepted}{typos}",
                      ("no complete header in the first {searched} rows: missing column {missing}; accepted "
                       "headers: {accepted}{typos}",
                       "no complete header in the first {searched} rows: missing columns {missing}; accepted "
                       "headers: {accepted}{typos}")),
    "sub_header_typo": ("；{written} — 是否应为 {meant}？", "; {written} — did you mean {meant}?"),
    "sub_unit_on_other_header": ("只有金额（数值）列的表头可以注明单位", "only the amount column's header may carry a unit"),
    "sub_conflicting_units": ("文件声明了不同的单位：{units}", "the file declares conflicting units: {units}"),
    "sub_row_too_wide": ("本行有 {count} 个单元格，表头只有 {width} 列{cause}",
                         ("the row has {count} cell but the header has {width}{cause}",
                          "the row has {count} cells but the header has {width}{cause}")),
    "sub_split_thousands": ("；很可能是金额中的千位分隔符没有加引号（{split} 被拆成了两格）：请去掉逗号，或从 Excel 重新另存为 CSV",
                            "; most likely an amount written with a thousands separator and no quotes ({split} was "
                            "split into two cells): remove the comma, or save the file from Excel again"),
    "sub_subtotal_row": ("不接受小计行：请删除，只保留明细行（可在最后保留一行合计）",
                         "subtotal rows are not accepted: delete them and keep the detail rows (a single total row "
                         "at the end is fine)"),
    "sub_total_not_last": ("合计行必须是最后一行", "the total row must be the last row"),
    "sub_total_of_indicators": ("该类数据不应有合计行（各行的指标或数据项单位不同，不能相加）",
                                "this kind of data has no total row (its rows are different figures in different "
                                "units and cannot be added up)"),
    "sub_total_without_amounts": ("该类数据没有金额，不应有合计行：请删除",
                                  "this kind of data has no amounts and no total row: delete it"),
    "sub_impossible_date": ("日期不存在（例如 2025 年没有 2 月 29 日）：请核对年月日",
                            "this date does not exist (e.g. 2025 has no 29 February): check the day and month"),
    "sub_row_unit_differs": ("本行单位与文件声明的单位（{declared}）不一致",
                             "the row's unit differs from the unit the file declares ({declared})"),
    "sub_no_unit": ("未声明单位的行：{lines}。请加一列“{unit_column}”，或在表头注明，如“{example}”，或在表头上方写“单位：万元”",
                    ("no unit is declared for row {lines}: add a column {unit_column}, write it in the header "
                     "(e.g. {example}) or write 单位：万元 above the header",
                     "no unit is declared for rows {lines}: add a column {unit_column}, write it in the header "
                     "(e.g. {example}) or write 单位：万元 above the header")),
    "sub_total_not_a_number": ("合计行的金额不是数字", "the total row's amount is not a number"),
    "sub_total_uncheckable": ("无法核对合计：第 {line} 行的金额或单位无法读取",
                              "the total cannot be checked: row {line}'s amount or unit is unreadable"),
    "sub_total_mismatch": ("合计行（{total} {unit}）与上方各行之和（{summed} {unit}）不符，相差 {difference} {unit}，"
                           "超出各数末位四舍五入所能造成的差异；请更正明细或合计",
                           "the total row ({total} {unit}) does not equal the sum of the rows above it ({summed} "
                           "{unit}); difference {difference} {unit}, more than rounding the figures' last digits can "
                           "explain: correct the rows or the total"),
    "sub_other_department": ("部门账号只能报送本部门（{department}）的任务进展，本行的报送部门是其他部门",
                             "a department account may only report for its own department ({department}); this "
                             "row is another department's"),
    # the answer to a submission (scripts/publishing/ingest.py)
    "ingest_duplicate": ("该文件与第 {id} 号报送（{when}，{who}）完全相同，未作任何更改。",
                         "This file is identical to submission {id} ({when}, {who}); nothing was changed."),
    "ingest_rejected": ("未接收：发现 {count} 个问题，已发布的数据没有任何改动。请更正后重新报送。",
                        ("Rejected: {count} problem found; nothing published was changed. Correct the file and "
                         "submit it again.",
                         "Rejected: {count} problems found; nothing published was changed. Correct the file and "
                         "submit it again.")),
    "ingest_checked": ("校验通过（仅校验，未发布任何数据）。", "Validation passed (validate only: nothing was published)."),
    "ingest_published": ("已接收并发布：第 {ids} 号报送，共 {rows}。",
                         ("Accepted and published as submission {ids}, {rows}.",
                          "Accepted and published as submissions {ids}, {rows}.")),
    "ingest_would_publish": ("正式报送后将发布：第 {ids} 号报送，共 {rows}。",
                             ("Submitted for real, it would publish submission {ids}, {rows}.",
                              "Submitted for real, it would publish submissions {ids}, {rows}.")),
    "ingest_row_count": ("{count} 行", ("{count} row", "{count} rows")),
    "ingest_published_waiting": ("此前等待配套数据的第 {ids} 号报送已一并发布。",
                                 ("Submission {ids}, which was waiting for this partner, was published with it.",
                                  "Submissions {ids}, which were waiting for this partner, were published with "
                                  "it.")),
    "ingest_replaces": ("取代了第 {ids} 号报送中相同期间的数据。",
                        ("It replaces submission {ids} for the same periods.",
                         "It replaces submissions {ids} for the same periods.")),
    "ingest_kept_waiting": ("第 {id} 号报送（{source}）已校验并暂存，等待{partner}报送后自动发布；在此之前已发布的数据没有改动。",
                            "Submission {id} ({source}) is kept as waiting until {partner} arrives, and is then "
                            "published with it; until then nothing published changes."),
    "ingest_would_wait": ("第 {id} 号报送（{source}）正式报送后将暂存，等待{partner}报送后自动发布；在此之前已发布的数据没有改动。",
                          "Submission {id} ({source}) would wait until {partner} arrives, and is then published "
                          "with it; until then nothing published changes."),
    "ingest_partner": ("{source}（{slices}{more}）", "{source} ({slices}{more})"),
    "ingest_none_waiting": ("没有等待配套数据的报送。", "No submission is waiting for its partner."),
    "ingest_waiting_entry": ("第 {id} 号 {file}{sheet}（{source}，{who}，{when}）等待{partner}",
                             "submission {id} {file}{sheet} ({source}, {who}, {when}) waits for {partner}"),
    "ingest_too_large": ("文件过大：上限为 {limit_mb} MB，请按季度或地区拆分后分别报送",
                         "the file is too large: the limit is {limit_mb} MB; split it by quarter or region"),
    "ingest_department_sources": ("部门账号（{department}）只能报送重点任务进展（task_progress）",
                                  "a department account ({department}) may only submit task progress "
                                  "(task_progress)"),
    "ingest_published_unrecorded": ("文件已发布，但无法写入报送历史（{reason}）：下次重建时这些数据会消失；"
                                    "请通知管理员，待问题解决后重新报送同一文件",
                                    "the file was published but could not be recorded in the history ({reason}): "
                                    "the next rebuild will drop its figures; tell the administrator and submit the "
                                    "same file again once it is fixed"),
    "ingest_disk_full": ("服务器磁盘空间已满，文件未被接收，已发布的数据没有改动；请通知管理员后重新报送",
                         "the server's disk is full: the file was not accepted and nothing published changed; tell "
                         "the administrator, then submit it again"),
    "ingest_storage_failed": ("服务器无法保存或读取文件（{reason}），文件未被接收，已发布的数据没有改动；请通知管理员",
                              "the server could not store or read the file ({reason}): it was not accepted and "
                              "nothing published changed; tell the administrator"),
    "ingest_internal_error": ("系统内部错误，文件未被接收，已发布的数据没有改动；请联系管理员（详情见服务器日志）",
                              "internal error: the file was not accepted and nothing published changed; tell the "
                              "administrator (details in the server log)"),
    # the loader's own problems (scripts/ingestion/load_raw.py, the raw_ family) follow this line
    "ingest_raw_load_failed": ("原始数据载入未通过检查（详见运行报告）：", "the raw data failed the loader's checks (see the run report):"),
    "ingest_audit_not_written": ("本次报送未能记入审计日志", "this attempt could not be written to the audit log"),
    "ingest_usage_no_file": ("请用 --file 指定文件", "give at least one --file"),
    "ingest_usage_no_such_file": ("找不到文件：{path}", "no such file: {path}"),
    "ingest_usage_unreadable": ("无法读取文件：{path}（{reason}）", "cannot read {path}: {reason}"),
    # the raw folder's loader (scripts/ingestion/load_raw.py): a file's structure, before any cell is checked
    "raw_not_utf8": ("文件不是 UTF-8 编码的文本（{reason}）：请在 Excel 中另存为“CSV UTF-8”",
                     "file is not UTF-8 text ({reason}): in Excel, save it as “CSV UTF-8”"),
    "raw_empty_file": ("文件为空：应有一行表头和若干数据行", "file is empty: expected a header row and data rows"),
    "raw_header_not_first": ("表头在第 {header_row} 行而不是第 1 行：请删除其上方的 {count} 行（如标题行）",
                             ("the header is on row {header_row}, not row 1: delete the {count} row above it "
                              "(e.g. a title row)",
                              "the header is on row {header_row}, not row 1: delete the {count} rows above it "
                              "(e.g. a title row)")),
    "raw_missing_column": ("表头缺少必需的列", "required column is missing from the header"),
    "raw_unexpected_column": ("多出的列；表头应恰好为：{expected}", "unexpected column; expected exactly: {expected}"),
    "raw_repeated_column": ("表头中此列出现了不止一次", "column appears more than once in the header"),
    "raw_row_width": ("本行有 {cells} 个单元格，表头有 {width} 列", "row has {cells} cells, the header has {width}"),
    "raw_no_data_rows": ("文件只有表头，没有数据行", "file has a header but no data rows"),
    # the pipeline (scripts/publishing/pipeline.py): the dbt build, a file the server could not write
    "build_stopped": ("数据构建（dbt）在运行任何检查之前就已停止，需要分析人员处理；已发布数据未改变。",
                      "dbt build stopped before running any check; an analyst must look at it. The published data "
                      "is unchanged."),
    "build_failed": ("数据构建（dbt）有 {count} 项检查或模型未通过。所报数据已通过质量闸门，这是数据转换的问题，需要分析人员处理；"
                     "已发布数据未改变。",
                     ("dbt build failed: {count} check or model did not pass. The submitted data passed the "
                      "quality gate, so this is a transformation problem for an analyst. The published data is "
                      "unchanged.",
                      "dbt build failed: {count} checks or models did not pass. The submitted data passed the "
                      "quality gate, so this is a transformation problem for an analyst. The published data is "
                      "unchanged.")),
    "build_file_error": ("已停止：服务器无法读写文件（{error}）。{published} 仍是原来的文件，或本次运行已发布的新文件："
                         "已发布的文件只会在全部检查通过后被完整替换，不会损坏。",
                         "STOPPED — the server could not write or read a file ({error}). {published} is the file it "
                         "was, or the new one if the run had already published it: it is only ever replaced whole, "
                         "after every check."),
    # the quality gate's rules (expectations/suites.py), as a steward reads them
    "gx_not_blank": ("必填单元格不得为空", "required cell must not be blank"),
    "gx_some_rows": ("该数据源至少应有一行数据", "the source must have at least one data row"),
    "gx_listed_code": ("必须是 {list_file} 中{scope}列出的代码", "must be a code listed in {list_file}{scope}"),
    "gx_scope_submitted_regions": ("（或已报送的地区参考数据中）", " (or in a regions submission)"),
    "gx_scope_region_institutions": ("（或已报送的机构参考数据中）为该行所属地区",
                                     " for the row's region (or in an institutions submission)"),
    "gx_scope_money_units": ("（万元或亿元）", " (万元 or 亿元)"),
    "gx_scope_same_basis": ("同一统计口径（statistics_basis）下", " for the same statistics_basis"),
    "gx_scope_indicator_units": ("可换算为该指标标准单位的", " that converts to the indicator's canonical unit"),
    "gx_scope_figure_units": ("可换算为该数据项标准单位的", " that converts to the figure's canonical unit"),
    "gx_scope_plan_tasks": ("（规划的第 1–32 项任务）", " (the plan's tasks 1–32)"),
    "gx_scope_department_names": ("（部门中文名称）", " (the department's Chinese name)"),
    "gx_plain_amount": ("必须是纯数字（不含文字和千位分隔符）", "must be a plain number (no text, no thousands separators)"),
    "gx_not_negative": ("不得为负数", "must be >= 0"),
    "gx_calendar_date": ("必须是按 YYYY-MM-DD 书写、日历上存在的日期（如 2025-02-29 不存在）",
                         "must be a date written YYYY-MM-DD that exists in the calendar (2025-02-29 does not)"),
    "gx_not_future_date": ("不得晚于今天", "must not be in the future"),
    "gx_quarter_end": ("必须是季末日期（3月31日、6月30日、9月30日或12月31日）",
                       "must be a quarter end (03-31, 06-30, 09-30 or 12-31)"),
    "gx_provenance": ("必须为 official（正式）或 sample（示例）", "must be official or sample"),
    "gx_unique_key": ("键（{columns}）不得重复", "key ({columns}) must be unique"),
    "gx_plausible_change": ("与上一{period}相比变化不得超过 {factor} 倍（疑似单位错误：请核对万元/亿元）",
                            "must not change more than {factor}x up or down on the previous {period} (likely a unit "
                            "mistake: check 万元 vs 亿元)"),
    "gx_period_quarter": ("季度", "quarter"),
    "gx_period_year": ("年", "year"),
    "gx_bond_too_large": ("单笔债券不应超过 {limit} 亿元（疑似单位错误）",
                          "one bond must not exceed {limit} 亿元 (likely a unit mistake)"),
    "gx_four_digit_year": ("必须是四位年份", "must be a four-digit year"),
    "gx_year_from": ("不得早于 {year} 年", "must be {year} or later"),
    "gx_not_future_year": ("不得是未来年份", "must not be a future year"),
    "gx_plain_number": ("必须是纯数字", "must be a plain number"),
    "gx_indicator_minimum": ("不得低于指标（数据项）定义的最小值",
                             "must not be below the indicator's minimum (its definition in "
                             "seeds/regional_indicator_definitions.csv or seeds/institution_figure_definitions.csv)"),
    "gx_indicator_maximum": ("不得超过指标（数据项）定义的最大值（比重、覆盖率不超过 100%，利率不超过 30%，评分不超过 100 分）",
                             "must not exceed the indicator's maximum (shares and coverage: 100 %; a rate: 30 %; "
                             "a score: 100)"),
    "gx_task_status": ("必须为 completed、in_progress、behind、not_started（或 已完成、推进中、滞后、未启动）",
                       "must be completed, in_progress, behind or not_started (or 已完成, 推进中, 滞后, 未启动)"),
    "gx_region_code": ("必须是六位行政区划代码（如 500112）", "must be a six-digit GB/T 2260 code (e.g. 500112)"),
    "gx_admin_level": ("必须为 district（区）、county（县）、prefecture_city（地级市）或 municipality（直辖市）",
                       "must be district, county, prefecture_city or municipality"),
    "gx_pilot_zone_flag": ("必须为 true（是）或 false（否）", "must be true or false"),
    "gx_balance_halved_or_doubled": ("机构余额单季减半或翻倍：请核实",
                                     "an institution's balance halved or doubled in one quarter: please confirm"),
    "gx_every_quarter_reported": ("每家机构须报送本地区已报送的每个季度（疑似漏报季度或机构）",
                                  "every institution must report every quarter its region reports (a missing quarter "
                                  "or institution)"),
    "gx_consecutive_quarters": ("本地区报送季度应连续（所有机构均缺少某季度）",
                                "the region's quarters should be consecutive (a quarter is missing for every "
                                "institution)"),
    "gx_total_loans_reported": ("报送绿色贷款的机构须同时报送该季度各项贷款总额",
                                "an institution reporting green loans for a quarter must report its total loans for "
                                "that quarter"),
    "gx_green_bonds_within_investment": ("持有绿色债券余额不得超过同一机构同一季度的债券投资余额",
                                         "green bonds held must not exceed the same institution's bond investment "
                                         "in the same quarter"),
    "gx_npl_within_green_loans": ("绿色贷款不良余额不得超过同一机构同一季度的绿色贷款余额",
                                  "non-performing green loans must not exceed the same institution's green loans in "
                                  "the same quarter"),
    "gx_market_shares_add_up": ("同一地区同一季度各机构的绿色金融业务市场份额之和必须为 100%",
                                "the institutions' market shares of green business must add up to 100 % in each "
                                "region and quarter"),
    "gx_score_signed": ("定性评价分数必须填写评分人和评分日期",
                        "a qualitative score must say who scored it and on which day"),
    "gx_green_within_total": ("绿色贷款余额不得超过同一机构同一季度的各项贷款余额",
                              "green loans must not exceed the same institution's total loans in the same quarter"),
    "gx_no_missing_year": ("指标年度序列不应缺年", "an indicator's yearly series should have no missing year"),
    "gx_key_filled": ("主键不得为空", "key must be filled"),
    "gx_share_within_100": ("绿色贷款占比须在 0–100% 之间", "green-loan share must be within 0–100 %"),
    "gx_plausible_growth": ("绿色贷款同比增速超出 −50%～+300%：请核实",
                            "green-loan growth beyond −50 %…+300 % a year: please confirm"),
    "gx_listed_status": ("状态必须取自 seeds/progress_statuses.csv", "status must be one of seeds/progress_statuses.csv"),
    "gx_probability_within_0_1": ("达成目标的概率须在 0 与 1 之间", "the probability of meeting a target must be within 0 and 1"),
    "gx_insufficient_data": ("因数据不足无法评估该目标（见 status_reason）",
                             "a target cannot be judged for lack of data (see status_reason)"),
    "gx_totals_paired": ("原始数据合计与数据集市合计须一一对应",
                         "every raw total must have its mart total and the other way round"),
    "gx_totals_equal": ("数据集市合计须等于原始数据合计（误差不超过 0.000001 亿元）",
                        "mart total must equal the raw total (to 0.000001 亿元)"),
}


# The keys made from data values, family by family: prefix -> the values declared for it. Every value has its key
# (tests/test_text_catalog.py), and where the values come from a code list, the test holds them to it.
DATA_DRIVEN_KEYS: dict[str, tuple[str, ...]] = {
    # the raw sources (scripts/configuration/raw_contract.py) and the seeds a freshness line names
    # why an institution's evaluation or one of its indicators has no score (fct_institution_evaluation*)
    "evaluation_status_": ("scored", "figure_missing", "insufficient_history", "qualitative_not_scored"),
    "indicator_status_": ("scored", "figure_missing", "insufficient_history"),
    "src_": ("green_loans", "total_loans", "green_bonds", "regional_indicators", "institution_figures",
             "task_progress", "regions", "institutions", "target_registry", "task_ledger"),
    # a run's stages and outcomes (scripts/quality/quality_report.py), a rule's severity (expectations/suites.py)
    "stage_": ("ingestion", "raw_quality_gate", "dbt_build", "mart_quality_gate", "publish", "data_docs"),
    "run_outcome_": ("published", "rejected", "checked"),
    "severity_": ("critical", "warning"),
    # a submission's outcome (scripts/publishing/ingest.py) and the columns of its problems (the upload page)
    "outcome_": ("published", "duplicate", "rejected", "waiting", "checked"),
    "col_": ("file", "sheet", "row", "column", "value", "rule_zh", "rule_en"),
    # why a status is what it is (fct_indicator_progress.status_reason) and why a run published nothing
    "reason_": ("baseline_only", "basis_break_without_bridge", "deadline_figure_missing", "deadline_passed",
                "no_baseline_observation", "no_observation", "no_year_on_year_growth", "non_positive_value",
                "year_below_floor", "checked", "checks_failed", "dbt_build", "dry_run", "ingestion", "own_problems",
                "published", "unexpected", "waiting"),
    # how often a measure is reported (seeds/indicator_metadata.csv), a task's reporting, a submission's use,
    # a sign-in's outcome (dashboard/login_security.py)
    "frequency_": ("annual", "quarterly"),
    "reporting_": ("reported", "not_reported"),
    "usage_": ("in_use", "not_published", "partly_superseded", "superseded"),
    "sign_in_": ("success", "failure", "locked", "refused_locked", "logout"),
    # how a submission came in (the audit log's channel, scripts/publishing/ingest.py)
    "channel_": ("upload_page", "command_line"),
    # whether a plan document has been issued (seeds/target_regimes.csv regime_status)
    "regime_status_": ("issued", "awaited"),
}

current_language: Callable[[], str] = lambda: DEFAULT_LANGUAGE


def use_language_of(reader: Callable[[], str]) -> None:
    """Where `t` and `pick` find the language when none is given (the dashboard: the reader's session)."""
    global current_language
    current_language = reader


def t(key: str, lang: str | None = None, **values) -> str:
    """The label `key` in `lang` (or the current language), with `values` filled in: a value that depends on the
    language (`words`, `joined`, `either`) is said in `lang`; a plural text takes the form `count` asks for."""
    language = lang or current_language()
    zh, en = TEXT[key]
    text = en if language == "en" else zh
    if isinstance(text, tuple):
        if "count" not in values:
            raise TypeError(f"{key!r} has a singular and a plural form: give count=")
        text = text[0] if values["count"] == 1 else text[1]
    if not values:
        return text
    return text.format(**{name: value(language) if callable(value) else value for name, value in values.items()})


def pair(key: str, **values) -> tuple[str, str]:
    """The label `key` in Chinese and in English: a message kept in both (a steward's problem, a rule)."""
    return t(key, "zh", **values), t(key, "en", **values)


def both(key: str, *, english_first: bool = False, **values) -> str:
    """A catalog label in Chinese, then English (or English first), on one line: the command line's answers."""
    zh, en = pair(key, **values)
    return f"{en} / {zh}" if english_first else f"{zh} / {en}"


Said = Callable[[str], str]  # a value put into a text, said in the language of that text


def words(key: str, **values) -> Said:
    """The catalog text `key`, to go into another text in that text's language."""
    return lambda language: t(key, language, **values)


def either(zh: str, en: str) -> Said:
    """A value written one way in Chinese and another in English (a column's Chinese header and its name)."""
    return lambda language: en if language == "en" else zh


def joined(items, zh: str = "、", en: str = ", ") -> Said:
    """Items listed the way each language lists them (甲、乙 / a, b); an item may itself be `words`."""
    items = list(items)
    return lambda language: (en if language == "en" else zh).join(
        item(language) if callable(item) else str(item) for item in items)


def pick(row, field: str, lang: str | None = None) -> str:
    """A name stored in the data as `<field>_zh` / `<field>_en`."""
    return row[f"{field}_{lang or current_language()}"]
