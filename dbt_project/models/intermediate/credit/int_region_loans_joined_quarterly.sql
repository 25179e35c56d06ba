-- Region-level green loans and all loans per quarter and statistics basis, with the green-loan share and which
-- basis each quarter prefers. Growth, which must not silently cross a change of basis, is computed in
-- fct_region_credit_quarterly with the link factors of int_credit_basis_links_chained.
-- A table, not a view (the intermediate layer's default): it sums every green-loan row into a few hundred, and
-- the link factors, the region mart (twice) and its tests each read it; as a view each would sum them again.

{{ config(materialized='table') }}

with

green_loans as (

    select * from {{ ref('stg_raw__green_loans') }}

),

total_loans as (

    select * from {{ ref('stg_raw__total_loans') }}

),

statistics_bases as (

    select * from {{ ref('statistics_bases') }}

),

green_by_region as (

    select
        region_code,
        period_end,
        statistics_basis,
        sum(balance_100m_cny) as green_loan_balance_100m_cny,
        count(distinct institution_code) as green_reporting_institutions,
        {{ rollup_provenance('provenance') }} as green_provenance,
        {{ rollup_submissions('submission_id') }} as green_submission_ids

    from green_loans
    group by region_code, period_end, statistics_basis

),

total_by_region as (

    select
        region_code,
        period_end,
        sum(balance_100m_cny) as total_loan_balance_100m_cny,
        count(distinct institution_code) as total_reporting_institutions,
        {{ rollup_provenance('provenance') }} as total_provenance,
        {{ rollup_submissions('submission_id') }} as total_submission_ids

    from total_loans
    group by region_code, period_end

),

region_quarters as (

    select
        green_by_region.*,
        total_by_region.total_loan_balance_100m_cny,
        total_by_region.total_reporting_institutions,
        100 * green_by_region.green_loan_balance_100m_cny
        / nullif(total_by_region.total_loan_balance_100m_cny, 0) as green_loan_share_pct,
        {{ combine_provenance(['green_by_region.green_provenance', 'total_by_region.total_provenance']) }}
            as provenance,
        {{ combine_submissions(['green_by_region.green_submission_ids', 'total_by_region.total_submission_ids']) }}
            as submission_ids,
        -- Where a quarter is reported on several bases, the newest basis is the one to show.
        row_number() over (
            partition by green_by_region.region_code, green_by_region.period_end
            order by statistics_bases.effective_from desc
        ) = 1 as is_preferred_basis

    from green_by_region
    left join total_by_region
        on total_by_region.region_code = green_by_region.region_code
            and total_by_region.period_end = green_by_region.period_end
    left join statistics_bases
        on statistics_bases.statistics_basis = green_by_region.statistics_basis

),

final as (

    select
        {{ surrogate_key(['region_code', 'period_end', 'statistics_basis']) }} as region_quarter_basis_key,
        *

    from region_quarters

)

select * from final
