with

total_loans as (

    select * from {{ ref('stg_raw__total_loans') }}

),

final as (

    select
        total_loan_key,
        region_code,
        institution_code,
        period_end,
        balance_100m_cny,
        balance_as_submitted,
        amount_unit_as_submitted,
        provenance,
        source_file,
        source_row,
        submission_id

    from total_loans

)

select * from final
