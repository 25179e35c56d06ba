-- Each institution's evaluation per scheme and quarter (task 32): the quantitative score (the sum of its
-- indicators' points, out of 100), the qualitative score (the groups' weighted scores, out of 100), the total
-- (quantitative_weight_pct % of the one plus qualitative_weight_pct % of the other), its rank among the
-- region's institutions that quarter and the change on the previous quarter's rank, and its grade. A score
-- needs every indicator of its part: otherwise it stays empty and evaluation_status says why (insufficient
-- history, a figure missing, the qualitative scores not given), never a made-up number.

with

indicators as (

    select * from {{ ref('fct_institution_evaluation_indicators') }}

),

schemes as (

    select * from {{ ref('evaluation_schemes') }}

),

grades as (

    select * from {{ ref('evaluation_grades') }}

),

parts as (

    select
        scheme_code,
        region_code,
        institution_code,
        institution_name_zh,
        institution_name_en,
        period_end,
        {{ quarter_number('period_end') }} as quarter_number,
        case
            when bool_and(indicator_status = 'scored') filter (where kind = 'quantitative')
                then sum(indicator_points) filter (where kind = 'quantitative')
        end as quantitative_score,
        case
            when bool_and(indicator_status = 'scored') filter (where kind = 'qualitative')
                then sum(indicator_points) filter (where kind = 'qualitative')
        end as qualitative_score,
        case
            when bool_or(indicator_status = 'figure_missing') filter (where kind = 'quantitative')
                then 'figure_missing'
            when bool_or(indicator_status = 'insufficient_history') filter (where kind = 'quantitative')
                then 'insufficient_history'
            when bool_or(indicator_status <> 'scored') filter (where kind = 'qualitative')
                then 'qualitative_not_scored'
            else 'scored'
        end as evaluation_status,
        {{ rollup_provenance('provenance') }} as provenance

    from indicators
    group by scheme_code, region_code, institution_code, institution_name_zh, institution_name_en, period_end

),

totals as (

    select
        parts.*,
        schemes.quantitative_weight_pct / 100 * parts.quantitative_score
        + schemes.qualitative_weight_pct / 100 * parts.qualitative_score as total_score

    from parts
    inner join schemes on schemes.scheme_code = parts.scheme_code

),

ranked as (

    select
        totals.*,
        case
            when total_score is not null
                then rank() over (
                        partition by scheme_code, region_code, period_end, total_score is null
                        order by total_score desc
                    )
        end as institution_rank,
        count(total_score) over (partition by scheme_code, region_code, period_end) as institutions_ranked

    from totals

),

graded as (

    select
        ranked.*,
        grades.grade_code,
        grades.grade_name_zh,
        grades.grade_name_en,
        grades.colour as grade_colour

    from ranked
    left join grades
        on grades.scheme_code = ranked.scheme_code and ranked.total_score >= grades.min_score
    qualify
        row_number() over (
            partition by ranked.scheme_code, ranked.institution_code, ranked.period_end
            order by grades.min_score desc nulls last
        ) = 1

),

final as (

    select
        {{ surrogate_key(['scheme_code', 'institution_code', 'period_end']) }} as institution_evaluation_key,
        scheme_code,
        region_code,
        institution_code,
        institution_name_zh,
        institution_name_en,
        period_end,
        {{ round_figure('quantitative_score') }} as quantitative_score,
        {{ round_figure('qualitative_score') }} as qualitative_score,
        {{ round_figure('total_score') }} as total_score,
        evaluation_status,
        institution_rank,
        institutions_ranked,
        max(institution_rank) over previous_quarter as previous_rank,
        max(institution_rank) over previous_quarter - institution_rank as rank_change,
        -- no total, no band matched (total_score >= min_score is not true): no grade
        grade_code,
        grade_name_zh,
        grade_name_en,
        grade_colour,
        provenance

    from graded
    window previous_quarter as (
        partition by scheme_code, institution_code
        order by quarter_number
        range between 1 preceding and 1 preceding
    )

)

select * from final
