-- Where each region stood on each target at every quarter end: the picture as the published data showed it
-- with only the observations up to that quarter end. At each quarter end the status is judged on the latest
-- observation on or before the deadline (after the deadline: whether the target was met by then); the newest
-- observation whatever its date is shown beside it; for annual floors, the years judged and those below.
--
-- After the deadline, a target whose deadline figure has not come in is 'final_not_reported', with the
-- status the last figure before it pointed to kept as trend_status_code: never a growth needed for a past
-- date. A target missed at the deadline but met by a later figure keeps 'not_achieved' and says when it was
-- met (met_after_deadline_on). Regions without any observation of a target still get a row.
-- The quarter ends are dim_as_at_quarter's.

with

region_targets as (

    select * from {{ ref('dim_region_target') }}

),

progress as (

    select * from {{ ref('fct_indicator_progress') }}

),

outlook as (

    select * from {{ ref('fct_indicator_outlook') }}

),

statuses as (

    select * from {{ ref('progress_statuses') }}

),

quarter_ends as (

    select * from {{ ref('dim_as_at_quarter') }}

),

region_target_quarters as (

    select region_targets.*, quarter_ends.as_at_date
    from region_targets
    cross join quarter_ends

),

known as (

    -- Every observation as known at each quarter end.
    select quarter_ends.as_at_date, progress.*
    from progress
    inner join quarter_ends on progress.period_end <= quarter_ends.as_at_date

),

assessed as (

    select *
    from known
    where period_end <= target_deadline
    qualify row_number() over (partition by as_at_date, region_code, target_code order by period_end desc) = 1

),

newest as (

    select
        as_at_date, region_code, target_code, period_end, value, value_in_target_unit, provenance,
        submission_ids
    from known
    qualify row_number() over (partition by as_at_date, region_code, target_code order by period_end desc) = 1

),

floor_years as (

    select
        as_at_date,
        region_code,
        target_code,
        count(*) filter (where value_in_target_unit is not null) as years_judged,
        count(*) filter (where not meets_target) as years_below_target,
        string_agg(cast(year(period_end) as varchar), ',' order by period_end) filter (where not meets_target)
            as years_below_target_list

    from known
    where is_judged_year_end
    group by all

),

met_after_deadline as (

    -- The first figure after the deadline that meets the target (floors cannot be made good later).
    select as_at_date, region_code, target_code, min(period_end) as met_after_deadline_on
    from known
    where period_end > target_deadline and meets_target and target_kind <> 'annual_rate_floor'
    group by all

),

judged as (

    select
        region_target_quarters.region_target_key,
        region_target_quarters.as_at_date,
        region_target_quarters.region_code,
        region_target_quarters.region_name_zh,
        region_target_quarters.region_name_en,
        region_target_quarters.target_code,
        region_target_quarters.regime_code,
        region_target_quarters.target_name_zh,
        region_target_quarters.target_name_en,
        region_target_quarters.measure_code,
        region_target_quarters.target_kind,
        assessed.progress_method,
        region_target_quarters.direction,
        region_target_quarters.comparison,
        region_target_quarters.target_value,
        region_target_quarters.target_unit,
        region_target_quarters.target_value_status,
        region_target_quarters.target_deadline,
        region_target_quarters.as_at_date >= region_target_quarters.target_deadline as is_deadline_passed,
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
        outlook.long_term_trend_status_code,
        outlook.short_term_start,
        outlook.short_term_growth_rate,
        outlook.short_term_trend_status_code,
        outlook.projected_value_recency_weighted,
        outlook.anticipated_gap,
        outlook.probability_of_meeting_target,
        outlook.needed_growth_rate_per_quarter,
        outlook.outlook_reason,
        coalesce(assessed.period_end = region_target_quarters.target_deadline, false) as is_final_assessment,
        coalesce(floor_years.years_judged, 0) as years_judged,
        coalesce(floor_years.years_below_target, 0) as years_below_target,
        floor_years.years_below_target_list,
        case
            when region_target_quarters.target_value_status = 'not_set' then 'target_not_set'
            when assessed.progress_key is null then 'insufficient_data'
            when region_target_quarters.target_kind <> 'annual_rate_floor' then assessed.status_code
            -- A floor missed in any year cannot be made good later.
            when floor_years.years_below_target > 0 then 'not_achieved'
            when floor_years.years_judged
                = region_target_quarters.target_year - year(region_target_quarters.baseline_date)
                then 'achieved'
            -- The deadline has passed but an earlier year's growth is unknown: the floor cannot be confirmed.
            when assessed.period_end >= region_target_quarters.target_deadline then 'insufficient_data'
            -- Every year so far met the floor, but years remain: the latest growth rate tells how it goes.
            when assessed.status_code = 'achieved' then 'on_track'
            else assessed.status_code
        end as trend_status_code,
        assessed.status_code as assessed_status_code,
        assessed.status_reason as assessed_status_reason,
        assessed.progress_key is null as has_no_observation,
        met_after_deadline.met_after_deadline_on,
        newest.period_end as latest_period_end,
        newest.value as latest_value,
        newest.value_in_target_unit as latest_value_in_target_unit,
        coalesce(assessed.provenance, newest.provenance) as provenance,
        -- The submissions the figure shown comes from (null: the raw folder's files, e.g. the sample).
        case when assessed.progress_key is null then newest.submission_ids else assessed.submission_ids end
            as submission_ids,
        newest.submission_ids as latest_submission_ids,
        region_target_quarters.display_order

    from region_target_quarters
    left join assessed
        on assessed.as_at_date = region_target_quarters.as_at_date
            and assessed.region_code = region_target_quarters.region_code
            and assessed.target_code = region_target_quarters.target_code
    left join newest
        on newest.as_at_date = region_target_quarters.as_at_date
            and newest.region_code = region_target_quarters.region_code
            and newest.target_code = region_target_quarters.target_code
    left join floor_years
        on floor_years.as_at_date = region_target_quarters.as_at_date
            and floor_years.region_code = region_target_quarters.region_code
            and floor_years.target_code = region_target_quarters.target_code
    left join outlook on outlook.progress_key = assessed.progress_key
    left join met_after_deadline
        on met_after_deadline.as_at_date = region_target_quarters.as_at_date
            and met_after_deadline.region_code = region_target_quarters.region_code
            and met_after_deadline.target_code = region_target_quarters.target_code

),

deadline_checked as (

    select
        *,
        -- Past the deadline, a verdict that still looks ahead (a trend, or a floor not yet confirmed) means the
        -- deadline's own figure is missing. Achieved stays achieved: the target was met by an earlier figure.
        case
            when is_deadline_passed and not has_no_observation and not is_final_assessment
                and trend_status_code not in ('achieved', 'not_achieved', 'target_not_set')
                then 'final_not_reported'
            else trend_status_code
        end as status_code

    from judged

),

final as (

    select
        {{ surrogate_key(['deadline_checked.region_code', 'deadline_checked.target_code',
                          'deadline_checked.as_at_date']) }} as region_target_quarter_key,
        deadline_checked.* exclude (
            trend_status_code, status_code, assessed_status_code, assessed_status_reason,
            has_no_observation, display_order
        ),
        deadline_checked.status_code,
        case
            when deadline_checked.status_code = 'final_not_reported' then 'deadline_figure_missing'
            when deadline_checked.status_code = deadline_checked.assessed_status_code
                then deadline_checked.assessed_status_reason
            when deadline_checked.status_code = 'not_achieved' then 'year_below_floor'
            when deadline_checked.status_code = 'insufficient_data' and deadline_checked.has_no_observation
                then 'no_observation'
            when deadline_checked.status_code = 'insufficient_data' then 'no_year_on_year_growth'
        end as status_reason,
        status_labels.status_name_zh,
        status_labels.status_name_en,
        status_labels.colour as status_colour,
        -- What the last figure before the deadline pointed to, where the deadline's own figure is missing.
        case when deadline_checked.status_code = 'final_not_reported' then deadline_checked.trend_status_code end
            as trend_status_code,
        trend_labels.status_name_zh as trend_status_name_zh,
        trend_labels.status_name_en as trend_status_name_en,
        projection_labels.status_name_zh as projection_category_name_zh,
        projection_labels.status_name_en as projection_category_name_en,
        quarter_ends.is_latest as is_latest_as_at,
        deadline_checked.display_order

    from deadline_checked
    inner join quarter_ends on quarter_ends.as_at_date = deadline_checked.as_at_date
    left join statuses as status_labels on status_labels.status_code = deadline_checked.status_code
    left join statuses as trend_labels
        on trend_labels.status_code = deadline_checked.trend_status_code
            and deadline_checked.status_code = 'final_not_reported'
    left join statuses as projection_labels
        on projection_labels.status_code = deadline_checked.projection_category_code

)

select * from final
