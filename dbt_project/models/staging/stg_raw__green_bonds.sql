with

source as (

    select * from {{ source('raw', 'green_bonds') }}

),

unit_conversions as (

    select * from {{ ref('unit_conversions') }}

),

renamed as (

    select
        trim(bond_code) as bond_code,
        trim(bond_name) as bond_name,
        trim(issuer_name) as issuer_name,
        trim(region_code) as region_code,
        cast(trim(issue_date) as date) as issue_date,
        cast(trim(amount) as decimal(38, 10)) as amount_as_submitted,
        trim(amount_unit) as amount_unit_as_submitted,
        trim(bond_type) as bond_type_code,
        trim(market) as market_code,
        trim(provenance) as provenance,
        _source_file as source_file,
        _source_row as source_row,
        _submission_id as submission_id

    from source

),

final as (

    select
        renamed.*,
        {{ to_canonical_amount('renamed.amount_as_submitted', 'conversion') }} as amount_100m_cny

    from renamed
    left join unit_conversions as conversion
        on conversion.unit = renamed.amount_unit_as_submitted
            and conversion.canonical_unit = '亿元'

)

select * from final
