-- Richer verdicts beside the Open SDG ratio, at every observation of fct_indicator_progress (same grain, same
-- key): how likely the target is to be met, and what it now takes. Windows and rules are documented in
-- _progress__models.yml; in short (periods are quarters for quarterly measures, years for annual ones):
--   long-term trend   growth since the baseline against the growth required (fct_indicator_progress.growth_ratio);
--   short-term trend  growth over the last 4 quarters (annual measures: 2 years), against the same requirement;
--   both trends take the thresholds of the growth_ratio scale (seeds/progress_statuses.csv).
--   log growth steps  ln(v_t / v_prev) / periods between, on the series restated on one statistics basis;
--   window            the steps ending in the last 8 quarters (annual measures: 3 years) up to the observation;
--   projection        value × exp(n × recency-weighted mean step), the k-th oldest step in the window weighs k
--                     (UN ESCAP's anticipated progress: more weight on recent data); n = periods to the deadline;
--   anticipated gap   (target level - projection) / (target level - baseline): the share of the baseline-to-
--                     target distance the projection falls short by (≤ 0: the projection meets the target);
--   probability       log(v_T / v_t) ~ Normal(n μ, n σ²), μ and σ the mean and standard deviation of the
--                     window's steps (3 steps at least): P(v_T ≥ target) = 1 - Φ(z) for an increase, Φ(z) for
--                     a decrease, z = (ln(target level / v_t) - n μ) / (σ √n) (OECD: likelihood of meeting a target);
--   growth needed     fct_indicator_progress.needed_growth_rate a year, and the same a quarter.
-- Compound-growth targets only for the projection and the probability (cumulative totals start from zero and
-- floors judge each year on its own); outlook_reason says why a figure is empty.

with

progress as (

    select * from {{ ref('fct_indicator_progress') }}

),

statuses as (

    select * from {{ ref('progress_statuses') }}

),

series as (

    select
        progress_key,
        region_code,
        target_code,
        progress_method,
        direction,
        frequency,
        period_end,
        value,
        -- Restated on the region's oldest statistics basis (a null link factor: a break without a bridge).
        value / link_factor as linked_value,
        case frequency when 'quarterly' then 4 else 1 end as periods_per_year,
        case frequency when 'quarterly' then 12 else 24 end as short_term_months,
        case frequency when 'quarterly' then 24 else 36 end as window_months,
        baseline_value,
        target_level,
        target_value_status,
        required_growth_rate,
        needed_growth_rate,
        growth_ratio,
        years_to_deadline

    from progress

),

steps as (

    select
        progress_key,
        region_code,
        target_code,
        period_end,
        ln(linked_value / lag(linked_value) over series_order)
        / (datediff('month', lag(period_end) over series_order, period_end) / (12 / periods_per_year))
            as log_growth_step

    from series
    where linked_value > 0
    window series_order as (partition by region_code, target_code order by period_end)

),

windowed_steps as (

    select
        series.progress_key,
        steps.log_growth_step,
        row_number() over (partition by series.progress_key order by steps.period_end) as recency_weight

    from series
    inner join steps
        on steps.region_code = series.region_code
            and steps.target_code = series.target_code
            and steps.period_end <= series.period_end
            and steps.period_end > series.period_end - to_months(series.window_months)
    where steps.log_growth_step is not null

),

window_statistics as (

    select
        progress_key,
        count(*) as window_steps,
        avg(log_growth_step) as mean_log_growth,
        stddev_samp(log_growth_step) as sd_log_growth,
        sum(recency_weight * log_growth_step) / sum(recency_weight) as weighted_log_growth

    from windowed_steps
    group by progress_key

),

short_term as (

    select
        series.progress_key,
        earlier.period_end as short_term_start,
        {{ growth_rate_between('series.progress_method', 'earlier.linked_value', 'series.linked_value',
                               '(' ~ decimal_year('series.period_end') ~ ' - ' ~ decimal_year('earlier.period_end') ~ ')') }}
            as short_term_growth_rate

    from series
    inner join series as earlier
        on earlier.region_code = series.region_code
            and earlier.target_code = series.target_code
            and earlier.period_end = last_day(series.period_end - to_months(series.short_term_months))

),

assessed as (

    select
        series.*,
        short_term.short_term_start,
        short_term.short_term_growth_rate,
        case when sign(series.required_growth_rate) = case series.direction when 'decrease' then -1 else 1 end
                then short_term.short_term_growth_rate / series.required_growth_rate
        end as short_term_growth_ratio,
        coalesce(window_statistics.window_steps, 0) as window_steps,
        window_statistics.mean_log_growth,
        window_statistics.sd_log_growth,
        window_statistics.weighted_log_growth,
        series.years_to_deadline * series.periods_per_year as periods_to_deadline,
        series.progress_method = 'compound_growth'
        and series.target_value_status = 'set'
        and series.years_to_deadline > 0
        and series.value > 0
        and series.target_level > 0 as can_project

    from series
    left join short_term on short_term.progress_key = series.progress_key
    left join window_statistics on window_statistics.progress_key = series.progress_key

),

projected as (

    select
        *,
        case when can_project and window_steps >= 2
                then value * exp(periods_to_deadline * weighted_log_growth)
        end as projected_value_recency_weighted,
        case when can_project and window_steps >= 3 and sd_log_growth > 0
                then (ln(target_level / value) - periods_to_deadline * mean_log_growth)
                    / (sd_log_growth * sqrt(periods_to_deadline))
        end as probability_z

    from assessed

),

long_term_statuses as (

    {{ status_by_threshold('projected', 'progress_key', 'growth_ratio', 'growth_ratio') }}

),

short_term_statuses as (

    {{ status_by_threshold('projected', 'progress_key', 'short_term_growth_ratio', 'growth_ratio') }}

),

final as (

    select
        projected.progress_key,
        projected.region_code,
        projected.target_code,
        projected.period_end,
        long_term_statuses.status_code as long_term_trend_status_code,
        projected.short_term_start,
        {{ round_figure('projected.short_term_growth_rate') }} as short_term_growth_rate,
        {{ round_figure('projected.short_term_growth_ratio') }} as short_term_growth_ratio,
        short_term_statuses.status_code as short_term_trend_status_code,
        projected.window_steps,
        {{ round_figure('projected.mean_log_growth') }} as mean_log_growth,
        {{ round_figure('projected.sd_log_growth') }} as sd_log_growth,
        {{ round_figure('projected.weighted_log_growth') }} as weighted_log_growth,
        {{ round_figure('projected.periods_to_deadline') }} as periods_to_deadline,
        {{ round_figure('projected.projected_value_recency_weighted') }} as projected_value_recency_weighted,
        {{ round_figure('case when projected.target_level <> projected.baseline_value
            then (projected.target_level - projected.projected_value_recency_weighted)
                / (projected.target_level - projected.baseline_value) end') }} as anticipated_gap,
        -- To 4 decimals: Φ's approximation is good to 1.5e-7, and a probability is read as a percentage.
        round(
            case projected.direction
                when 'decrease' then {{ normal_cdf('projected.probability_z') }}
                else 1 - {{ normal_cdf('projected.probability_z') }}
            end, 4
        ) + 0.0 as probability_of_meeting_target,
        projected.needed_growth_rate as needed_growth_rate_per_year,
        {{ round_figure('case projected.progress_method
            when \'compound_growth\' then 100 * (pow(1 + projected.needed_growth_rate / 100, 1 / 4) - 1)
            when \'linear_accumulation\' then projected.needed_growth_rate / 4 end') }}
            as needed_growth_rate_per_quarter,
        case
            when projected.target_value_status = 'not_set' then 'target_not_set'
            when projected.progress_method <> 'compound_growth' then 'method_not_projected'
            when projected.years_to_deadline <= 0 then 'deadline_reached'
            when not projected.can_project then 'non_positive_value'
            when projected.window_steps < 2 then 'too_few_observations'
            when projected.window_steps < 3 then 'too_few_observations_for_probability'
            when not projected.sd_log_growth > 0 then 'no_variation_in_growth'
        end as outlook_reason

    from projected
    left join long_term_statuses on long_term_statuses.progress_key = projected.progress_key
    left join short_term_statuses on short_term_statuses.progress_key = projected.progress_key

)

select * from final
