-- Every region: the seed's (kept by hand in seeds/regions.csv) and the submitted ones. A submitted row
-- replaces the seed's row with the same code, so that a correction needs no edit of a committed file.

with

seeded as (

    select * from {{ ref('regions') }}

),

submitted as (

    select * from {{ ref('stg_raw__regions') }}

),

unioned as (

    select
        region_code, region_name_zh, region_name_en, province_zh, province_en, admin_level, is_pilot_zone,
        'submission' as defined_by,
        submission_id

    from submitted

    union all

    select
        cast(seeded.region_code as varchar), seeded.region_name_zh, seeded.region_name_en, seeded.province_zh,
        seeded.province_en, seeded.admin_level, seeded.is_pilot_zone,
        'seed',
        cast(null as bigint)

    from seeded
    where cast(seeded.region_code as varchar) not in (select region_code from submitted)

),

final as (

    select * from unioned

)

select * from final
