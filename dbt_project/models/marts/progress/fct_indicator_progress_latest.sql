-- Where each region stands on each target now: the latest quarter end of fct_indicator_progress_as_of (the
-- last quarter end on or before the day of the build, or the newest observation's quarter if later).

with

progress_as_of as (

    select * from {{ ref('fct_indicator_progress_as_of') }}

),

final as (

    select * exclude (region_target_quarter_key, is_latest_as_at)
    from progress_as_of
    where is_latest_as_at

)

select * from final
