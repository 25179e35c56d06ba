-- What each institution adds to its region's green-loan figures (the league page): its part of the region's
-- growth on a year earlier, in points of that growth, (its green loans − the same a year earlier, same basis)
-- / the region's green loans a year earlier; and its part of the region's share above or below the share
-- target, in points, (its green loans − target % × its all loans) / the region's all loans. Over a region's
-- institutions the first adds up to the region's growth and the second to its share less the target. The
-- target is the latest green-loan share target with a value that applies to the region (dim_region_target:
-- 15 % for the pilot zone's plan; none: empty). On the region's preferred basis.

with

institutions as (

    select * from {{ ref('fct_institution_credit_quarterly') }}

),

regions as (

    select * from {{ ref('fct_region_credit_quarterly') }}

),

region_targets as (

    select * from {{ ref('dim_region_target') }}

),

share_targets as (

    select
        region_code,
        arg_max(target_value, target_year) as share_target_pct

    from region_targets
    where measure_code = 'green_loan_share' and target_value is not null
    group by region_code

),

final as (

    select
        {{ surrogate_key(['institutions.institution_code', 'institutions.period_end']) }} as institution_quarter_key,
        institutions.region_code,
        institutions.institution_code,
        institutions.institution_name_zh,
        institutions.institution_name_en,
        institutions.period_end,
        institutions.green_loan_balance_100m_cny,
        {{ round_figure('100 * (institutions.green_loan_balance_100m_cny - year_earlier.green_loan_balance_100m_cny)
            / nullif(region_year_earlier.green_loan_balance_100m_cny, 0)') }} as growth_contribution_pp,
        cast(share_targets.share_target_pct as double) as share_target_pct,
        {{ round_figure('100 * (institutions.green_loan_balance_100m_cny
            - share_targets.share_target_pct / 100 * institutions.total_loan_balance_100m_cny)
            / nullif(region.total_loan_balance_100m_cny, 0)') }} as share_gap_contribution_pp,
        institutions.provenance

    from institutions
    inner join regions as region
        on
            region.region_code = institutions.region_code
            and region.period_end = institutions.period_end
            and region.statistics_basis = institutions.statistics_basis
    left join institutions as year_earlier
        on
            year_earlier.institution_code = institutions.institution_code
            and year_earlier.statistics_basis = institutions.statistics_basis
            and year_earlier.period_end = last_day(institutions.period_end - interval 1 year)
    left join regions as region_year_earlier
        on
            region_year_earlier.region_code = institutions.region_code
            and region_year_earlier.statistics_basis = institutions.statistics_basis
            and region_year_earlier.period_end = year_earlier.period_end
    left join share_targets on share_targets.region_code = institutions.region_code
    where institutions.is_preferred_basis

)

select * from final
