with

regions as (

    select * from {{ ref('regions') }}

),

final as (

    select
        cast(region_code as varchar) as region_code,
        region_name_zh,
        region_name_en,
        province_zh,
        province_en,
        admin_level,
        is_pilot_zone

    from regions

)

select * from final
