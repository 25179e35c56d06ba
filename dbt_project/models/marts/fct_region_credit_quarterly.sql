with

region_loans as (

    select * from {{ ref('int_region_loans_joined_quarterly') }}

),

final as (

    select
        region_quarter_basis_key,
        region_code,
        period_end,
        statistics_basis,
        is_preferred_basis,
        green_loan_balance_100m_cny,
        total_loan_balance_100m_cny,
        green_loan_share_pct,
        yoy_growth_pct,
        growth_method,
        growth_bridge_period_end,
        green_reporting_institutions,
        total_reporting_institutions,
        provenance,
        submission_ids

    from region_loans

)

select * from final
