-- Each region's green loans per quarter and statistics basis broken down by loan-use category and carbon-reduction
-- effect, summed over institutions, in the categories' and effects' own order (the green-credit page's chart).

with

green_loans as (

    select * from {{ ref('fct_green_loans_quarterly') }}

),

region_credit as (

    select * from {{ ref('fct_region_credit_quarterly') }}

),

categories as (

    select * from {{ ref('green_loan_categories') }}

),

carbon_effects as (

    select * from {{ ref('carbon_effects') }}

),

summed as (

    select
        region_code,
        period_end,
        statistics_basis,
        loan_use_category_code,
        any_value(loan_use_category_name_zh) as loan_use_category_name_zh,
        any_value(loan_use_category_name_en) as loan_use_category_name_en,
        carbon_effect_code,
        any_value(carbon_effect_name_zh) as carbon_effect_name_zh,
        any_value(carbon_effect_name_en) as carbon_effect_name_en,
        sum(balance_100m_cny) as balance_100m_cny,
        count(distinct institution_code) as reporting_institutions,
        {{ rollup_provenance('provenance') }} as provenance

    from green_loans
    group by region_code, period_end, statistics_basis, loan_use_category_code, carbon_effect_code

),

final as (

    select
        {{ surrogate_key(['summed.region_code', 'summed.period_end', 'summed.statistics_basis',
                          'summed.loan_use_category_code', 'summed.carbon_effect_code']) }} as breakdown_key,
        summed.region_code,
        summed.period_end,
        summed.statistics_basis,
        region_credit.is_preferred_basis,
        summed.loan_use_category_code,
        summed.loan_use_category_name_zh,
        summed.loan_use_category_name_en,
        categories.sort_order as category_sort_order,
        summed.carbon_effect_code,
        summed.carbon_effect_name_zh,
        summed.carbon_effect_name_en,
        carbon_effects.sort_order as effect_sort_order,
        summed.balance_100m_cny,
        summed.reporting_institutions,
        summed.provenance

    from summed
    inner join region_credit
        on region_credit.region_code = summed.region_code
            and region_credit.period_end = summed.period_end
            and region_credit.statistics_basis = summed.statistics_basis
    left join categories on categories.category_code = summed.loan_use_category_code
    left join carbon_effects on carbon_effects.carbon_effect_code = summed.carbon_effect_code

)

select * from final
