-- Progress toward each target at every observation: how far from baseline to target the value has come, the
-- growth observed since the baseline against the growth the target requires (ratio R), the value projected at
-- the deadline, and a status. Thresholds and labels are in seeds/progress_statuses.csv.
--
-- Methods (progress_method):
--   compound_growth      levels, % changes and shares: compound annual growth rates, in % a year;
--   linear_accumulation  cumulative totals (green-bond issuance), which start from zero: average amount a year;
--   annual_floor         a growth rate every year must reach: the year-on-year growth is the observed rate.
-- Time is in decimal years (macro decimal_year), so quarter-end observations count as fractions of a year.
-- Derived figures are rounded to 6 decimals (macro round_figure) after the statuses are decided.

with

target_observations as (

    select * from {{ ref('fct_target_observations') }}

),

statuses as (

    select * from {{ ref('progress_statuses') }}

),

timed as (

    select
        *,
        case target_kind
            when 'cumulative' then 'linear_accumulation'
            when 'annual_rate_floor' then 'annual_floor'
            else 'compound_growth'
        end as progress_method,
        case direction when 'decrease' then -1 else 1 end as direction_sign,
        {{ decimal_year('period_end') }} - {{ decimal_year('baseline_date') }} as years_since_baseline,
        {{ decimal_year('target_deadline') }} - {{ decimal_year('period_end') }} as years_to_deadline,
        {{ decimal_year('target_deadline') }} - {{ decimal_year('baseline_date') }} as years_baseline_to_deadline,
        {{ meets_target('value_in_target_unit', 'comparison', 'target_value') }} as meets_target

    from target_observations

),

rates as (

    select
        *,
        -- An annual floor's observed rate is the year's growth itself, and the rate required is the floor.
        case when progress_method = 'annual_floor' then value_in_target_unit
            else {{ growth_rate_between('progress_method', 'baseline_value', 'value', 'years_since_baseline') }}
        end as observed_growth_rate,
        case when progress_method = 'annual_floor' then target_value
            else {{ growth_rate_between('progress_method', 'baseline_value', 'target_level',
                                        'years_baseline_to_deadline') }}
        end as required_growth_rate,
        case when progress_method = 'annual_floor' then target_value
            else {{ growth_rate_between('progress_method', 'value', 'target_level', 'years_to_deadline') }}
        end as needed_growth_rate,
        case progress_method
            when 'compound_growth' then '%/年'
            when 'linear_accumulation' then target_unit || '/年'
            else '%'
        end as growth_rate_unit

    from timed

),

ratios as (

    select
        *,
        -- R is only meaningful when the target lies in the direction of progress from the baseline; where the
        -- baseline already met it, R stays null and the status says whether the value has since slipped.
        case when direction_sign * required_growth_rate > 0 then observed_growth_rate / required_growth_rate end
            as growth_ratio,
        case when progress_method <> 'annual_floor' and target_level <> baseline_value
                then (value - baseline_value) / (target_level - baseline_value)
        end as distance_covered_share,
        -- A projection looks ahead: at or after the deadline the observed value itself is the answer.
        case
            when years_to_deadline <= 0 or observed_growth_rate is null or progress_method = 'annual_floor' then null
            when progress_method = 'compound_growth'
                then value * pow(1 + observed_growth_rate / 100, years_to_deadline)
            else value + observed_growth_rate * years_to_deadline
        end as projected_value_at_deadline

    from rates

),

projected as (

    select
        *,
        case when target_level <> baseline_value
                then (projected_value_at_deadline - baseline_value) / (target_level - baseline_value)
        end
            as projected_distance_covered_share

    from ratios

),

trend_statuses as (

    {{ status_by_threshold('projected', 'target_observation_key', 'growth_ratio', 'growth_ratio') }}

),

projection_categories as (

    {{ status_by_threshold('projected', 'target_observation_key', 'projected_distance_covered_share',
                           'projected_share') }}

),

judged as (

    select
        projected.*,
        projection_categories.status_code as projection_category_code,
        case
            when projected.target_value_status = 'not_set' then 'target_not_set'
            when projected.value_in_target_unit is null then 'insufficient_data'
            when projected.meets_target then 'achieved'
            when projected.period_end >= projected.target_deadline then 'not_achieved'
            when projected.is_judged_year_end then 'not_achieved'
            -- No baseline, a basis break without a bridge, or the baseline observation itself: no trend.
            when projected.observed_growth_rate is null then 'insufficient_data'
            -- The baseline already met the target and the value has slipped back since.
            when projected.growth_ratio is null then 'deterioration'
            else trend_statuses.status_code
        end as status_code

    from projected
    left join trend_statuses on trend_statuses.target_observation_key = projected.target_observation_key
    left join projection_categories
        on projection_categories.target_observation_key = projected.target_observation_key

),

final as (

    select
        target_observation_key as progress_key,
        region_code,
        target_code,
        regime_code,
        measure_code,
        target_kind,
        progress_method,
        direction,
        comparison,
        period_end,
        frequency,
        statistics_basis,
        value,
        link_factor,
        unit,
        value_in_target_unit,
        target_unit,
        baseline_date,
        baseline_value,
        baseline_value_as_reported,
        baseline_statistics_basis,
        baseline_source,
        crosses_basis_break,
        target_value,
        target_value_status,
        target_level,
        target_deadline,
        {{ round_figure('years_since_baseline') }} as years_since_baseline,
        {{ round_figure('years_to_deadline') }} as years_to_deadline,
        {{ round_figure('target_value - value_in_target_unit') }} as gap_to_target,
        {{ round_figure('target_level - value') }} as gap_to_target_level,
        {{ round_figure('distance_covered_share') }} as distance_covered_share,
        {{ round_figure('observed_growth_rate') }} as observed_growth_rate,
        {{ round_figure('required_growth_rate') }} as required_growth_rate,
        {{ round_figure('needed_growth_rate') }} as needed_growth_rate,
        growth_rate_unit,
        {{ round_figure('growth_ratio') }} as growth_ratio,
        {{ round_figure('projected_value_at_deadline') }} as projected_value_at_deadline,
        {{ round_figure('projected_distance_covered_share') }} as projected_distance_covered_share,
        projection_category_code,
        meets_target,
        is_judged_year_end,
        status_code,
        case
            when status_code = 'insufficient_data'
                then
                    case
                        when progress_method = 'annual_floor' then 'no_year_on_year_growth'
                        when crosses_basis_break then 'basis_break_without_bridge'
                        when baseline_value is null then 'no_baseline_observation'
                        when baseline_value <= 0 or value <= 0 then 'non_positive_value'
                        else 'baseline_only'
                    end
            when status_code = 'not_achieved' then
                case when is_judged_year_end then 'year_below_floor' else 'deadline_passed' end
        end as status_reason,
        provenance,
        submission_ids

    from judged

)

select * from final
