-- How a green-loan figure on one statistics basis compares with the same figure on the region's oldest basis,
-- chained through bridge quarters (quarters reported on both a basis and the one before it). Progress toward a
-- target measures growth from a 2020 baseline, reported on the old basis, to a latest value that may be on the
-- new one: multiplying the baseline by link_factor puts both on the latest value's basis, so a wider
-- catalogue is not counted as growth. No bridge, no factor (null): growth across that break is not computed.

with

credit as (

    select * from {{ ref('int_region_loans_joined_quarterly') }}

),

statistics_bases as (

    select * from {{ ref('statistics_bases') }}

),

region_bases as (

    select distinct
        credit.region_code,
        credit.statistics_basis,
        statistics_bases.effective_from

    from credit
    left join statistics_bases on statistics_bases.statistics_basis = credit.statistics_basis

),

ordered_bases as (

    select
        *,
        lag(statistics_basis) over (partition by region_code order by effective_from) as previous_basis

    from region_bases

),

bridge_ratios as (

    -- The first quarter reported on both the basis and the one before it: the official bridge.
    select
        ordered_bases.region_code,
        ordered_bases.statistics_basis,
        newer.period_end as bridge_period_end,
        cast(newer.green_loan_balance_100m_cny as double)
        / nullif(cast(older.green_loan_balance_100m_cny as double), 0) as bridge_ratio

    from ordered_bases
    inner join credit as newer
        on newer.region_code = ordered_bases.region_code
            and newer.statistics_basis = ordered_bases.statistics_basis
    inner join credit as older
        on older.region_code = ordered_bases.region_code
            and older.statistics_basis = ordered_bases.previous_basis
            and older.period_end = newer.period_end
    qualify row_number() over (
            partition by ordered_bases.region_code, ordered_bases.statistics_basis
            order by newer.period_end
        ) = 1

),

step_ratios as (

    select
        ordered_bases.region_code,
        ordered_bases.statistics_basis,
        ordered_bases.previous_basis,
        ordered_bases.effective_from,
        bridge_ratios.bridge_period_end,
        case when ordered_bases.previous_basis is null then 1.0 else bridge_ratios.bridge_ratio end as step_ratio

    from ordered_bases
    left join bridge_ratios
        on bridge_ratios.region_code = ordered_bases.region_code
            and bridge_ratios.statistics_basis = ordered_bases.statistics_basis

),

final as (

    select
        {{ surrogate_key(['region_code', 'statistics_basis']) }} as region_basis_key,
        region_code,
        statistics_basis,
        previous_basis,
        bridge_period_end,
        step_ratio,
        -- The product of the step ratios so far; one missing or non-positive step breaks the chain for good.
        case
            when bool_and(coalesce(step_ratio > 0, false)) over chain
                then round(exp(sum(ln(case when step_ratio > 0 then step_ratio end)) over chain), 10)
        end as link_factor

    from step_ratios
    window chain as (partition by region_code order by effective_from rows between unbounded preceding and current row)

)

select * from final
