with

tasks as (

    select * from {{ ref('task_ledger') }}

),

sections as (

    select * from {{ ref('plan_sections') }}

),

resolved as (

    select * from {{ ref('int_task_statuses_resolved') }}

),

statuses as (

    select * from {{ ref('task_statuses') }}

),

task_departments as (

    select * from {{ ref('int_task_departments_split') }}

),

departments as (

    select * from {{ ref('departments') }}

),

departments_by_task as (

    -- The plan names the departments in Chinese, lead first; the English names are the departments seed's.
    select
        task_departments.task_no,
        max(task_departments.department_name_zh)
        filter (where task_departments.department_role = 'lead') as lead_department_zh,
        string_agg(task_departments.department_name_zh, '、' order by task_departments.listed_position)
        filter (where task_departments.department_role = 'co') as co_departments_zh,
        max(departments.department_name_en)
        filter (where task_departments.department_role = 'lead') as lead_department_en,
        string_agg(departments.department_name_en, '; ' order by task_departments.listed_position)
        filter (where task_departments.department_role = 'co') as co_departments_en,
        count(*) as department_count

    from task_departments
    left join departments on departments.department_name_zh = task_departments.department_name_zh
    group by task_departments.task_no

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
        departments_by_task.lead_department_en,
        departments_by_task.co_departments_en,
        departments_by_task.department_count,
        tasks.responsible_departments as departments_as_listed_zh,
        resolved.status_code,
        statuses.status_name_zh,
        statuses.status_name_en,
        statuses.sort_order as status_sort_order,
        resolved.last_update,
        resolved.status_source,
        resolved.status_source as provenance,
        resolved.status_note,
        resolved.is_reported,
        resolved.due_date,
        resolved.due_date_source,
        resolved.is_overdue,
        resolved.days_overdue,
        resolved.judged_on,
        resolved.required_quarter,
        resolved.last_reported_quarter,
        resolved.reporting_status,
        resolved.report_as_of_date,
        resolved.reporting_department,
        resolved.work_done,
        resolved.next_step,
        resolved.submission_id,
        resolved.source_file,
        resolved.source_row

    from tasks
    inner join resolved on resolved.task_no = tasks.task_no
    left join sections on sections.section_code = tasks.section_code
    left join statuses on statuses.status_code = resolved.status_code
    left join departments_by_task on departments_by_task.task_no = tasks.task_no

)

select * from final
