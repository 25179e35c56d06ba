-- Each scheme's indicators for each institution and quarter, scored (task 32). The figures: green business =
-- green loans (the region's preferred statistics basis that quarter) + green bonds held; all business = all
-- loans + bond investment. The point formula is a placeholder until the official annex is entered
-- (evaluation_schemes.point_formula_status): of an indicator's weight w,
--   peer part        w × peer_fraction × (x − min) / (max − min)    over the region's institutions that quarter
--                    (reversed, (max − x) / (max − min), where lower is better; all equal: the full part);
--   own-history part w × own_history_fraction × min(1, x / mean of its previous three quarters)
--                    (lower is better: min(1, mean / x)); fewer than history_quarters earlier quarters:
--                    insufficient history, no points, never a made-up score;
-- a qualitative group: w × score / 100. A figure missing leaves the indicator without a value or points.
-- total_points: the indicator's points in the total (its part's weight of them); their change on the previous
-- quarter is the waterfall's step for the indicator.

with

credit as (

    select * from {{ ref('fct_institution_credit_quarterly') }}

),

figures as (

    select * from {{ ref('fct_institution_figures_quarterly') }}

),

scores as (

    select * from {{ ref('stg_raw__institution_figures') }}
    where is_qualitative

),

schemes as (

    select * from {{ ref('evaluation_schemes') }}

),

indicators as (

    select * from {{ ref('evaluation_indicators') }}

),

business as (

    select
        credit.region_code,
        credit.institution_code,
        credit.institution_name_zh,
        credit.institution_name_en,
        credit.period_end,
        credit.green_loan_balance_100m_cny,
        credit.green_loan_balance_100m_cny + figures.green_bonds_held_100m_cny as green_business_100m_cny,
        credit.total_loan_balance_100m_cny + figures.bond_investment_100m_cny as all_business_100m_cny,
        figures.green_npl_balance_100m_cny,
        figures.defaulted_green_bonds_held_100m_cny,
        figures.new_green_loan_rate_pct,
        {{ combine_provenance(['credit.provenance', 'figures.provenance']) }} as provenance

    from credit
    left join figures
        on
            figures.institution_code = credit.institution_code
            and figures.period_end = credit.period_end
    where credit.is_preferred_basis

),

measures as (

    select
        business.*,
        100 * business.green_business_100m_cny / nullif(business.all_business_100m_cny, 0)
            as green_business_share_pct,
        100 * business.green_business_100m_cny / nullif(sum(business.green_business_100m_cny) over (
            partition by business.region_code, business.period_end
        ), 0) as green_business_market_share_pct,
        100 * (business.green_business_100m_cny / nullif(year_earlier.green_business_100m_cny, 0) - 1)
            as green_business_yoy_growth_pct,
        100 * (business.green_npl_balance_100m_cny + business.defaulted_green_bonds_held_100m_cny)
        / nullif(business.green_business_100m_cny, 0) as green_business_risk_share_pct,
        100 * business.green_npl_balance_100m_cny / nullif(business.green_loan_balance_100m_cny, 0)
            as green_npl_ratio_pct

    from business
    left join business as year_earlier
        on
            year_earlier.institution_code = business.institution_code
            and year_earlier.period_end = last_day(business.period_end - interval 1 year)

),

computed_long as (

    unpivot measures
    on {{ evaluation_computed_measures() }}
    into name measure_code value measure_value

),

measures_long as (

    -- the computed measures, and each qualitative score under its figure code
    select institution_code, period_end, measure_code, cast(measure_value as double) as measure_value
    from computed_long
    union all
    select institution_code, period_end, figure_code, cast(value as double)
    from scores

),

valued as (

    -- unpivot drops nulls: every scheme indicator gets its row back, a missing figure as a null value
    select
        schemes.scheme_code,
        indicators.indicator_code,
        indicators.indicator_name_zh,
        indicators.indicator_name_en,
        indicators.sort_order as indicator_sort_order,
        indicators.kind,
        indicators.direction,
        indicators.weight_pct,
        case
            when indicators.kind = 'quantitative' then schemes.quantitative_weight_pct
            else schemes.qualitative_weight_pct
        end as part_weight_pct,
        schemes.own_history_fraction,
        schemes.peer_fraction,
        schemes.history_quarters,
        business.region_code,
        business.institution_code,
        business.institution_name_zh,
        business.institution_name_en,
        business.period_end,
        {{ quarter_number('business.period_end') }} as quarter_number,
        measures_long.measure_value as indicator_value,
        business.provenance

    from business
    cross join schemes
    inner join indicators on indicators.scheme_code = schemes.scheme_code
    left join measures_long
        on
            measures_long.institution_code = business.institution_code
            and measures_long.period_end = business.period_end
            and measures_long.measure_code = indicators.measure_code

),

history as (

    -- the institution's own values in the scheme's history_quarters before each quarter
    select
        valued.scheme_code,
        valued.indicator_code,
        valued.institution_code,
        valued.period_end,
        avg(earlier.indicator_value) as own_history_mean,
        count(earlier.indicator_value) as own_history_quarters

    from valued
    inner join valued as earlier
        on
            earlier.scheme_code = valued.scheme_code
            and earlier.indicator_code = valued.indicator_code
            and earlier.institution_code = valued.institution_code
            and earlier.quarter_number between valued.quarter_number - valued.history_quarters
            and valued.quarter_number - 1
    group by valued.scheme_code, valued.indicator_code, valued.institution_code, valued.period_end

),

compared as (

    select
        valued.*,
        min(valued.indicator_value) over peers as peer_min,
        max(valued.indicator_value) over peers as peer_max,
        history.own_history_mean,
        coalesce(history.own_history_quarters, 0) as own_history_quarters

    from valued
    left join history
        on
            history.scheme_code = valued.scheme_code
            and history.indicator_code = valued.indicator_code
            and history.institution_code = valued.institution_code
            and history.period_end = valued.period_end
    window peers as (partition by valued.scheme_code, valued.indicator_code, valued.region_code, valued.period_end)

),

ratios as (

    select
        compared.*,
        case
            when kind = 'qualitative' or indicator_value is null then null
            when peer_max = peer_min then 1.0
            when direction = 'higher' then (indicator_value - peer_min) / (peer_max - peer_min)
            else (peer_max - indicator_value) / (peer_max - peer_min)
        end as peer_ratio,
        case
            when kind = 'qualitative' or indicator_value is null then null
            when own_history_quarters < history_quarters then null
            when direction = 'higher' and own_history_mean > 0
                then least(1.0, greatest(0.0, indicator_value / own_history_mean))
            when direction = 'higher' then case when indicator_value >= own_history_mean then 1.0 else 0.0 end
            when indicator_value <= 0 then 1.0
            when own_history_mean <= 0 then 0.0
            else least(1.0, own_history_mean / indicator_value)
        end as own_history_ratio

    from compared

),

points as (

    select
        ratios.*,
        case when kind = 'quantitative' then weight_pct * peer_fraction * peer_ratio end as peer_points,
        case when kind = 'quantitative' then weight_pct * own_history_fraction * own_history_ratio end
            as own_history_points,
        case
            when kind = 'qualitative' then weight_pct * indicator_value / 100
            else weight_pct * peer_fraction * peer_ratio + weight_pct * own_history_fraction * own_history_ratio
        end as indicator_points,
        case
            when indicator_value is null then 'figure_missing'
            when kind = 'quantitative' and own_history_quarters < history_quarters then 'insufficient_history'
            else 'scored'
        end as indicator_status

    from ratios

),

final as (

    select
        {{ surrogate_key(['scheme_code', 'institution_code', 'period_end', 'indicator_code']) }}
            as institution_indicator_key,
        scheme_code,
        indicator_code,
        indicator_name_zh,
        indicator_name_en,
        indicator_sort_order,
        kind,
        direction,
        weight_pct,
        part_weight_pct,
        region_code,
        institution_code,
        institution_name_zh,
        institution_name_en,
        period_end,
        {{ round_figure('indicator_value') }} as indicator_value,
        {{ round_figure('peer_min') }} as peer_min,
        {{ round_figure('peer_max') }} as peer_max,
        {{ round_figure('own_history_mean') }} as own_history_mean,
        own_history_quarters,
        {{ round_figure('peer_points') }} as peer_points,
        {{ round_figure('own_history_points') }} as own_history_points,
        {{ round_figure('indicator_points') }} as indicator_points,
        {{ round_figure('indicator_points - max(indicator_points) over previous_quarter') }}
            as points_change_on_previous_quarter,
        -- in the total's points: the part's weight of them (80 % of a quantitative indicator's under the PBoC)
        {{ round_figure('part_weight_pct / 100 * indicator_points') }} as total_points,
        {{ round_figure('part_weight_pct / 100 * (indicator_points - max(indicator_points) over previous_quarter)') }}
            as total_points_change_on_previous_quarter,
        indicator_status,
        provenance

    from points
    window previous_quarter as (
        partition by scheme_code, indicator_code, institution_code
        order by quarter_number
        range between 1 preceding and 1 preceding
    )

)

select * from final
