-- What a region contributes to a target set for the region it lies in (seeds/region_parents.csv): Changshou's
-- share of Chongqing's green loans, and of their growth since the city target's baseline, at every period both
-- reported on the same statistics basis. Only for measures that add up across regions (indicator_metadata.
-- is_additive); the baselines are restated on the period's basis by each region's own link factor.
-- Grain: one row per region × parent's target × period end.

with

region_targets as (

    select * from {{ ref('dim_region_target') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

observations as (

    select * from {{ ref('fct_measure_observations') }}

),

measures as (

    select * from {{ ref('indicator_metadata') }}

),

targets as (

    select * from {{ ref('dim_indicator') }}

),

parent_targets as (

    select regions.region_code as child_region_code, region_targets.*
    from region_targets
    inner join regions on regions.parent_region_code = region_targets.region_code
    inner join measures on measures.measure_code = region_targets.measure_code
    -- Set for the parent itself: a target every region is compared on is each region's own.
    inner join targets
        on targets.target_code = region_targets.target_code
            and targets.set_for_region_code = region_targets.region_code
    where measures.is_additive

),

linked as (

    select *, coalesce(link_factor, 1.0) as link
    from observations

),

joined as (

    select
        parent_targets.child_region_code as region_code,
        parent_targets.region_code as parent_region_code,
        parent_targets.target_code,
        parent_targets.measure_code,
        parent_targets.baseline_date,
        child.period_end,
        child.statistics_basis,
        child.unit,
        child.value,
        parent.value as parent_value,
        {{ restated_on_basis('child_baseline.value', 'child_baseline.link', 'child.link') }} as baseline_value,
        {{ restated_on_basis('parent_baseline.value', 'parent_baseline.link', 'parent.link') }}
            as parent_baseline_value,
        {{ combine_provenance(['child.provenance', 'parent.provenance']) }} as provenance

    from parent_targets
    inner join linked as child
        on child.region_code = parent_targets.child_region_code
            and child.measure_code = parent_targets.measure_code
            and child.period_end >= parent_targets.baseline_date
    inner join linked as parent
        on parent.region_code = parent_targets.region_code
            and parent.measure_code = child.measure_code
            and parent.period_end = child.period_end
            and parent.statistics_basis is not distinct from child.statistics_basis
    left join linked as child_baseline
        on child_baseline.region_code = child.region_code
            and child_baseline.measure_code = child.measure_code
            and child_baseline.period_end = parent_targets.baseline_date
    left join linked as parent_baseline
        on parent_baseline.region_code = parent.region_code
            and parent_baseline.measure_code = parent.measure_code
            and parent_baseline.period_end = parent_targets.baseline_date

),

final as (

    select
        {{ surrogate_key(['region_code', 'target_code', 'period_end']) }} as contribution_key,
        region_code,
        parent_region_code,
        target_code,
        measure_code,
        period_end,
        statistics_basis,
        unit,
        value,
        parent_value,
        {{ round_figure('100 * value / nullif(parent_value, 0)') }} as share_of_parent_pct,
        baseline_date,
        {{ round_figure('baseline_value') }} as baseline_value,
        {{ round_figure('parent_baseline_value') }} as parent_baseline_value,
        {{ round_figure('value - baseline_value') }} as change_since_baseline,
        {{ round_figure('parent_value - parent_baseline_value') }} as parent_change_since_baseline,
        {{ round_figure('100 * (value - baseline_value) / nullif(parent_value - parent_baseline_value, 0)') }}
            as share_of_parent_growth_pct,
        provenance

    from joined

)

select * from final
