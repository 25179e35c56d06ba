with

source as (

    select * from {{ source('raw', 'green_loans') }}

),

unit_conversions as (

    select * from {{ ref('unit_conversions') }}

),

renamed as (

    select
        trim(region_code) as region_code,
        trim(institution_code) as institution_code,
        cast(trim(period_end) as date) as period_end,
        trim(statistics_basis) as statistics_basis,
        trim(loan_use_category) as loan_use_category_code,
        trim(carbon_effect) as carbon_effect_code,
        cast(trim(balance) as decimal(38, 10)) as balance_as_submitted,
        trim(amount_unit) as amount_unit_as_submitted,
        trim(provenance) as provenance,
        _source_file as source_file,
        _source_row as source_row,
        _submission_id as submission_id

    from source

),

final as (

    select
        {{ surrogate_key(['renamed.region_code', 'renamed.institution_code', 'renamed.period_end',
                          'renamed.statistics_basis', 'renamed.loan_use_category_code',
                          'renamed.carbon_effect_code']) }} as green_loan_key,
        renamed.*,
        {{ to_canonical_amount('renamed.balance_as_submitted', 'conversion') }} as balance_100m_cny

    from renamed
    left join unit_conversions as conversion
        on conversion.unit = renamed.amount_unit_as_submitted
            and conversion.canonical_unit = '亿元'

)

select * from final
