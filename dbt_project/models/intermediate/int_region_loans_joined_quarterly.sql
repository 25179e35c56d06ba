-- Region-level green loans and all loans per quarter and statistics basis, with the green-loan share and
-- year-on-year growth. Growth never silently crosses a change of statistics basis: it is computed on the same
-- basis where the year-earlier quarter exists on it, chain-linked through a quarter reported on both bases
-- otherwise, and left null (growth_method = 'basis_break') where neither is possible.

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

bridges as (

    -- Quarters reported on two bases: the overlap that links the old series to the new one.
    select
        newer.region_code,
        newer.period_end as bridge_period_end,
        newer.statistics_basis as newer_basis,
        older.statistics_basis as older_basis,
        newer.green_loan_balance_100m_cny as bridge_balance_newer_basis,
        older.green_loan_balance_100m_cny as bridge_balance_older_basis

    from region_quarters as newer
    inner join region_quarters as older
        on older.region_code = newer.region_code
            and older.period_end = newer.period_end
            and older.statistics_basis <> newer.statistics_basis
    where not older.is_preferred_basis

),

chain_linked as (

    select
        current_quarter.region_code,
        current_quarter.period_end,
        current_quarter.statistics_basis,
        bridges.bridge_period_end,
        100 * (
            (current_quarter.green_loan_balance_100m_cny / nullif(bridges.bridge_balance_newer_basis, 0))
            * (bridges.bridge_balance_older_basis / nullif(year_earlier.green_loan_balance_100m_cny, 0))
            - 1
        ) as chain_linked_growth_pct

    from region_quarters as current_quarter
    inner join bridges
        on bridges.region_code = current_quarter.region_code
            and bridges.newer_basis = current_quarter.statistics_basis
            and bridges.bridge_period_end <= current_quarter.period_end
            and bridges.bridge_period_end > current_quarter.period_end - interval 1 year
    inner join region_quarters as year_earlier
        on year_earlier.region_code = current_quarter.region_code
            and year_earlier.statistics_basis = bridges.older_basis
            and year_earlier.period_end = current_quarter.period_end - interval 1 year
    qualify row_number() over (
            partition by current_quarter.region_code, current_quarter.period_end, current_quarter.statistics_basis
            order by bridges.bridge_period_end desc
        ) = 1

),

final as (

    select
        {{ surrogate_key(['region_quarters.region_code', 'region_quarters.period_end',
                          'region_quarters.statistics_basis']) }} as region_quarter_basis_key,
        region_quarters.*,
        same_basis.green_loan_balance_100m_cny as year_earlier_balance_same_basis_100m_cny,
        case
            when same_basis.green_loan_balance_100m_cny is not null
                then 100 * (
                        region_quarters.green_loan_balance_100m_cny
                        / nullif(same_basis.green_loan_balance_100m_cny, 0) - 1
                    )
            else chain_linked.chain_linked_growth_pct
        end as yoy_growth_pct,
        case
            when same_basis.green_loan_balance_100m_cny is not null then 'same_basis'
            when chain_linked.chain_linked_growth_pct is not null then 'chain_linked'
            when exists (
                    select 1 from region_quarters as any_basis
                    where any_basis.region_code = region_quarters.region_code
                        and any_basis.period_end = region_quarters.period_end - interval 1 year
                ) then 'basis_break'
            else 'no_year_earlier_data'
        end as growth_method,
        chain_linked.bridge_period_end as growth_bridge_period_end

    from region_quarters
    left join region_quarters as same_basis
        on same_basis.region_code = region_quarters.region_code
            and same_basis.statistics_basis = region_quarters.statistics_basis
            and same_basis.period_end = region_quarters.period_end - interval 1 year
    left join chain_linked
        on chain_linked.region_code = region_quarters.region_code
            and chain_linked.period_end = region_quarters.period_end
            and chain_linked.statistics_basis = region_quarters.statistics_basis

)

select * from final
