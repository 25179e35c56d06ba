-- The dataframes the raw suites validate (expectations/suites.py), as views over the candidate database,
-- which scripts/quality/quality_gate.py attaches read-only as `candidate`, before dbt runs. The seed CSVs are
-- registered as seed_<name>.
-- Cells stay the text submitted, trimmed, with a blank cell read as null so that "required" is one rule;
-- typed readings sit beside them and are null where the text does not parse (the format rules report that,
-- and the range and series rules skip it, so one fault gives one message).

create or replace temp macro cell(text_value) as nullif(trim(text_value), '');
create or replace temp macro as_number(text_value) as try_cast(cell(text_value) as double);
create or replace temp macro as_date(text_value) as try_strptime(cell(text_value), '%Y-%m-%d')::date;
create or replace temp macro is_quarter_end(day) as month(day) in (3, 6, 9, 12) and day = last_day(day);
-- Each money unit's factor to 亿元. Joined, not looked up per row by a scalar subquery: at millions of rows
-- the subquery is planned as a join per use and costs seconds where the join costs a fraction of one.
create or replace temp view money_units as
select unit, max(try_cast(factor_to_canonical as double)) as factor_to_100m_cny
from seed_unit_conversions
where canonical_unit = '亿元'
group by unit;

create or replace temp view raw_green_loans_checked as
select
    cell(region_code) as region_code,
    cell(institution_code) as institution_code,
    cell(period_end) as period_end,
    cell(statistics_basis) as statistics_basis,
    cell(loan_use_category) as loan_use_category,
    cell(carbon_effect) as carbon_effect,
    cell(balance) as balance,
    cell(amount_unit) as amount_unit,
    cell(provenance) as provenance,
    cell(region_code) || ' / ' || cell(institution_code) as region_institution,
    cell(statistics_basis) || ' / ' || cell(loan_use_category) as basis_category,
    as_number(balance) as balance_number,
    as_date(period_end) - current_date as period_end_days_after_today,
    is_quarter_end(as_date(period_end)) as period_end_is_quarter_end,
    _source_file,
    _source_row
from candidate.raw.green_loans;

create or replace temp view raw_total_loans_checked as
select
    cell(region_code) as region_code,
    cell(institution_code) as institution_code,
    cell(period_end) as period_end,
    cell(balance) as balance,
    cell(amount_unit) as amount_unit,
    cell(provenance) as provenance,
    cell(region_code) || ' / ' || cell(institution_code) as region_institution,
    as_number(balance) as balance_number,
    as_date(period_end) - current_date as period_end_days_after_today,
    is_quarter_end(as_date(period_end)) as period_end_is_quarter_end,
    _source_file,
    _source_row
from candidate.raw.total_loans;

create or replace temp view raw_green_bonds_checked as
select
    cell(bond_code) as bond_code,
    cell(bond_name) as bond_name,
    cell(issuer_name) as issuer_name,
    cell(region_code) as region_code,
    cell(issue_date) as issue_date,
    cell(amount) as amount,
    cell(amount_unit) as amount_unit,
    cell(bond_type) as bond_type,
    cell(market) as market,
    cell(provenance) as provenance,
    as_number(amount) as amount_number,
    as_number(amount) * money_units.factor_to_100m_cny as amount_100m_cny,
    as_date(issue_date) - current_date as issue_date_days_after_today,
    _source_file,
    _source_row
from candidate.raw.green_bonds
left join money_units on money_units.unit = cell(green_bonds.amount_unit);

create or replace temp view raw_regional_indicators_checked as
with submitted as (
    select
        cell(region_code) as region_code,
        cell(year) as year,
        cell(indicator_code) as indicator_code,
        cell(value) as value,
        cell(unit) as unit,
        cell(provenance) as provenance,
        _source_file,
        _source_row
    from candidate.raw.regional_indicators
),

final as (
    select
        submitted.*,
        submitted.indicator_code || ' in ' || submitted.unit as indicator_unit,
        try_cast(submitted.year as integer) as year_number,
        try_cast(submitted.year as integer) - year(current_date) as years_after_this_year,
        try_cast(submitted.value as double) * try_cast(conversion.factor_to_canonical as double)
            as value_in_canonical_unit,
        try_cast(nullif(definition.min_value, '') as double) as min_value,
        try_cast(nullif(definition.max_value, '') as double) as max_value
    from submitted
    left join seed_regional_indicator_definitions as definition
        on definition.indicator_code = submitted.indicator_code
    left join seed_unit_conversions as conversion
        on conversion.unit = submitted.unit
        and conversion.canonical_unit = definition.canonical_unit
)

select * from final;

-- The figures of the institutions' green-finance evaluation (task 32), one row per figure as submitted.
create or replace temp view raw_institution_figures_checked as
with submitted as (
    select
        cell(region_code) as region_code,
        cell(institution_code) as institution_code,
        cell(period_end) as period_end,
        cell(figure_code) as figure_code,
        cell(value) as value,
        cell(unit) as unit,
        cell(scored_by) as scored_by,
        cell(scored_on) as scored_on,
        cell(provenance) as provenance,
        _source_file,
        _source_row
    from candidate.raw.institution_figures
),

final as (
    select
        submitted.*,
        submitted.region_code || ' / ' || submitted.institution_code as region_institution,
        submitted.figure_code || ' in ' || submitted.unit as figure_unit,
        as_date(submitted.period_end) - current_date as period_end_days_after_today,
        is_quarter_end(as_date(submitted.period_end)) as period_end_is_quarter_end,
        as_date(submitted.scored_on) - current_date as scored_on_days_after_today,
        try_cast(submitted.value as double) * try_cast(conversion.factor_to_canonical as double)
            as value_in_canonical_unit,
        try_cast(nullif(definition.min_value, '') as double) as min_value,
        try_cast(nullif(definition.max_value, '') as double) as max_value,
        -- A qualitative score says who gave it and when; the other figures are not scored (null: not judged).
        case when definition.is_qualitative = 'true'
            then submitted.scored_by is not null and submitted.scored_on is not null end as scorer_and_day_given
    from submitted
    left join seed_institution_figure_definitions as definition
        on definition.figure_code = submitted.figure_code
    left join seed_unit_conversions as conversion
        on conversion.unit = submitted.unit
        and conversion.canonical_unit = definition.canonical_unit
)

select * from final;

-- Regions and institutions submitted on top of the seeds.
create or replace temp view raw_regions_checked as
select
    cell(region_code) as region_code,
    cell(region_name_zh) as region_name_zh,
    cell(region_name_en) as region_name_en,
    cell(province_zh) as province_zh,
    cell(province_en) as province_en,
    cell(admin_level) as admin_level,
    cell(is_pilot_zone) as is_pilot_zone,
    cell(provenance) as provenance,
    _source_file,
    _source_row
from candidate.raw.regions;

create or replace temp view raw_institutions_checked as
select
    cell(institution_code) as institution_code,
    cell(region_code) as region_code,
    cell(institution_name_zh) as institution_name_zh,
    cell(institution_name_en) as institution_name_en,
    cell(institution_type) as institution_type,
    cell(provenance) as provenance,
    _source_file,
    _source_row
from candidate.raw.institutions;

-- Departments' task-progress reports; the quarter a report covers is the one its as-of date falls in.
create or replace temp view raw_task_progress_checked as
select
    cell(task_no) as task_no,
    cell(status_code) as status_code,
    cell(as_of_date) as as_of_date,
    cell(work_done) as work_done,
    cell(next_step) as next_step,
    cell(reporting_department) as reporting_department,
    cell(provenance) as provenance,
    year(as_date(as_of_date)) || 'Q' || quarter(as_date(as_of_date)) as as_of_quarter,
    as_date(as_of_date) - current_date as as_of_date_days_after_today,
    _source_file,
    _source_row
from candidate.raw.task_progress;

-- Green and all loans in 亿元, one shape. A row whose date breaks a row rule (unreadable, not a quarter end, in
-- the future) is left out, and an unreadable or negative balance counts as unknown: the row suites report
-- those, and the series rules below must not report the same fault a second time.
create or replace temp view raw_loan_rows as
with rows_of_both as (
    select 'green_loans' as source, region_code, institution_code, statistics_basis, period_end, balance_number,
        amount_unit, _source_file, _source_row
    from raw_green_loans_checked
    union all
    select 'total_loans', region_code, institution_code, 'all loans', period_end, balance_number, amount_unit,
        _source_file, _source_row
    from raw_total_loans_checked
)

select
    source,
    region_code,
    institution_code,
    statistics_basis,
    as_date(period_end) as period_end,
    case when balance_number >= 0 then balance_number * money_units.factor_to_100m_cny end as balance_100m_cny,
    _source_file,
    _source_row
from rows_of_both
left join money_units on money_units.unit = rows_of_both.amount_unit
where is_quarter_end(as_date(period_end)) and as_date(period_end) <= current_date;

-- Grain: source × region × institution × statistics basis × quarter end.
create or replace temp view raw_loan_series_checked as
with institution_quarters as (
    select
        source,
        region_code,
        institution_code,
        statistics_basis,
        period_end,
        sum(balance_100m_cny) as balance_100m_cny,
        min(_source_file) as _source_file,
        min(_source_row) as _source_row
    from raw_loan_rows
    group by all
),

final as (
    select
        source,
        region_code,
        institution_code,
        statistics_basis,
        strftime(period_end, '%Y-%m-%d') as period_end,
        balance_100m_cny,
        lag(balance_100m_cny) over basis_series as previous_balance_100m_cny,
        balance_100m_cny / nullif(lag(balance_100m_cny) over basis_series, 0) as change_on_previous_quarter_ratio,
        _source_file,
        _source_row,
        -- the previous quarter's row: a change is about two rows, and the steward may have sent only that one
        lag(_source_file) over basis_series as _related_source_file,
        lag(_source_row) over basis_series as _related_source_row
    from institution_quarters
    window basis_series as (
        partition by source, region_code, institution_code, statistics_basis order by period_end
    )
)

select * from final;

-- Grain: source × region × institution × each quarter its region reported, from the institution's first
-- report on. An institution missing a quarter its region reported makes that quarter's district total too
-- small; a quarter missing for the whole region only leaves a gap in the series.
create or replace temp view raw_loan_reporting_checked as
with reported as (
    select distinct source, region_code, institution_code, period_end from raw_loan_rows
),

region_quarters as (
    select
        source,
        region_code,
        period_end,
        datediff('month', lag(period_end) over (partition by source, region_code order by period_end), period_end)
            // 3 - 1 as region_missing_quarters_before
    from (select distinct source, region_code, period_end from reported)
),

institution_first as (
    select source, region_code, institution_code, min(period_end) as first_period_end
    from reported
    group by all
),

final as (
    select
        institution_first.source,
        institution_first.region_code,
        institution_first.institution_code,
        strftime(region_quarters.period_end, '%Y-%m-%d') as period_end,
        reported.period_end is not null as is_reported,
        coalesce(region_quarters.region_missing_quarters_before, 0) as region_missing_quarters_before
    from institution_first
    inner join region_quarters
        on region_quarters.source = institution_first.source
        and region_quarters.region_code = institution_first.region_code
        and region_quarters.period_end >= institution_first.first_period_end
    left join reported
        on reported.source = institution_first.source
        and reported.region_code = institution_first.region_code
        and reported.institution_code = institution_first.institution_code
        and reported.period_end = region_quarters.period_end
)

select * from final order by source, region_code, institution_code, period_end;

-- Grain: region × institution × statistics basis × quarter end with green loans.
create or replace temp view raw_green_within_total_checked as
with green as (
    select
        region_code,
        institution_code,
        statistics_basis,
        period_end,
        sum(balance_100m_cny) as green_loan_balance_100m_cny,
        min(_source_file) as _source_file,
        min(_source_row) as _source_row
    from raw_loan_rows
    where source = 'green_loans'
    group by all
),

total as (
    select
        region_code,
        institution_code,
        period_end,
        sum(balance_100m_cny) as total_loan_balance_100m_cny,
        min(_source_file) as _source_file,
        min(_source_row) as _source_row
    from raw_loan_rows
    where source = 'total_loans'
    group by all
),

final as (
    select
        green.region_code,
        green.institution_code,
        green.statistics_basis,
        strftime(green.period_end, '%Y-%m-%d') as period_end,
        green.green_loan_balance_100m_cny,
        total.total_loan_balance_100m_cny,
        total.period_end is not null as total_loans_reported,
        green._source_file,
        green._source_row,
        -- the all-loans row compared with: the steward may have sent only that one
        total._source_file as _related_source_file,
        total._source_row as _related_source_row
    from green
    left join total using (region_code, institution_code, period_end)
)

select * from final;

-- Grain: region × indicator × year; only rows that pass the row rules (readable, known unit, not negative, not
-- a future year), for the same reason as raw_loan_rows.
create or replace temp view raw_indicator_series_checked as
with yearly as (
    select
        region_code,
        indicator_code,
        try_cast(year as integer) as year,
        value_in_canonical_unit,
        _source_file,
        _source_row
    from raw_regional_indicators_checked
    where try_cast(year as integer) <= year(current_date) and value_in_canonical_unit >= 0
),

final as (
    select
        *,
        value_in_canonical_unit / nullif(lag(value_in_canonical_unit) over indicator_series, 0)
            as change_on_previous_year_ratio,
        coalesce(year - lag(year) over indicator_series - 1, 0) as missing_years_before
    from yearly
    window indicator_series as (partition by region_code, indicator_code order by year)
)

select * from final;

-- Figures of one institution's quarter that bound each other: the green bonds it holds within all its bond
-- investment, its non-performing green loans within its green loans (the largest basis it reported that
-- quarter). Grain: region × institution × quarter end; the row of the bounded figure, and the row it is
-- bounded by as the related row.
create or replace temp view raw_institution_figure_bounds_checked as
with figures as (
    select
        region_code,
        institution_code,
        as_date(period_end) as period_end,
        figure_code,
        value_in_canonical_unit as value_100m_cny,
        _source_file,
        _source_row
    from raw_institution_figures_checked
    where value_in_canonical_unit >= 0 and is_quarter_end(as_date(period_end))
),

green_loans as (
    select
        region_code,
        institution_code,
        period_end,
        statistics_basis,
        sum(balance_100m_cny) as green_loan_balance_100m_cny,
        min(_source_file) as _source_file,
        min(_source_row) as _source_row
    from raw_loan_rows
    where source = 'green_loans'
    group by all
),

largest_green_loans as (
    select * from green_loans
    qualify row_number() over (
        partition by region_code, institution_code, period_end
        order by green_loan_balance_100m_cny desc, statistics_basis
    ) = 1
),

held as (select * from figures where figure_code = 'green_bonds_held'),
investment as (select * from figures where figure_code = 'bond_investment'),
non_performing as (select * from figures where figure_code = 'green_npl_balance'),

bonds as (
    select
        held.region_code,
        held.institution_code,
        held.period_end,
        'bonds' as bound,
        held.value_100m_cny as green_bonds_held_100m_cny,
        investment.value_100m_cny as bond_investment_100m_cny,
        null::double as green_npl_balance_100m_cny,
        null::double as green_loan_balance_100m_cny,
        held._source_file,
        held._source_row,
        investment._source_file as _related_source_file,
        investment._source_row as _related_source_row
    from held
    left join investment using (region_code, institution_code, period_end)
),

loans as (
    select
        non_performing.region_code,
        non_performing.institution_code,
        non_performing.period_end,
        'loans' as bound,
        null::double as green_bonds_held_100m_cny,
        null::double as bond_investment_100m_cny,
        non_performing.value_100m_cny as green_npl_balance_100m_cny,
        largest_green_loans.green_loan_balance_100m_cny,
        non_performing._source_file,
        non_performing._source_row,
        largest_green_loans._source_file as _related_source_file,
        largest_green_loans._source_row as _related_source_row
    from non_performing
    left join largest_green_loans using (region_code, institution_code, period_end)
),

final as (
    select
        region_code,
        institution_code,
        strftime(period_end, '%Y-%m-%d') as period_end,
        bound,
        green_bonds_held_100m_cny,
        bond_investment_100m_cny,
        green_npl_balance_100m_cny,
        green_loan_balance_100m_cny,
        _source_file,
        _source_row,
        _related_source_file,
        _related_source_row
    from (select * from bonds union all by name select * from loans)
)

select * from final;
