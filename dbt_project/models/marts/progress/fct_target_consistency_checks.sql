-- Whether a plan's annual growth floor and its level targets on the same measure agree: the level the floor
-- reaches by the deadline from the plan's baseline, against the level the other target asks for, and the
-- growth a year that level needs. The Changshou plan's three green-loan conditions do not agree: ≥ 20 % a year
-- on the implied 30亿元 base reaches 30 × 1.2⁵ = 74.6亿元 by 2025, below the 90亿元 (+200 %) level, which
-- needs 3^(1/5) - 1 = 24.6 % a year. So the floor can be met while the level and growth targets fail.
-- Grain: one row per floor × level or %-change target of the same regime, measure and region.

with

targets as (

    select * from {{ ref('dim_indicator') }}

),

measures as (

    select * from {{ ref('indicator_metadata') }}

),

pairs as (

    select
        floor_target.target_code as floor_target_code,
        level_target.target_code as level_target_code,
        floor_target.regime_code,
        floor_target.measure_code,
        floor_target.set_for_region_code,
        cast(floor_target.target_value as double) as floor_rate,
        cast(level_target.plan_baseline_value as double) as plan_baseline_value,
        measures.unit,
        level_target.target_kind as level_target_kind,
        level_target.target_year,
        level_target.target_year - level_target.baseline_year as years,
        case level_target.target_kind
            when 'pct_change_vs_baseline'
                then level_target.plan_baseline_value * (1 + level_target.target_value / 100)
            else level_target.target_value
        end as level_required

    from targets as floor_target
    inner join targets as level_target
        on level_target.regime_code = floor_target.regime_code
            and level_target.measure_code = floor_target.measure_code
            and level_target.set_for_region_code = floor_target.set_for_region_code
            and level_target.target_kind in ('level', 'pct_change_vs_baseline')
    inner join measures on measures.measure_code = floor_target.measure_code
    where floor_target.target_kind = 'annual_rate_floor'
        and floor_target.target_value_status = 'set'
        and level_target.target_value_status = 'set'
        and level_target.plan_baseline_value > 0

),

final as (

    select
        {{ surrogate_key(['floor_target_code', 'level_target_code']) }} as consistency_check_key,
        floor_target_code,
        level_target_code,
        regime_code,
        measure_code,
        set_for_region_code,
        plan_baseline_value,
        unit,
        target_year,
        years,
        floor_rate,
        {{ round_figure('cast(level_required as double)') }} as level_required,
        {{ round_figure('plan_baseline_value * pow(1 + floor_rate / 100, years)') }} as level_reached_at_floor,
        {{ round_figure(growth_rate_between("'compound_growth'", 'plan_baseline_value', 'level_required', 'years')) }}
            as growth_needed_for_level,
        plan_baseline_value * pow(1 + floor_rate / 100, years) < level_required as floor_is_weaker

    from pairs

)

select * from final
