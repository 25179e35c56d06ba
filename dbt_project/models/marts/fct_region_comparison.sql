-- Normalised indicators for comparing regions of different size (a district vs a prefecture-level city).
-- Credit figures are taken at the last quarter reported in each year, on the preferred statistics basis;
-- ratios to GDP need a year-end balance and that year's GDP, so they appear only once GDP is published.

{%- set metrics = [
    {'code': 'green_loan_share', 'value': 'credit.green_loan_share_pct',
     'as_of': 'credit.period_end', 'provenance': ['credit.provenance']},
    {'code': 'green_loan_yoy_growth', 'value': 'credit.yoy_growth_pct',
     'as_of': 'credit.period_end', 'provenance': ['credit.provenance']},
    {'code': 'green_loans_per_gdp',
     'value': "case when month(credit.period_end) = 12 then 100 * credit.green_loan_balance_100m_cny / nullif(indicators.gdp_current_100m_cny, 0) end",
     'as_of': 'credit.period_end', 'provenance': ['credit.provenance', 'indicators.provenance']},
    {'code': 'energy_intensity_change_vs_2020', 'value': 'indicators.energy_intensity_change_vs_baseline_pct',
     'as_of': 'make_date(region_years.year, 12, 31)', 'provenance': ['indicators.provenance']},
    {'code': 'forest_coverage', 'value': 'indicators.forest_coverage_pct',
     'as_of': 'make_date(region_years.year, 12, 31)', 'provenance': ['indicators.provenance']},
    {'code': 'green_bond_issuance_per_gdp',
     'value': '100 * coalesce(bonds.issuance_100m_cny, 0) / nullif(indicators.gdp_current_100m_cny, 0)',
     'as_of': 'make_date(region_years.year, 12, 31)', 'provenance': ['bonds.provenance', 'indicators.provenance']},
] %}

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

metrics as (

    {% for metric in metrics %}
        select
            region_years.region_code,
            region_years.year,
            '{{ metric.code }}' as metric_code,
            cast({{ metric.value }} as double) as value,
            {{ metric.as_of }} as as_of_date,
            {{ combine_provenance(metric.provenance) }} as provenance

        from region_years
        left join credit on credit.region_code = region_years.region_code and credit.year = region_years.year
        left join indicators
            on indicators.region_code = region_years.region_code and indicators.year = region_years.year
        left join bonds on bonds.region_code = region_years.region_code and bonds.year = region_years.year
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

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
        metrics.as_of_date,
        metrics.provenance

    from metrics
    inner join metric_definitions on metric_definitions.metric_code = metrics.metric_code
    -- A metric without a value for a region and year has no data yet (e.g. GDP not yet published).
    where metrics.value is not null

)

select * from final
