-- The target registry: every quantitative target of the Changshou plan, with its deadline and whether the
-- value has been set, and what its measure is (seeds/indicator_metadata.csv: definition, frequency, source,
-- reporting department, method). City-assigned targets (市级下达) without a value are 'not_set', never 0.

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

final as (

    select
        target_code,
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
        display_order

    from targets
    left join measures on measures.measure_code = targets.measure_code
    left join departments on departments.department_name_zh = measures.reporting_department_zh

)

select * from final
