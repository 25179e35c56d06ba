-- The final scorecard of every target whose deadline has passed (2025 目标完成情况), region by region, as it
-- stood at each quarter end from the deadline on: the figure for the deadline itself, the outcome (achieved,
-- not achieved, final figure not reported, target not set, no observation), and the quarter a missed target
-- was met later, if it was. The statuses are fct_indicator_progress_as_of's: this mart only lists them with
-- their plan document, so that the overview can lead with the outcome once a plan's deadline has passed.

with

progress_as_of as (

    select * from {{ ref('fct_indicator_progress_as_of') }}

),

targets as (

    select * from {{ ref('dim_indicator') }}

),

deadline_passed as (

    select
        *,
        -- "Met later" is said of a target missed at the deadline only, never of one achieved by then.
        case when status_code = 'not_achieved' then met_after_deadline_on end as met_later_on

    from progress_as_of
    where is_deadline_passed

),

final as (

    select
        progress_as_of.region_target_quarter_key as scorecard_key,
        progress_as_of.as_at_date,
        progress_as_of.region_code,
        progress_as_of.region_name_zh,
        progress_as_of.region_name_en,
        progress_as_of.regime_code,
        targets.plan_title_zh,
        targets.plan_title_en,
        progress_as_of.target_code,
        progress_as_of.target_name_zh,
        progress_as_of.target_name_en,
        progress_as_of.target_kind,
        progress_as_of.comparison,
        progress_as_of.target_value,
        progress_as_of.target_unit,
        progress_as_of.target_value_status,
        progress_as_of.target_deadline,
        case when progress_as_of.is_final_assessment then progress_as_of.value end as deadline_value,
        case when progress_as_of.is_final_assessment then progress_as_of.value_in_target_unit end
            as deadline_value_in_target_unit,
        progress_as_of.unit,
        progress_as_of.status_code as outcome_code,
        progress_as_of.status_name_zh as outcome_name_zh,
        progress_as_of.status_name_en as outcome_name_en,
        progress_as_of.status_colour as outcome_colour,
        progress_as_of.status_reason as outcome_reason,
        progress_as_of.trend_status_code,
        progress_as_of.met_later_on as met_after_deadline_on,
        year(progress_as_of.met_later_on) as met_after_deadline_year,
        quarter(progress_as_of.met_later_on) as met_after_deadline_quarter,
        progress_as_of.years_judged,
        progress_as_of.years_below_target,
        progress_as_of.years_below_target_list,
        progress_as_of.latest_period_end,
        progress_as_of.latest_value,
        progress_as_of.latest_value_in_target_unit,
        progress_as_of.provenance,
        progress_as_of.submission_ids,
        targets.display_order

    from deadline_passed as progress_as_of
    inner join targets on targets.target_code = progress_as_of.target_code

)

select * from final
