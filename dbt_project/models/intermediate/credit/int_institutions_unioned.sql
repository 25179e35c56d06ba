-- Every reporting institution: the seed's (seeds/institutions.csv) and the submitted ones. A submitted row
-- replaces the seed's row with the same code.

with

seeded as (

    select * from {{ ref('institutions') }}

),

submitted as (

    select * from {{ ref('stg_raw__institutions') }}

),

unioned as (

    select
        institution_code, region_code, institution_name_zh, institution_name_en, institution_type,
        'submission' as defined_by,
        submission_id

    from submitted

    union all

    select
        seeded.institution_code, cast(seeded.region_code as varchar), seeded.institution_name_zh,
        seeded.institution_name_en, seeded.institution_type,
        'seed',
        cast(null as bigint)

    from seeded
    where seeded.institution_code not in (select institution_code from submitted)

),

final as (

    select * from unioned

)

select * from final
