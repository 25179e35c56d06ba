-- Task statuses the departments report (seeds/task_statuses.csv). Grain: one row per task status.
-- The dashboard reads reference tables through the marts alone.

with

task_statuses as (

    select * from {{ ref('task_statuses') }}

),

final as (

    select * from task_statuses

)

select * from final
