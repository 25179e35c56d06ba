-- Institutions added or corrected by a submission (the seeds hold the rest: int_institutions_unioned).

with

source as (

    select * from {{ source('raw', 'institutions') }}

),

final as (

    select
        trim(institution_code) as institution_code,
        trim(region_code) as region_code,
        trim(institution_name_zh) as institution_name_zh,
        trim(institution_name_en) as institution_name_en,
        trim(institution_type) as institution_type,
        trim(provenance) as provenance,
        _source_file as source_file,
        _source_row as source_row,
        _submission_id as submission_id

    from source

)

select * from final
