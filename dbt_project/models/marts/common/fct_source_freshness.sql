-- How fresh each raw source is per region: its newest period in the marts it feeds, the next period and the
-- day that period's figures are due (seeds/reporting_schedule.csv). A source is overdue once a day after its
-- next due date has come; the reader's today decides that, so the dashboard compares the two dates.

with

green_loans as (

    select * from {{ ref('fct_green_loans_quarterly') }}

),

total_loans as (

    select * from {{ ref('fct_total_loans_quarterly') }}

),

green_bonds as (

    select * from {{ ref('fct_green_bonds') }}

),

regional_indicators as (

    select * from {{ ref('fct_regional_indicators_annual') }}

),

institution_figures as (

    select * from {{ ref('fct_institution_figures_quarterly') }}

),

schedule as (

    select * from {{ ref('reporting_schedule') }}

),

latest_periods as (

    select
        'green_loans' as source, region_code, max(period_end) as latest_period, count(*) as row_count,
        {{ rollup_provenance('provenance') }} as provenance
    from green_loans group by region_code
    union all
    select 'total_loans', region_code, max(period_end), count(*), {{ rollup_provenance('provenance') }}
    from total_loans group by region_code
    union all
    select 'green_bonds', region_code, max(issue_date), count(*), {{ rollup_provenance('provenance') }}
    from green_bonds group by region_code
    union all
    select
        'regional_indicators', region_code, make_date(max(year), 12, 31), count(*),
        {{ rollup_provenance('provenance') }}
    from regional_indicators group by region_code
    union all
    select 'institution_figures', region_code, max(period_end), count(*), {{ rollup_provenance('provenance') }}
    from institution_figures group by region_code

),

scheduled as (

    select
        latest_periods.*,
        schedule.frequency,
        -- Period ends are month ends: the next one is the last day of the month `period_months` later.
        case when schedule.period_months is not null
                then cast(last_day(latest_periods.latest_period + to_months(schedule.period_months)) as date)
        end as next_period_end,
        schedule.due_after_period_end,
        schedule.rule_zh,
        schedule.rule_en

    from latest_periods
    inner join schedule on schedule.source = latest_periods.source

),

final as (

    select
        {{ surrogate_key(['source', 'region_code']) }} as source_region_key,
        source,
        region_code,
        frequency,
        latest_period,
        row_count,
        provenance,
        next_period_end,
        cast(next_period_end + cast(due_after_period_end as interval) as date) as next_due_date,
        rule_zh,
        rule_en

    from scheduled

)

select * from final
