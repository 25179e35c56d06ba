with

tasks as (

    select * from {{ ref('task_ledger') }}

),

sections as (

    select * from {{ ref('plan_sections') }}

),

statuses as (

    select * from {{ ref('task_statuses') }}

),

task_departments as (

    select * from {{ ref('int_task_departments_split') }}

),

departments_by_task as (

    select
        task_no,
        max(department_name_zh) filter (where department_role = 'lead') as lead_department_zh,
        string_agg(department_name_zh, '、' order by listed_position)
            filter (where department_role = 'co') as co_departments_zh,
        count(*) as department_count

    from task_departments
    group by task_no

),

final as (

    select
        tasks.task_no,
        tasks.section_code,
        sections.part_title_zh,
        sections.part_title_en,
        sections.section_title_zh,
        sections.section_title_en,
        sections.sort_order as section_sort_order,
        tasks.task_title_zh,
        tasks.task_title_en,
        departments_by_task.lead_department_zh,
        departments_by_task.co_departments_zh,
        departments_by_task.department_count,
        tasks.responsible_departments as departments_as_listed_zh,
        tasks.status_code,
        statuses.status_name_zh,
        statuses.status_name_en,
        tasks.last_update,
        tasks.status_source,
        tasks.status_note

    from tasks
    left join sections on sections.section_code = tasks.section_code
    left join statuses on statuses.status_code = tasks.status_code
    left join departments_by_task on departments_by_task.task_no = tasks.task_no

)

select * from final
