-- The data stewards' accepted submissions and how much of each is still in use: a later submission for the
-- same slices (a region's quarter, a region's indicator for a year) replaces an earlier one at load time,
-- while the earlier file stays in the history.

with

submissions as (

    select * from {{ ref('stg_ingestion__submissions') }}

),

green_loans as (

    select * from {{ ref('stg_raw__green_loans') }}

),

total_loans as (

    select * from {{ ref('stg_raw__total_loans') }}

),

green_bonds as (

    select * from {{ ref('stg_raw__green_bonds') }}

),

regional_indicators as (

    select * from {{ ref('stg_raw__regional_indicators') }}

),

task_progress as (

    select * from {{ ref('stg_raw__task_progress') }}

),

submitted_regions as (

    select * from {{ ref('stg_raw__regions') }}

),

submitted_institutions as (

    select * from {{ ref('stg_raw__institutions') }}

),

rows_in_use as (

    select submission_id, count(*) as rows_in_use
    from (
        select submission_id from green_loans
        union all
        select submission_id from total_loans
        union all
        select submission_id from green_bonds
        union all
        select submission_id from regional_indicators
        union all
        select submission_id from task_progress
        union all
        select submission_id from submitted_regions
        union all
        select submission_id from submitted_institutions
    ) as loaded
    where submission_id is not null
    group by submission_id

),

final as (

    select
        submissions.*,
        coalesce(rows_in_use.rows_in_use, 0) as rows_in_use,
        case
            when coalesce(rows_in_use.rows_in_use, 0) = 0 then 'superseded'
            when rows_in_use.rows_in_use < submissions.row_count then 'partly_superseded'
            else 'in_use'
        end as usage_status

    from submissions
    left join rows_in_use on rows_in_use.submission_id = submissions.submission_id

)

select * from final
