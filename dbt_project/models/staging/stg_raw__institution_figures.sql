with

source as (

    select * from {{ source('raw', 'institution_figures') }}

),

definitions as (

    select * from {{ ref('institution_figure_definitions') }}

),

unit_conversions as (

    select * from {{ ref('unit_conversions') }}

),

renamed as (

    select
        trim(region_code) as region_code,
        trim(institution_code) as institution_code,
        cast(trim(period_end) as date) as period_end,
        trim(figure_code) as figure_code,
        cast(trim(value) as decimal(38, 10)) as value_as_submitted,
        trim(unit) as unit_as_submitted,
        nullif(trim(scored_by), '') as scored_by,
        cast(nullif(trim(scored_on), '') as date) as scored_on,
        trim(provenance) as provenance,
        _source_file as source_file,
        _source_row as source_row,
        _submission_id as submission_id

    from source

),

final as (

    select
        {{ surrogate_key(['renamed.institution_code', 'renamed.period_end', 'renamed.figure_code']) }}
            as institution_figure_key,
        renamed.*,
        {{ to_canonical_amount('renamed.value_as_submitted', 'conversion') }} as value,
        definitions.canonical_unit as unit,
        definitions.is_qualitative

    from renamed
    left join definitions
        on definitions.figure_code = renamed.figure_code
    left join unit_conversions as conversion
        on conversion.unit = renamed.unit_as_submitted
            and conversion.canonical_unit = definitions.canonical_unit

)

select * from final
