-- Normalised indicators for comparing regions of different size (a district vs a prefecture-level city).
-- Each metric is defined in seeds/comparison_metrics.csv as multiplier * numerator / denominator over the
-- region-year series below. Credit figures are taken at the last quarter reported in each year, on the
-- preferred statistics basis; ratios to GDP need a year-end balance and that year's GDP, so they appear only once
-- GDP is published.

with

credit_quarters as (

    select * from {{ ref('fct_region_credit_quarterly') }}

),

indicators as (

    select * from {{ ref('fct_regional_indicators_annual') }}

),

bonds_issued as (

    select * from {{ ref('fct_green_bonds') }}

),

metric_definitions as (

    select * from {{ ref('comparison_metrics') }}

),

credit as (

    select
        *,
        year(period_end) as year

    from credit_quarters
    where is_preferred_basis
    qualify row_number() over (partition by region_code, year(period_end) order by period_end desc) = 1

),

bonds as (

    select
        region_code,
        year(issue_date) as year,
        sum(amount_100m_cny) filter (where counts_toward_green_bond_target) as issuance_100m_cny,
        {{ rollup_provenance('provenance') }} as provenance

    from bonds_issued
    group by region_code, year(issue_date)

),

region_years as (

    select region_code, year from credit
    union
    select region_code, year from indicators

),

series as (

    -- Every figure a metric may be built from, one row per region, year and series; a null is no figure.
    unpivot (
        select
            region_code,
            year,
            period_end as as_of_date,
            provenance,
            cast(green_loan_share_pct as double) as green_loan_share_pct,
            cast(yoy_growth_pct as double) as green_loan_yoy_growth_pct,
            cast(case when month(period_end) = 12 then green_loan_balance_100m_cny end as double)
                as green_loan_balance_year_end_100m_cny
        from credit
    ) on green_loan_share_pct, green_loan_yoy_growth_pct, green_loan_balance_year_end_100m_cny
    into name series_code value value

    union all by name

    unpivot (
        select
            region_code,
            year,
            make_date(year, 12, 31) as as_of_date,
            provenance,
            cast(gdp_current_100m_cny as double) as gdp_current_100m_cny,
            cast(energy_intensity_change_vs_baseline_pct as double) as energy_intensity_change_vs_baseline_pct,
            cast(forest_coverage_pct as double) as forest_coverage_pct
        from indicators
    ) on gdp_current_100m_cny, energy_intensity_change_vs_baseline_pct, forest_coverage_pct
    into name series_code value value

    union all by name

    -- A year with no green bond issued has issued 0, not nothing.
    select
        region_years.region_code,
        region_years.year,
        make_date(region_years.year, 12, 31) as as_of_date,
        bonds.provenance,
        'green_bond_issuance_100m_cny' as series_code,
        cast(coalesce(bonds.issuance_100m_cny, 0) as double) as value

    from region_years
    left join bonds on bonds.region_code = region_years.region_code and bonds.year = region_years.year

),

metrics as (

    select
        region_years.region_code,
        region_years.year,
        metric_definitions.metric_code,
        metric_definitions.multiplier * numerator.value
        / case
            when metric_definitions.denominator_series is null then 1.0
            else nullif(denominator.value, 0)
        end as value,
        numerator.as_of_date,
        {{ combine_provenance(['numerator.provenance', 'denominator.provenance']) }} as provenance

    from region_years
    cross join metric_definitions
    left join series as numerator
        on numerator.region_code = region_years.region_code
            and numerator.year = region_years.year
            and numerator.series_code = metric_definitions.numerator_series
    left join series as denominator
        on denominator.region_code = region_years.region_code
            and denominator.year = region_years.year
            and denominator.series_code = metric_definitions.denominator_series

),

final as (

    select
        {{ surrogate_key(['metrics.region_code', 'metrics.year', 'metrics.metric_code']) }} as comparison_key,
        metrics.region_code,
        metrics.year,
        metrics.metric_code,
        metric_definitions.metric_name_zh,
        metric_definitions.metric_name_en,
        metrics.value,
        metric_definitions.unit,
        metric_definitions.sort_order as metric_sort_order,
        metrics.as_of_date,
        metrics.provenance

    from metrics
    inner join metric_definitions on metric_definitions.metric_code = metrics.metric_code
    -- A metric without a value for a region and year has no data yet (e.g. GDP not yet published).
    where metrics.value is not null

)

select * from final
