-- The evaluation schemes as the league page names and explains them (seeds/evaluation_schemes.csv), with how
-- many indicators each part has.

with

schemes as (

    select * from {{ ref('evaluation_schemes') }}

),

indicators as (

    select * from {{ ref('evaluation_indicators') }}

),

counted as (

    select
        scheme_code,
        count(*) filter (where kind = 'quantitative') as quantitative_indicators,
        count(*) filter (where kind = 'qualitative') as qualitative_groups

    from indicators
    group by scheme_code

),

final as (

    select
        schemes.*,
        counted.quantitative_indicators,
        counted.qualitative_groups

    from schemes
    left join counted on counted.scheme_code = schemes.scheme_code

)

select * from final
