with

source as (

    select * from {{ source('raw', 'regional_indicators') }}

),

definitions as (

    select * from {{ ref('regional_indicator_definitions') }}

),

unit_conversions as (

    select * from {{ ref('unit_conversions') }}

),

renamed as (

    select
        trim(region_code) as region_code,
        cast(trim(year) as integer) as year,
        trim(indicator_code) as indicator_code,
        cast(trim(value) as decimal(38, 10)) as value_as_submitted,
        trim(unit) as unit_as_submitted,
        trim(provenance) as provenance,
        _source_file as source_file,
        _source_row as source_row,
        _submission_id as submission_id

    from source

),

final as (

    select
        {{ surrogate_key(['renamed.region_code', 'renamed.year', 'renamed.indicator_code']) }}
            as regional_indicator_key,
        renamed.*,
        {{ to_canonical_amount('renamed.value_as_submitted', 'conversion') }} as value,
        definitions.canonical_unit as unit

    from renamed
    left join definitions
        on definitions.indicator_code = renamed.indicator_code
    left join unit_conversions as conversion
        on conversion.unit = renamed.unit_as_submitted
            and conversion.canonical_unit = definitions.canonical_unit

)

select * from final
