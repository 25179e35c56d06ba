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

final as (

    select
        task_departments.task_department_key,
        task_departments.task_no,
        task_departments.department_name_zh,
        departments.department_name_en,
        task_departments.department_role,
        task_departments.listed_position,
        tasks.status_code

    from task_departments
    left join departments on departments.department_name_zh = task_departments.department_name_zh
    left join tasks on tasks.task_no = task_departments.task_no

)

select * from final
