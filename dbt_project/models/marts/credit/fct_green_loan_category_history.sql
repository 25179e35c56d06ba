-- Each region's green loans by loan-use category as one history across the 2025 catalogue change
-- (seeds/green_loan_category_crosswalk.csv): a 2019 category with one successor in the 2025 catalogue is shown
-- under the successor's code before the change, so the category chart draws one line; a 2019 category that was
-- split ends at the change, and a 2025 category without a predecessor (green trade, green consumption) starts
-- there (continuity says which). Each quarter on its preferred basis, as reported: levels are not restated, so a
-- line may step at the change where the new catalogue is broader.
-- Grain: one row per region × quarter end × series category.

with

breakdown as (

    select * from {{ ref('fct_green_loan_breakdown_quarterly') }}

),

crosswalk as (

    select * from {{ ref('green_loan_category_crosswalk') }}

),

categories as (

    select * from {{ ref('green_loan_categories') }}

),

by_category as (

    select
        region_code,
        period_end,
        statistics_basis,
        loan_use_category_code,
        sum(balance_100m_cny) as balance_100m_cny,
        {{ rollup_provenance('provenance') }} as provenance

    from breakdown
    where is_preferred_basis
    group by region_code, period_end, statistics_basis, loan_use_category_code

),

successors as (

    select from_category_code, to_category_code
    from crosswalk
    where to_category_code is not null

),

mapped as (

    select
        by_category.*,
        coalesce(successors.to_category_code, by_category.loan_use_category_code) as series_category_code,
        case
            when successors.to_category_code is not null then 'continuous'
            when by_category.loan_use_category_code in (select successor.to_category_code from successors as successor)
                then 'continuous'
            when by_category.statistics_basis = 'GL2019' then 'ends_at_break'
            else 'starts_at_break'
        end as continuity

    from by_category
    left join successors on successors.from_category_code = by_category.loan_use_category_code

),

final as (

    select
        {{ surrogate_key(['mapped.region_code', 'mapped.period_end', 'mapped.series_category_code']) }}
            as category_history_key,
        mapped.region_code,
        mapped.period_end,
        mapped.series_category_code,
        series.category_name_zh as series_category_name_zh,
        series.category_name_en as series_category_name_en,
        series.sort_order + case series.statistics_basis when 'GF2025' then 0 else 100 end as series_sort_order,
        mapped.continuity,
        mapped.statistics_basis,
        mapped.loan_use_category_code as reported_category_code,
        mapped.balance_100m_cny,
        mapped.provenance

    from mapped
    inner join categories as series on series.category_code = mapped.series_category_code

)

select * from final
