-- Statistics bases of the green-loan figures and when each was in force (seeds/statistics_bases.csv).
-- Grain: one row per statistics basis.
-- The dashboard reads reference tables through the marts alone.

with

statistics_bases as (

    select * from {{ ref('statistics_bases') }}

),

final as (

    select * from statistics_bases

)

select * from final
