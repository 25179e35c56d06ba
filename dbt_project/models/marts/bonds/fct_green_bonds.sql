with

bonds as (

    select * from {{ ref('stg_raw__green_bonds') }}

),

bond_types as (

    select * from {{ ref('bond_types') }}

),

markets as (

    select * from {{ ref('bond_markets') }}

),

final as (

    select
        bonds.bond_code,
        bonds.bond_name,
        bonds.issuer_name,
        bonds.region_code,
        bonds.issue_date,
        bonds.amount_100m_cny,
        bonds.amount_as_submitted,
        bonds.amount_unit_as_submitted,
        bonds.bond_type_code,
        bond_types.bond_type_name_zh,
        bond_types.bond_type_name_en,
        bond_types.counts_toward_green_bond_target,
        bonds.market_code,
        markets.market_name_zh,
        markets.market_name_en,
        bonds.provenance,
        bonds.source_file,
        bonds.source_row,
        bonds.submission_id

    from bonds
    left join bond_types on bond_types.bond_type_code = bonds.bond_type_code
    left join markets on markets.market_code = bonds.market_code

)

select * from final
