-- The dataframes the mart suites validate (expectations/suites.py), over the candidate database after dbt
-- has built it. Runs after raw.sql in the same connection, so raw_loan_rows and the raw frames exist.

create or replace temp view mart_region_credit_quarterly_checked as
select * from candidate.marts.fct_region_credit_quarterly;

create or replace temp view mart_indicator_progress_latest_checked as
select * from candidate.marts.fct_indicator_progress_latest;

-- The institutions' market shares (the evaluation's share-of-all-evaluated-business indicator) per scheme,
-- region and quarter, added up: they must make 100 %. Grain: scheme × region × quarter end.
create or replace temp view mart_market_shares_checked as
select
    indicators.scheme_code,
    indicators.region_code,
    strftime(indicators.period_end, '%Y-%m-%d') as period_end,
    sum(indicators.indicator_value) as market_shares_sum_pct,
    sum(indicators.indicator_value) - 100 as difference_pct
from candidate.marts.fct_institution_evaluation_indicators as indicators
inner join seed_evaluation_indicators as definition
    on definition.scheme_code = indicators.scheme_code and definition.indicator_code = indicators.indicator_code
where definition.measure_code = 'green_business_market_share_pct' and indicators.indicator_value is not null
group by all;

-- Grain: check × region × period. Raw totals are recomputed here from the submitted cells, independently of
-- the dbt models, so a join or unit bug in the models shows up as a difference.
create or replace temp view mart_reconciliation_checked as
with raw_green_loans as (
    select region_code, statistics_basis, period_end, sum(balance_100m_cny) as total_100m_cny
    from raw_loan_rows
    where source = 'green_loans'
    group by all
),

raw_total_loans as (
    select region_code, period_end, sum(balance_100m_cny) as total_100m_cny
    from raw_loan_rows
    where source = 'total_loans'
    group by all
),

raw_bonds as (
    select region_code, sum(amount_100m_cny) as total_100m_cny
    from raw_green_bonds_checked
    group by all
),

mart_credit as (
    select * from candidate.marts.fct_region_credit_quarterly
),

mart_bonds as (
    select region_code, sum(amount_100m_cny) as total_100m_cny
    from candidate.marts.fct_green_bonds
    group by all
),

green_loans as (
    select
        'green-loan balance by region, basis and quarter' as check_name,
        coalesce(raw.region_code, mart.region_code) as region_code,
        strftime(coalesce(raw.period_end, mart.period_end), '%Y-%m-%d') || ' ' ||
            coalesce(raw.statistics_basis, mart.statistics_basis) as period_end,
        raw.total_100m_cny as raw_total_100m_cny,
        mart.green_loan_balance_100m_cny as mart_total_100m_cny
    from raw_green_loans as raw
    full outer join mart_credit as mart
        on mart.region_code = raw.region_code
        and mart.statistics_basis = raw.statistics_basis
        and mart.period_end = raw.period_end
),

total_loans as (
    select
        'total-loan balance by region and quarter' as check_name,
        coalesce(raw.region_code, mart.region_code) as region_code,
        strftime(coalesce(raw.period_end, mart.period_end), '%Y-%m-%d') as period_end,
        raw.total_100m_cny as raw_total_100m_cny,
        mart.total_loan_balance_100m_cny as mart_total_100m_cny
    from raw_total_loans as raw
    full outer join (select * from mart_credit where is_preferred_basis) as mart
        on mart.region_code = raw.region_code
        and mart.period_end = raw.period_end
),

bonds as (
    select
        'green-bond issuance by region, all time' as check_name,
        coalesce(raw.region_code, mart.region_code) as region_code,
        'all' as period_end,
        raw.total_100m_cny as raw_total_100m_cny,
        mart.total_100m_cny as mart_total_100m_cny
    from raw_bonds as raw
    full outer join mart_bonds as mart using (region_code)
),

final as (
    select
        *,
        round(mart_total_100m_cny - raw_total_100m_cny, 9) as difference_100m_cny
    from (
        select * from green_loans
        union all
        select * from total_loans
        union all
        select * from bonds
    )
)

select * from final;
