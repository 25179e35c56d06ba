-- Every target of the registry for every region it applies to: the region the plan sets it for, and every
-- region where the target is relative (growth, share, intensity) and so comparable. For cumulative targets the
-- baseline is the day before issuance starts to count (zero issued by then).

with

targets as (

    select * from {{ ref('dim_indicator') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

final as (

    select
        {{ surrogate_key(['regions.region_code', 'targets.target_code']) }} as region_target_key,
        regions.region_code,
        regions.region_name_zh,
        regions.region_name_en,
        targets.target_code,
        targets.regime_code,
        targets.measure_code,
        targets.target_kind,
        targets.direction,
        targets.comparison,
        cast(targets.target_value as double) as target_value,
        targets.target_unit,
        targets.target_value_status,
        case
            when targets.target_kind = 'cumulative' then cast(targets.cumulative_from - interval 1 day as date)
            else targets.baseline_date
        end as baseline_date,
        -- The plan's own baseline (30亿元) holds for the region the plan was written for only.
        case
            when regions.region_code = targets.set_for_region_code then cast(targets.plan_baseline_value as double)
        end as plan_baseline_value,
        targets.target_year,
        targets.target_deadline,
        targets.target_name_zh,
        targets.target_name_en,
        targets.display_order

    from targets
    inner join regions
        on regions.region_code = targets.set_for_region_code
            or targets.applies_to_all_regions

)

select * from final
