with

regions as (

    select * from {{ ref('int_regions_unioned') }}

),

final as (

    select
        cast(region_code as varchar) as region_code,
        region_name_zh,
        region_name_en,
        province_zh,
        province_en,
        admin_level,
        is_pilot_zone,
        defined_by,
        submission_id

    from regions

)

select * from final
