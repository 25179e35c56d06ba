-- Annual regional statistics turned from one row per indicator into one row per region and year, with the
-- accepted submission each indicator came from (null for the raw folder's files, e.g. the sample).

with

indicators as (

    select * from {{ ref('stg_raw__regional_indicators') }}

),

final as (

    select
        region_code,
        year,
        max(value) filter (where indicator_code = 'gdp_current_prices') as gdp_current_100m_cny,
        max(value) filter (where indicator_code = 'gdp_constant_2020_prices') as gdp_constant_2020_100m_cny,
        max(value) filter (where indicator_code = 'energy_consumption') as energy_consumption_10k_tce,
        max(value) filter (where indicator_code = 'co2_emissions') as co2_emissions_10k_t,
        max(value) filter (where indicator_code = 'non_fossil_energy_share') as non_fossil_energy_share_pct,
        max(value) filter (where indicator_code = 'forest_coverage') as forest_coverage_pct,
        max(value) filter (where indicator_code = 'forest_stock') as forest_stock_10k_m3,
        {{ rollup_provenance('provenance') }} as provenance,
        max(submission_id) filter (where indicator_code = 'gdp_current_prices') as gdp_current_prices_submission_id,
        max(submission_id) filter (where indicator_code = 'gdp_constant_2020_prices')
            as gdp_constant_2020_prices_submission_id,
        max(submission_id) filter (where indicator_code = 'energy_consumption') as energy_consumption_submission_id,
        max(submission_id) filter (where indicator_code = 'co2_emissions') as co2_emissions_submission_id,
        max(submission_id) filter (where indicator_code = 'non_fossil_energy_share')
            as non_fossil_energy_share_submission_id,
        max(submission_id) filter (where indicator_code = 'forest_coverage') as forest_coverage_submission_id,
        max(submission_id) filter (where indicator_code = 'forest_stock') as forest_stock_submission_id

    from indicators
    group by region_code, year

)

select * from final
