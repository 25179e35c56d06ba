-- Regions added or corrected by a submission (the seeds hold the rest: int_regions_unioned).

with

source as (

    select * from {{ source('raw', 'regions') }}

),

final as (

    select
        trim(region_code) as region_code,
        trim(region_name_zh) as region_name_zh,
        trim(region_name_en) as region_name_en,
        trim(province_zh) as province_zh,
        trim(province_en) as province_en,
        trim(admin_level) as admin_level,
        cast(trim(is_pilot_zone) as boolean) as is_pilot_zone,
        trim(provenance) as provenance,
        _source_file as source_file,
        _source_row as source_row,
        _submission_id as submission_id

    from source

)

select * from final
