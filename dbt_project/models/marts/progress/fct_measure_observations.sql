-- Every observation of every measure the target registry refers to, in one long table: the series that
-- target-progress analytics and the dashboard's target cards read. Which series each measure is, and its unit,
-- are seeds/indicator_metadata.csv's (source_series, unit); this model lays the source marts' series out long.
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

measures as (

    select * from {{ ref('indicator_metadata') }}

),

bond_count_from as (

    select min(cumulative_from) as cumulative_from
    from targets
    where measure_code = 'green_bond_issuance' and target_kind = 'cumulative'

),

credit_series as (

    select
        region_code,
        period_end,
        'quarterly' as frequency,
        statistics_basis,
        yoy_growth_pct,
        growth_method,
        provenance,
        submission_ids,
        link_factor,
        cast(green_loan_balance_100m_cny as double) as green_loan_balance_100m_cny,
        green_loan_share_pct

    from credit
    where is_preferred_basis

),

credit_observations as (

    unpivot credit_series
    on green_loan_balance_100m_cny, green_loan_share_pct
    into name series_code value value

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
        'cumulative_issuance_100m_cny' as series_code,
        cast(bond_quarters.quarter_start + interval 3 month - interval 1 day as date) as period_end,
        cast(coalesce(sum(bonds.amount_100m_cny) filter (where bonds.counts_toward_green_bond_target), 0) as double)
            as value,
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

    -- Each series with the submissions its figure comes from: an intensity from its numerator's and GDP's.
    from (
        select
            region_code,
            make_date(year, 12, 31) as period_end,
            'annual' as frequency,
            provenance,
            energy_intensity_tce_per_10k_cny,
            {{ combine_submissions(['energy_consumption_submission_id',
                                    'gdp_constant_2020_prices_submission_id']) }} as energy_intensity_submission_ids,
            co2_intensity_t_per_10k_cny,
            {{ combine_submissions(['co2_emissions_submission_id',
                                    'gdp_constant_2020_prices_submission_id']) }} as co2_intensity_submission_ids,
            cast(non_fossil_energy_share_pct as double) as non_fossil_energy_share_pct,
            cast(non_fossil_energy_share_submission_id as varchar) as non_fossil_energy_share_submission_ids,
            cast(forest_coverage_pct as double) as forest_coverage_pct,
            cast(forest_coverage_submission_id as varchar) as forest_coverage_submission_ids,
            cast(forest_stock_10k_m3 as double) as forest_stock_10k_m3,
            cast(forest_stock_submission_id as varchar) as forest_stock_submission_ids
        from indicators
    )
    unpivot include nulls (
        (value, submission_ids) for series_code in (
            (energy_intensity_tce_per_10k_cny, energy_intensity_submission_ids) as energy_intensity_tce_per_10k_cny,
            (co2_intensity_t_per_10k_cny, co2_intensity_submission_ids) as co2_intensity_t_per_10k_cny,
            (non_fossil_energy_share_pct, non_fossil_energy_share_submission_ids) as non_fossil_energy_share_pct,
            (forest_coverage_pct, forest_coverage_submission_ids) as forest_coverage_pct,
            (forest_stock_10k_m3, forest_stock_submission_ids) as forest_stock_10k_m3
        )
    )

),

unioned as (

    -- by name: columns only credit has (basis, growth) are null for the other measures
    select * from credit_observations
    union all by name
    select * from bond_observations
    union all by name
    select * from annual_observations

),

observations as (

    select
        unioned.region_code,
        measures.measure_code,
        unioned.period_end,
        unioned.value,
        measures.unit,
        unioned.frequency,
        unioned.statistics_basis,
        unioned.yoy_growth_pct,
        unioned.growth_method,
        unioned.link_factor,
        unioned.provenance,
        unioned.submission_ids

    from unioned
    inner join measures on measures.source_series = unioned.series_code

),

final as (

    select
        {{ surrogate_key(['region_code', 'measure_code', 'period_end']) }} as observation_key,
        *

    from observations
    -- A measure a region has not reported for a period is absent, never zero.
    where value is not null

)

select * from final
