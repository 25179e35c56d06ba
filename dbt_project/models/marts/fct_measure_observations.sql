-- Every observation of every measure the target registry refers to, in the target's unit, in one long table:
-- the series that target-progress analytics and the dashboard's target cards read.
-- Green loans use the preferred statistics basis of each quarter. Green-bond issuance is the running total at
-- each quarter end since the date the cumulative target counts from, up to the date the bond register is
-- complete to: the register has no reporting date of its own, so it is taken to be as complete as the region's
-- latest quarter of credit statistics (the same statistical round), or its latest issue if that is later.

with

credit as (

    select * from {{ ref('fct_region_credit_quarterly') }}

),

indicators as (

    select * from {{ ref('fct_regional_indicators_annual') }}

),

bonds as (

    select * from {{ ref('fct_green_bonds') }}

),

targets as (

    select * from {{ ref('dim_indicator') }}

),

bond_count_from as (

    select min(cumulative_from) as cumulative_from
    from targets
    where measure_code = 'green_bond_issuance' and target_kind = 'cumulative'

),

credit_observations as (

    select
        region_code,
        measure_code,
        period_end,
        value,
        unit,
        'quarterly' as frequency,
        statistics_basis,
        yoy_growth_pct,
        growth_method,
        provenance,
        submission_ids

    from credit
    cross join (
        values ('green_loan_balance', '亿元'), ('green_loan_share', '%')
    ) as measures (measure_code, unit)
    cross join
        lateral (
            select case measure_code
                when 'green_loan_balance' then cast(green_loan_balance_100m_cny as double)
                else green_loan_share_pct
            end as value
        )
    where is_preferred_basis

),

register_complete_to as (

    select
        bonds.region_code,
        last_day(date_trunc('quarter', greatest(max(bonds.issue_date), max(credit.period_end))) + interval 2 month)
            as complete_to,
        {{ rollup_provenance('bonds.provenance') }} as register_provenance

    from bonds
    left join credit on credit.region_code = bonds.region_code
    group by bonds.region_code

),

bond_quarters as (

    select
        register_complete_to.region_code,
        register_complete_to.register_provenance,
        unnest(generate_series(
            date_trunc('quarter', bond_count_from.cumulative_from),
            date_trunc('quarter', register_complete_to.complete_to),
            interval 3 month
        )) as quarter_start

    from register_complete_to
    cross join bond_count_from

),

bond_observations as (

    select
        bond_quarters.region_code,
        'green_bond_issuance' as measure_code,
        cast(bond_quarters.quarter_start + interval 3 month - interval 1 day as date) as period_end,
        cast(coalesce(sum(bonds.amount_100m_cny) filter (where bonds.counts_toward_green_bond_target), 0) as double)
            as value,
        '亿元' as unit,
        'quarterly' as frequency,
        -- A quarter before the first issue still rests on the register: take the provenance of all its rows.
        case
            when count(bonds.bond_code) = 0 then any_value(bond_quarters.register_provenance)
            else {{ rollup_provenance('bonds.provenance') }}
        end as provenance,
        {{ rollup_submissions('bonds.submission_id') }} as submission_ids

    from bond_quarters
    cross join bond_count_from
    left join bonds
        on bonds.region_code = bond_quarters.region_code
            and bonds.issue_date >= bond_count_from.cumulative_from
            and bonds.issue_date < bond_quarters.quarter_start + interval 3 month
    group by bond_quarters.region_code, bond_quarters.quarter_start

),

annual_observations as (

    select
        indicators.region_code,
        measures.measure_code,
        make_date(indicators.year, 12, 31) as period_end,
        case measures.measure_code
            when 'energy_intensity' then indicators.energy_intensity_tce_per_10k_cny
            when 'co2_intensity' then indicators.co2_intensity_t_per_10k_cny
            when 'non_fossil_energy_share' then cast(indicators.non_fossil_energy_share_pct as double)
            when 'forest_coverage' then cast(indicators.forest_coverage_pct as double)
            when 'forest_stock' then cast(indicators.forest_stock_10k_m3 as double)
        end as value,
        measures.unit,
        'annual' as frequency,
        indicators.provenance,
        case measures.measure_code
            when 'energy_intensity' then {{ combine_submissions(['indicators.energy_consumption_submission_id',
                                                                  'indicators.gdp_constant_2020_prices_submission_id']) }}
            when 'co2_intensity' then {{ combine_submissions(['indicators.co2_emissions_submission_id',
                                                               'indicators.gdp_constant_2020_prices_submission_id']) }}
            when 'non_fossil_energy_share' then cast(indicators.non_fossil_energy_share_submission_id as varchar)
            when 'forest_coverage' then cast(indicators.forest_coverage_submission_id as varchar)
            when 'forest_stock' then cast(indicators.forest_stock_submission_id as varchar)
        end as submission_ids

    from indicators
    cross join (
        values
        ('energy_intensity', '吨标准煤/万元'),
        ('co2_intensity', '吨/万元'),
        ('non_fossil_energy_share', '%'),
        ('forest_coverage', '%'),
        ('forest_stock', '万立方米')
    ) as measures (measure_code, unit)

),

unioned as (

    -- by name: columns only credit has (basis, growth) are null for the other measures
    select * from credit_observations
    union all by name
    select * from bond_observations
    union all by name
    select * from annual_observations

),

final as (

    select
        {{ surrogate_key(['region_code', 'measure_code', 'period_end']) }} as observation_key,
        *

    from unioned
    -- A measure a region has not reported for a period is absent, never zero.
    where value is not null

)

select * from final
