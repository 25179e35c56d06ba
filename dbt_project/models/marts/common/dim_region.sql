with

regions as (

    select * from {{ ref('int_regions_unioned') }}

),

parents as (

    select * from {{ ref('region_parents') }}

),

final as (

    select
        cast(regions.region_code as varchar) as region_code,
        region_name_zh,
        region_name_en,
        province_zh,
        province_en,
        admin_level,
        is_pilot_zone,
        parents.parent_region_code,
        defined_by,
        submission_id

    from regions
    left join parents on parents.region_code = cast(regions.region_code as varchar)

)

select * from final
