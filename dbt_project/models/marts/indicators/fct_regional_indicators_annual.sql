-- Annual regional statistics with the intensities the plan targets. Intensities use GDP at constant 2020
-- prices, so that inflation does not pass for efficiency; changes are measured against the baseline year.

with

indicators as (

    select * from {{ ref('int_regional_indicators_pivoted') }}

),

intensities as (

    select
        *,
        -- 万吨标准煤 / 亿元 is numerically 吨标准煤 / 万元.
        energy_consumption_10k_tce / nullif(gdp_constant_2020_100m_cny, 0) as energy_intensity_tce_per_10k_cny,
        co2_emissions_10k_t / nullif(gdp_constant_2020_100m_cny, 0) as co2_intensity_t_per_10k_cny

    from indicators

),

final as (

    select
        {{ surrogate_key(['current_year.region_code', 'current_year.year']) }} as region_year_key,
        current_year.*,
        100 * (
            current_year.energy_intensity_tce_per_10k_cny
            / nullif(baseline.energy_intensity_tce_per_10k_cny, 0) - 1
        ) as energy_intensity_change_vs_baseline_pct,
        100 * (
            current_year.co2_intensity_t_per_10k_cny
            / nullif(baseline.co2_intensity_t_per_10k_cny, 0) - 1
        ) as co2_intensity_change_vs_baseline_pct,
        {{ var('baseline_year') }} as baseline_year

    from intensities as current_year
    left join intensities as baseline
        on baseline.region_code = current_year.region_code
            and baseline.year = {{ var('baseline_year') }}

)

select * from final
