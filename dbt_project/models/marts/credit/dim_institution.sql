with

institutions as (

    select * from {{ ref('int_institutions_unioned') }}

),

institution_types as (

    select * from {{ ref('institution_types') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

final as (

    select
        institutions.institution_code,
        cast(institutions.region_code as varchar) as region_code,
        regions.region_name_zh,
        regions.region_name_en,
        institutions.institution_name_zh,
        institutions.institution_name_en,
        institutions.institution_type,
        institution_types.type_name_zh as institution_type_name_zh,
        institution_types.type_name_en as institution_type_name_en,
        institutions.defined_by,
        institutions.submission_id

    from institutions
    left join institution_types on institution_types.institution_type = institutions.institution_type
    left join regions on regions.region_code = cast(institutions.region_code as varchar)

)

select * from final
