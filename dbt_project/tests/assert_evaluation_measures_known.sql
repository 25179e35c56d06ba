-- Every scheme indicator names a measure the evaluation computes (a quantitative one) or a qualitative figure
-- the evaluating office submits (a qualitative one), and each scheme's weights add up to 100 within each part.
-- Returns the indicators or scheme parts that do not, labelled.

with

indicators as (

    select * from {{ ref('evaluation_indicators') }}

),

definitions as (

    select * from {{ ref('institution_figure_definitions') }}

),

unknown_measures as (

    select
        indicators.scheme_code,
        indicators.indicator_code,
        'measure ' || indicators.measure_code || ' is not one the evaluation computes or a qualitative figure'
            as reason

    from indicators
    left join definitions
        on definitions.figure_code = indicators.measure_code and definitions.is_qualitative
    where
        (
            indicators.kind = 'quantitative'
            and indicators.measure_code not in ({{ evaluation_computed_measures(quoted=true) }})
        )
        or (indicators.kind = 'qualitative' and definitions.figure_code is null)

),

weights_off as (

    select
        scheme_code,
        kind as indicator_code,
        'weights of the ' || kind || ' part add up to ' || sum(weight_pct) || ', not 100' as reason

    from indicators
    group by scheme_code, kind
    having abs(sum(weight_pct) - 100) > 1e-9

),

final as (

    select * from unknown_measures
    union all
    select * from weights_off

)

select * from final
