-- Region totals per quarter and statistics basis with year-on-year growth that never silently crosses a change
-- of statistics basis: on the same basis where the year-earlier quarter exists on it; otherwise the year-earlier
-- figure restated on this quarter's basis with the link factors (int_credit_basis_links_chained, the one place
-- bridges are read), chain_linked; null (basis_break) where no link factor joins the two bases.

with

region_loans as (

    select * from {{ ref('int_region_loans_joined_quarterly') }}

),

basis_links as (

    select * from {{ ref('int_credit_basis_links_chained') }}

),

linked as (

    select
        region_loans.*,
        basis_links.link_factor,
        basis_links.bridge_period_end

    from region_loans
    left join basis_links
        on basis_links.region_code = region_loans.region_code
            and basis_links.statistics_basis = region_loans.statistics_basis

),

year_earlier as (

    -- The figure a year before each quarter: on the same basis if it was reported on it, else on the basis
    -- preferred then.
    select
        current_quarter.region_quarter_basis_key,
        earlier.statistics_basis = current_quarter.statistics_basis as is_same_basis,
        cast(earlier.green_loan_balance_100m_cny as double) as balance_100m_cny,
        -- All loans have no statistics basis of their own: every basis row carries the same figure.
        cast(earlier.total_loan_balance_100m_cny as double) as total_balance_100m_cny,
        -- The year-earlier figure on this quarter's basis: null without a link factor on both sides.
        cast(earlier.green_loan_balance_100m_cny as double)
        * current_quarter.link_factor / nullif(earlier.link_factor, 0) as restated_balance_100m_cny,
        -- The bridges passed between the two bases: the newest one up to this quarter's basis.
        case
            when earlier.statistics_basis <> current_quarter.statistics_basis then current_quarter.bridge_period_end
        end as bridge_period_end

    from linked as current_quarter
    inner join linked as earlier
        on earlier.region_code = current_quarter.region_code
            and earlier.period_end = current_quarter.period_end - interval 1 year
    qualify row_number() over (
            partition by current_quarter.region_quarter_basis_key
            order by earlier.statistics_basis = current_quarter.statistics_basis desc, earlier.is_preferred_basis desc
        ) = 1

),

quarterly_growth as (

    select
        linked.region_quarter_basis_key,
        linked.region_code,
        linked.period_end,
        linked.statistics_basis,
        linked.is_preferred_basis,
        linked.green_loan_balance_100m_cny,
        linked.total_loan_balance_100m_cny,
        linked.green_loan_share_pct,
        linked.link_factor,
        case
            when year_earlier.is_same_basis
                then 100 * (linked.green_loan_balance_100m_cny / nullif(year_earlier.balance_100m_cny, 0) - 1)
            else 100 * (linked.green_loan_balance_100m_cny / nullif(year_earlier.restated_balance_100m_cny, 0) - 1)
        end as yoy_growth_pct,
        case
            when year_earlier.is_same_basis then 'same_basis'
            when year_earlier.restated_balance_100m_cny is not null then 'chain_linked'
            when year_earlier.region_quarter_basis_key is not null then 'basis_break'
            else 'no_year_earlier_data'
        end as growth_method,
        case
            when not year_earlier.is_same_basis and year_earlier.restated_balance_100m_cny is not null
                then year_earlier.bridge_period_end
        end as growth_bridge_period_end,
        100 * (linked.total_loan_balance_100m_cny / nullif(year_earlier.total_balance_100m_cny, 0) - 1)
            as total_loan_yoy_growth_pct,
        linked.green_reporting_institutions,
        linked.total_reporting_institutions,
        linked.provenance,
        linked.submission_ids

    from linked
    left join year_earlier on year_earlier.region_quarter_basis_key = linked.region_quarter_basis_key

),

-- How PBoC releases compare the two: green-loan growth above (or below) all loans' growth, in points.
final as (

    select
        *,
        yoy_growth_pct - total_loan_yoy_growth_pct as growth_above_total_loans_pp

    from quarterly_growth

)

select * from final
