-- Where each region stands on each target: the status judged on the latest observation on or before the
-- deadline (after the deadline the question is whether the target was met by then), the newest observation
-- whatever its date, and for annual floors the years that fell short. Regions without any observation of a
-- target still get a row ('insufficient_data', or 'target_not_set').

with

region_targets as (

    select * from {{ ref('int_targets_joined_to_regions') }}

),

progress as (

    select * from {{ ref('fct_indicator_progress') }}

),

statuses as (

    select * from {{ ref('progress_statuses') }}

),

assessed as (

    select *
    from progress
    where period_end <= target_deadline
    qualify row_number() over (partition by region_code, target_code order by period_end desc) = 1

),

newest as (

    select region_code, target_code, period_end, value, value_in_target_unit, provenance, submission_ids
    from progress
    qualify row_number() over (partition by region_code, target_code order by period_end desc) = 1

),

floor_years as (

    select
        region_code,
        target_code,
        count(*) filter (where value_in_target_unit is not null) as years_judged,
        count(*) filter (where not meets_target) as years_below_target,
        string_agg(cast(year(period_end) as varchar), ',' order by period_end) filter (where not meets_target)
            as years_below_target_list

    from progress
    where is_judged_year_end
    group by region_code, target_code

),

judged as (

    select
        region_targets.region_target_key,
        region_targets.region_code,
        region_targets.region_name_zh,
        region_targets.region_name_en,
        region_targets.target_code,
        region_targets.target_name_zh,
        region_targets.target_name_en,
        region_targets.measure_code,
        region_targets.target_kind,
        assessed.progress_method,
        region_targets.direction,
        region_targets.comparison,
        region_targets.target_value,
        region_targets.target_unit,
        region_targets.target_value_status,
        region_targets.target_deadline,
        assessed.period_end as as_of_date,
        assessed.value,
        assessed.unit,
        assessed.value_in_target_unit,
        assessed.statistics_basis,
        assessed.baseline_date,
        assessed.baseline_value,
        assessed.baseline_source,
        assessed.target_level,
        assessed.gap_to_target,
        assessed.gap_to_target_level,
        assessed.distance_covered_share,
        assessed.observed_growth_rate,
        assessed.required_growth_rate,
        assessed.needed_growth_rate,
        assessed.growth_rate_unit,
        assessed.growth_ratio,
        assessed.projected_value_at_deadline,
        assessed.projected_distance_covered_share,
        assessed.projection_category_code,
        coalesce(assessed.period_end = region_targets.target_deadline, false) as is_final_assessment,
        coalesce(floor_years.years_judged, 0) as years_judged,
        coalesce(floor_years.years_below_target, 0) as years_below_target,
        floor_years.years_below_target_list,
        case
            when region_targets.target_value_status = 'not_set' then 'target_not_set'
            when assessed.progress_key is null then 'insufficient_data'
            when region_targets.target_kind <> 'annual_rate_floor' then assessed.status_code
            -- A floor missed in any year cannot be made good later.
            when floor_years.years_below_target > 0 then 'not_achieved'
            when floor_years.years_judged = region_targets.target_year - year(region_targets.baseline_date)
                then 'achieved'
            -- The deadline has passed but some year's growth is unknown: the floor cannot be confirmed.
            when assessed.period_end >= region_targets.target_deadline then 'insufficient_data'
            -- Every year so far met the floor, but years remain: the latest growth rate tells how it goes.
            when assessed.status_code = 'achieved' then 'on_track'
            else assessed.status_code
        end as status_code,
        assessed.status_code as assessed_status_code,
        assessed.status_reason as assessed_status_reason,
        assessed.progress_key is null as has_no_observation,
        newest.period_end as latest_period_end,
        newest.value as latest_value,
        newest.value_in_target_unit as latest_value_in_target_unit,
        coalesce(assessed.provenance, newest.provenance) as provenance,
        -- The submissions the figure shown comes from (null: the raw folder's files, e.g. the sample).
        case when assessed.progress_key is null then newest.submission_ids else assessed.submission_ids end
            as submission_ids,
        newest.submission_ids as latest_submission_ids,
        region_targets.display_order

    from region_targets
    left join assessed
        on assessed.region_code = region_targets.region_code
        and assessed.target_code = region_targets.target_code
    left join newest
        on newest.region_code = region_targets.region_code
        and newest.target_code = region_targets.target_code
    left join floor_years
        on floor_years.region_code = region_targets.region_code
        and floor_years.target_code = region_targets.target_code

),

final as (

    select
        judged.* exclude (assessed_status_code, assessed_status_reason, has_no_observation, display_order),
        case
            when judged.status_code = judged.assessed_status_code then judged.assessed_status_reason
            when judged.status_code = 'not_achieved' then 'year_below_floor'
            when judged.status_code = 'insufficient_data' and judged.has_no_observation then 'no_observation'
            when judged.status_code = 'insufficient_data' then 'no_year_on_year_growth'
        end as status_reason,
        status_labels.status_name_zh,
        status_labels.status_name_en,
        status_labels.colour as status_colour,
        projection_labels.status_name_zh as projection_category_name_zh,
        projection_labels.status_name_en as projection_category_name_en,
        judged.display_order

    from judged
    left join statuses as status_labels on status_labels.status_code = judged.status_code
    left join statuses as projection_labels on projection_labels.status_code = judged.projection_category_code

)

select * from final
