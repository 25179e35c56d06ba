with

task_departments as (

    select * from {{ ref('int_task_departments_split') }}

),

departments as (

    select * from {{ ref('departments') }}

),

tasks as (

    select * from {{ ref('int_task_statuses_resolved') }}

),

statuses as (

    select * from {{ ref('task_statuses') }}

),

final as (

    select
        task_departments.task_department_key,
        task_departments.task_no,
        task_departments.department_name_zh,
        departments.department_name_en,
        task_departments.department_role,
        task_departments.listed_position,
        tasks.status_code,
        statuses.status_name_zh,
        statuses.status_name_en,
        statuses.sort_order as status_sort_order

    from task_departments
    left join departments on departments.department_name_zh = task_departments.department_name_zh
    left join tasks on tasks.task_no = task_departments.task_no
    left join statuses on statuses.status_code = tasks.status_code

)

select * from final
