-- The paths a target requires, period end by period end (quarter or year) from its baseline to its deadline, per
-- region and statistics basis, so that every chart draws exactly the level the status is judged on:
--   to_target_level  steady progress from the baseline to the target level at the deadline - compound growth
--                    for levels, % changes and shares, a straight line for cumulative totals (which start at 0);
--   annual_floor     the measure's baseline level growing at the floor rate every year (green loans ≥ 20 %).
-- The baseline and the level are those of fct_indicator_progress on that basis (chain-linked across the 2025
-- basis change), so a chart on the newer basis draws the restated level. Time is in decimal years (macro
-- decimal_year). No path where the target is not set, the baseline is unknown or not positive.

with

progress as (

    select * from {{ ref('fct_indicator_progress') }}

),

levels as (

    select distinct
        region_code,
        target_code,
        measure_code,
        target_kind,
        progress_method,
        coalesce(statistics_basis, 'single_basis') as path_basis,
        statistics_basis,
        frequency,
        unit,
        target_value,
        target_unit,
        baseline_date,
        baseline_value,
        target_level,
        target_deadline

    from progress
    where target_value_status = 'set'
        and progress_method <> 'annual_floor'
        and baseline_value is not null
        and target_level is not null
        and (progress_method = 'linear_accumulation' or baseline_value > 0)

),

floors as (

    -- A floor has no level of its own: its path starts from the measure's baseline on the same basis.
    select distinct
        floor.region_code,
        floor.target_code,
        floor.measure_code,
        floor.target_kind,
        floor.progress_method,
        coalesce(floor.statistics_basis, 'single_basis') as path_basis,
        floor.statistics_basis,
        floor.frequency,
        floor.unit,
        floor.target_value,
        floor.target_unit,
        floor.baseline_date,
        level.baseline_value,
        cast(null as double) as target_level,
        floor.target_deadline

    from progress as floor
    inner join levels as level
        on level.region_code = floor.region_code
            and level.measure_code = floor.measure_code
            and level.path_basis = coalesce(floor.statistics_basis, 'single_basis')
            and level.baseline_date = floor.baseline_date
            and level.progress_method = 'compound_growth'
    where floor.target_value_status = 'set' and floor.progress_method = 'annual_floor'

),

paths as (

    select *, 'to_target_level' as path_kind from levels
    union all
    select *, 'annual_floor' as path_kind from floors

),

points as (

    -- A point at every period end of the series: quarter ends, or year ends for an annual series.
    select
        *,
        cast(last_day(unnest(generate_series(
            date_trunc('month', baseline_date), target_deadline,
            case when frequency = 'annual' then interval 12 month else interval 3 month end
        ))) as date) as period_end

    from paths

),

timed as (

    select
        *,
        {{ decimal_year('period_end') }} - {{ decimal_year('baseline_date') }} as years_since_baseline,
        {{ decimal_year('target_deadline') }} - {{ decimal_year('baseline_date') }} as years_baseline_to_deadline

    from points

),

final as (

    select
        {{ surrogate_key(['region_code', 'target_code', 'path_basis', 'period_end']) }} as target_path_key,
        region_code,
        target_code,
        measure_code,
        path_kind,
        path_basis,
        statistics_basis,
        frequency,
        period_end,
        {{ round_figure("""case
            when path_kind = 'annual_floor'
                then baseline_value * pow(1 + target_value / 100, years_since_baseline)
            when progress_method = 'linear_accumulation'
                then baseline_value + (target_level - baseline_value) * years_since_baseline / years_baseline_to_deadline
            else baseline_value * pow(target_level / baseline_value, years_since_baseline / years_baseline_to_deadline)
        end""") }} as path_value,
        unit,
        baseline_date,
        baseline_value,
        target_deadline,
        target_value,
        target_unit,
        target_level,
        {{ round_figure('years_since_baseline') }} as years_since_baseline

    from timed

)

select * from final
