-- The evaluation figures of each institution's quarter side by side (institution_figures is submitted long, a
-- row per figure): the amounts in 亿元, the rate of new green loans in %, and who gave the quarter's latest
-- qualitative score and when (the scores themselves are scheme indicators: fct_institution_evaluation_indicators).
-- A figure not submitted stays empty, never 0.

with

figures as (

    select * from {{ ref('stg_raw__institution_figures') }}

),

institutions as (

    select * from {{ ref('dim_institution') }}

),

final as (

    select
        {{ surrogate_key(['figures.institution_code', 'figures.period_end']) }} as institution_quarter_key,
        figures.region_code,
        figures.institution_code,
        institutions.institution_name_zh,
        institutions.institution_name_en,
        figures.period_end,
        max(case when figures.figure_code = 'green_bonds_held' then figures.value end)
            as green_bonds_held_100m_cny,
        max(case when figures.figure_code = 'bond_investment' then figures.value end) as bond_investment_100m_cny,
        max(case when figures.figure_code = 'green_npl_balance' then figures.value end)
            as green_npl_balance_100m_cny,
        max(case when figures.figure_code = 'defaulted_green_bonds_held' then figures.value end)
            as defaulted_green_bonds_held_100m_cny,
        max(case when figures.figure_code = 'new_green_loan_rate' then figures.value end)
            as new_green_loan_rate_pct,
        count(*) filter (where figures.is_qualitative) as qualitative_scores_given,
        arg_max(figures.scored_by, figures.scored_on) filter (where figures.is_qualitative) as scored_by,
        max(figures.scored_on) filter (where figures.is_qualitative) as scored_on,
        {{ rollup_provenance('figures.provenance') }} as provenance

    from figures
    inner join institutions on institutions.institution_code = figures.institution_code
    group by
        figures.region_code,
        figures.institution_code,
        institutions.institution_name_zh,
        institutions.institution_name_en,
        figures.period_end

)

select * from final
