-- How progress toward a target is judged and shown (seeds/progress_statuses.csv). Grain: one row per progress status.
-- The dashboard reads reference tables through the marts alone.

with

progress_statuses as (

    select * from {{ ref('progress_statuses') }}

),

final as (

    select * from progress_statuses

)

select * from final
