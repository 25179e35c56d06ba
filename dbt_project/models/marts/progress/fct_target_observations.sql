-- Each region's targets joined to the observations they are judged on, from the baseline date on, with the
-- baseline and the target both expressed in the observed measure's unit and on the observation's statistics
-- basis (chain-linked), and the observation restated in the target's unit (% change for growth targets,
-- year-on-year growth for annual floors). The arithmetic of progress is in fct_indicator_progress.

with

region_targets as (

    select * from {{ ref('dim_region_target') }}

),

observations as (

    select * from {{ ref('fct_measure_observations') }}

),

linked_observations as (

    select
        observations.* exclude (link_factor),
        -- Series without a statistics basis (everything but green loans) need no link.
        case when observations.statistics_basis is null then 1.0 else observations.link_factor end as link_factor

    from observations

),

joined as (

    select
        region_targets.*,
        observation.period_end,
        observation.value,
        observation.unit,
        observation.frequency,
        observation.statistics_basis,
        observation.yoy_growth_pct,
        observation.growth_method,
        observation.link_factor,
        observation.provenance,
        observation.submission_ids,
        baseline.value as baseline_value_as_reported,
        baseline.statistics_basis as baseline_statistics_basis,
        case
            when region_targets.target_kind = 'annual_rate_floor' then null
            when region_targets.target_kind = 'cumulative' then 'cumulative_start'
            when baseline.value is not null then 'observed'
            when region_targets.plan_baseline_value is not null then 'plan'
        end as baseline_source,
        case
            -- An annual floor judges each year's growth on its own: it has no baseline level.
            when region_targets.target_kind = 'annual_rate_floor' then null
            when region_targets.target_kind = 'cumulative' then 0.0
            -- The baseline restated on the observation's basis (a null link factor = a break without a bridge).
            when baseline.value is not null
                then {{ restated_on_basis('baseline.value', 'baseline.link_factor', 'observation.link_factor') }}
            -- The plan's baseline is on the basis in force in the baseline year, the region's oldest.
            else region_targets.plan_baseline_value * observation.link_factor
        end as baseline_value,
        region_targets.target_kind not in ('annual_rate_floor', 'cumulative')
        and (observation.link_factor is null or (baseline.value is not null and baseline.link_factor is null))
            as crosses_basis_break

    from region_targets
    inner join linked_observations as observation
        on observation.region_code = region_targets.region_code
            and observation.measure_code = region_targets.measure_code
            and observation.period_end >= region_targets.baseline_date
    left join linked_observations as baseline
        on baseline.region_code = region_targets.region_code
            and baseline.measure_code = region_targets.measure_code
            and baseline.period_end = region_targets.baseline_date
    -- An annual floor judges the years after the baseline, not the baseline year's own growth.
    where region_targets.target_kind <> 'annual_rate_floor' or observation.period_end > region_targets.baseline_date

),

final as (

    select
        {{ surrogate_key(['region_code', 'target_code', 'period_end']) }} as target_observation_key,
        *,
        case target_kind
            when 'pct_change_vs_baseline' then baseline_value * (1 + target_value / 100)
            when 'annual_rate_floor' then null
            else target_value
        end as target_level,
        case target_kind
            when 'pct_change_vs_baseline' then 100 * (value / nullif(baseline_value, 0) - 1)
            when 'annual_rate_floor' then yoy_growth_pct
            else value
        end as value_in_target_unit,
        -- Annual floors are judged on year-end growth in each year from the one after the baseline to the deadline.
        target_kind = 'annual_rate_floor'
        and month(period_end) = 12 and day(period_end) = 31
        and period_end <= target_deadline as is_judged_year_end

    from joined

)

select * from final
