-- The target registry: every quantitative target of every target regime (the 2025 district plan, the 2027
-- city plan, the 2030 national plan, the district's targets from 2026), with its plan document, deadline and
-- whether the value has been set, and what its measure is (seeds/indicator_metadata.csv: definition,
-- frequency, source, reporting department, method). Targets without a value (市级下达, or awaited from the
-- district) are 'not_set', never 0.

with

targets as (

    select * from {{ ref('target_registry') }}

),

measures as (

    select * from {{ ref('indicator_metadata') }}

),

departments as (

    select * from {{ ref('departments') }}

),

regimes as (

    select * from {{ ref('dim_target_regime') }}

),

final as (

    select
        target_code,
        targets.regime_code,
        regimes.plan_title_zh,
        regimes.plan_title_en,
        regimes.issuing_body_zh,
        regimes.issuing_body_en,
        regimes.region_scope,
        regimes.source_document,
        regimes.source_checked,
        targets.measure_code,
        clause_ref,
        target_kind,
        direction,
        comparison,
        target_value,
        target_unit,
        case when target_value is null then 'not_set' else 'set' end as target_value_status,
        baseline_year,
        make_date(baseline_year, 12, 31) as baseline_date,
        plan_baseline_value,
        target_year,
        make_date(target_year, 12, 31) as target_deadline,
        cumulative_from,
        set_for_region_code,
        applies_to_all_regions,
        set_by,
        target_name_zh,
        target_name_en,
        plan_wording_zh,
        note_zh,
        note_en,
        measures.definition_zh,
        measures.definition_en,
        measures.frequency,
        measures.raw_source,
        measures.reporting_department_zh,
        departments.department_name_en as reporting_department_en,
        measures.method_zh,
        measures.method_en,
        targets.display_order

    from targets
    left join measures on measures.measure_code = targets.measure_code
    left join departments on departments.department_name_zh = measures.reporting_department_zh
    left join regimes on regimes.regime_code = targets.regime_code

)

select * from final
