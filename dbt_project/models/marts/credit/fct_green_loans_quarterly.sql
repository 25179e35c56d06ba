with

green_loans as (

    select * from {{ ref('stg_raw__green_loans') }}

),

categories as (

    select * from {{ ref('green_loan_categories') }}

),

carbon_effects as (

    select * from {{ ref('carbon_effects') }}

),

final as (

    select
        green_loans.green_loan_key,
        green_loans.region_code,
        green_loans.institution_code,
        green_loans.period_end,
        green_loans.statistics_basis,
        green_loans.loan_use_category_code,
        categories.category_name_zh as loan_use_category_name_zh,
        categories.category_name_en as loan_use_category_name_en,
        green_loans.carbon_effect_code,
        carbon_effects.carbon_effect_name_zh,
        carbon_effects.carbon_effect_name_en,
        green_loans.balance_100m_cny,
        green_loans.balance_as_submitted,
        green_loans.amount_unit_as_submitted,
        green_loans.provenance,
        green_loans.source_file,
        green_loans.source_row,
        green_loans.submission_id

    from green_loans
    left join categories on categories.category_code = green_loans.loan_use_category_code
    left join carbon_effects on carbon_effects.carbon_effect_code = green_loans.carbon_effect_code

)

select * from final
