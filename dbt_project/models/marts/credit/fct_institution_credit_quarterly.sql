-- Each institution's green lending at each quarter end and statistics basis, beside its balance of all loans:
-- its share of its own lending, its growth on the same quarter a year earlier on the same basis (across the
-- 2025 change of basis an institution's growth is not comparable, so it stays empty) and its share of the
-- region's green loans, each rounded to 6 decimals (round_figure). The green-credit page selects one quarter.

with

green_loans as (

    select * from {{ ref('fct_green_loans_quarterly') }}

),

total_loans as (

    select * from {{ ref('fct_total_loans_quarterly') }}

),

institutions as (

    select * from {{ ref('dim_institution') }}

),

region_credit as (

    select * from {{ ref('fct_region_credit_quarterly') }}

),

green as (

    select
        region_code,
        institution_code,
        period_end,
        statistics_basis,
        sum(balance_100m_cny) as green_loan_balance_100m_cny,
        {{ rollup_provenance('provenance') }} as provenance

    from green_loans
    group by region_code, institution_code, period_end, statistics_basis

),

final as (

    select
        {{ surrogate_key(['green.institution_code', 'green.period_end', 'green.statistics_basis']) }}
            as institution_quarter_basis_key,
        green.region_code,
        green.institution_code,
        institutions.institution_name_zh,
        institutions.institution_name_en,
        institutions.institution_type_name_zh,
        institutions.institution_type_name_en,
        green.period_end,
        green.statistics_basis,
        coalesce(region_credit.is_preferred_basis, false) as is_preferred_basis,
        green.green_loan_balance_100m_cny,
        total.balance_100m_cny as total_loan_balance_100m_cny,
        {{ round_figure('100 * green.green_loan_balance_100m_cny / nullif(total.balance_100m_cny, 0)') }}
            as share_of_own_lending_pct,
        {{ round_figure('100 * (green.green_loan_balance_100m_cny
            / nullif(year_earlier.green_loan_balance_100m_cny, 0) - 1)') }} as yoy_growth_pct,
        {{ round_figure('100 * green.green_loan_balance_100m_cny
            / nullif(sum(green.green_loan_balance_100m_cny) over region_quarter, 0)') }} as share_of_region_pct,
        green.provenance

    from green
    inner join institutions on institutions.institution_code = green.institution_code
    left join total_loans as total
        on
            total.institution_code = green.institution_code
            and total.period_end = green.period_end
    left join green as year_earlier
        on
            year_earlier.institution_code = green.institution_code
            and year_earlier.statistics_basis = green.statistics_basis
            and year_earlier.period_end = cast(green.period_end - interval 1 year as date)
    left join region_credit
        on
            region_credit.region_code = green.region_code
            and region_credit.period_end = green.period_end
            and region_credit.statistics_basis = green.statistics_basis
    window region_quarter as (partition by green.region_code, green.period_end, green.statistics_basis)

)

select * from final
