-- The plan lists each task's responsible departments in one string, lead department first, separated by
-- 、 (and, twice, by ，). One row per task and department, keeping the plan's order.

with

tasks as (

    select * from {{ ref('task_ledger') }}

),

split as (

    select
        task_no,
        string_split_regex(responsible_departments, '[、，]') as departments

    from tasks

),

unnested as (

    select
        task_no,
        trim(unnest(departments)) as department_name_zh,
        generate_subscripts(departments, 1) as listed_position

    from split

),

final as (

    select
        {{ surrogate_key(['task_no', 'department_name_zh']) }} as task_department_key,
        task_no,
        department_name_zh,
        listed_position,
        case when listed_position = 1 then 'lead' else 'co' end as department_role

    from unnested

)

select * from final
