-- Departments' progress reports on the plan's tasks, typed. The quarter a report belongs to is the one its
-- as-of date falls in: the slice a later report replaces (scripts/submission_format.coverage_key).

with

source as (

    select * from {{ source('raw', 'task_progress') }}

),

renamed as (

    select
        cast(trim(task_no) as integer) as task_no,
        trim(status_code) as status_code,
        cast(trim(as_of_date) as date) as as_of_date,
        nullif(trim(work_done), '') as work_done,
        nullif(trim(next_step), '') as next_step,
        trim(reporting_department) as reporting_department,
        trim(provenance) as provenance,
        _source_file as source_file,
        _source_row as source_row,
        _submission_id as submission_id

    from source

),

final as (

    select
        {{ surrogate_key(['renamed.task_no', 'renamed.as_of_date']) }} as task_report_key,
        renamed.*,
        {{ quarter_end('renamed.as_of_date') }} as report_quarter_end

    from renamed

)

select * from final
