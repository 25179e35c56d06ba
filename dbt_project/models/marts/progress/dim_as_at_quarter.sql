-- The quarter ends the progress picture can be taken at (fct_indicator_progress_as_of, the dashboard's as-of
-- selector): from the first observation's quarter to the last quarter end on or before the day of the build
-- (macro judged_today; var `today` in tests), or to the newest observation's quarter if that is later.

{{ config(tags=['judged_today']) }}

with

progress as (

    select * from {{ ref('fct_indicator_progress') }}

),

bounds as (

    select
        {{ quarter_end('min(period_end)') }} as first_quarter_end,
        greatest(
            {{ quarter_end('max(period_end)') }},
            cast(date_trunc('quarter', {{ judged_today() }} + interval 1 day) - interval 1 day as date)
        ) as last_quarter_end

    from progress

),

quarter_ends as (

    select cast(last_day(month_start) as date) as as_at_date, bounds.last_quarter_end
    from bounds,
        range(
            date_trunc('month', bounds.first_quarter_end), bounds.last_quarter_end + interval 1 day,
            interval 3 month
        ) as months (month_start)

),

final as (

    select
        as_at_date,
        year(as_at_date) as as_at_year,
        quarter(as_at_date) as as_at_quarter,
        as_at_date = last_quarter_end as is_latest

    from quarter_ends

)

select * from final
