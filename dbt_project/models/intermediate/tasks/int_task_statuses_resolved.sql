-- One row per task: its status from the latest progress report (official when a department reported it),
-- else the ledger's placeholder status (sample); its due date; whether it is overdue; and whether it has been
-- reported for the latest completed quarter.
--
-- Both judgements are made as of today (the build date; the var `today` fixes it for the unit tests), not as
-- of the last report's date: a task reported "in progress" before its due date is still overdue once the
-- date has passed and nobody has reported it completed, and "not reported" is about the quarter that has
-- just ended, whatever was reported before it.

{{ config(tags=['judged_today']) }}

with

tasks as (

    select * from {{ ref('task_ledger') }}

),

reports as (

    select * from {{ ref('stg_raw__task_progress') }}

),

ranked_reports as (

    select
        reports.*,
        row_number() over (
            partition by reports.task_no
            order by reports.as_of_date desc, reports.submission_id desc nulls last, reports.source_row desc
        ) as recency

    from reports

),

latest_reports as (

    select * from ranked_reports where recency = 1

),

judged_on as (

    select
        {{ judged_today() }} as judged_on,
        -- the quarter that has ended most recently: the day before today's quarter began
        cast(date_trunc('quarter', {{ judged_today() }}) - interval 1 day as date) as required_quarter_end

),

resolved as (

    select
        tasks.task_no,
        coalesce(latest_reports.status_code, tasks.status_code) as status_code,
        coalesce(latest_reports.provenance, tasks.status_source) as status_source,
        latest_reports.task_no is not null as is_reported,
        coalesce(latest_reports.as_of_date, tasks.last_update) as last_update,
        -- the ledger's note describes its placeholder, not a department's report
        case when latest_reports.task_no is null then tasks.status_note end as status_note,
        coalesce(tasks.due_date, cast('{{ var("plan_period_end") }}' as date)) as due_date,
        case when tasks.due_date is null then 'plan_period' else 'task' end as due_date_source,
        latest_reports.as_of_date as report_as_of_date,
        latest_reports.report_quarter_end as last_reported_quarter_end,
        latest_reports.work_done,
        latest_reports.next_step,
        latest_reports.reporting_department,
        latest_reports.submission_id,
        latest_reports.source_file,
        latest_reports.source_row,
        judged_on.judged_on,
        judged_on.required_quarter_end

    from tasks
    cross join judged_on
    left join latest_reports on latest_reports.task_no = tasks.task_no

),

final as (

    select
        resolved.*,
        resolved.status_code <> 'completed' and resolved.due_date < resolved.judged_on as is_overdue,
        case
            when resolved.status_code <> 'completed' and resolved.due_date < resolved.judged_on
                then resolved.judged_on - resolved.due_date
        end as days_overdue,
        case
            when resolved.last_reported_quarter_end is not null
                then year(resolved.last_reported_quarter_end) || 'Q' || quarter(resolved.last_reported_quarter_end)
        end as last_reported_quarter,
        year(resolved.required_quarter_end) || 'Q' || quarter(resolved.required_quarter_end) as required_quarter,
        case
            when resolved.last_reported_quarter_end >= resolved.required_quarter_end then 'reported'
            else 'not_reported'
        end as reporting_status

    from resolved

)

select * from final
