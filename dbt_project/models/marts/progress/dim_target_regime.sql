-- The plan documents the targets come from (seeds/target_regimes.csv), each with its deadline: the 2025
-- district plan ended on 2025-12-31, the 2027 city plan and the 2030 national plan run on, and the district's
-- own targets from 2026 are awaited (their values not set). Whether a regime has ended depends on the quarter
-- the picture is taken at (fct_target_scorecard).

with

regimes as (

    select * from {{ ref('target_regimes') }}

),

final as (

    select
        regime_code,
        plan_title_zh,
        plan_title_en,
        issuing_body_zh,
        issuing_body_en,
        document_number,
        issued,
        region_scope,
        scope_region_code,
        deadline_year,
        make_date(deadline_year, 12, 31) as regime_deadline,
        regime_status,
        source_document,
        source_checked,
        display_order

    from regimes

)

select * from final
