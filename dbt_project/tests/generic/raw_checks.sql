{# Generic tests for raw submissions. Each returns labelled failing rows (see macros/raw_violations.sql). #}

{% test raw_not_blank(model, column_name) %}
{{ raw_violations(model, column_name, column_name, "not " ~ raw_present(column_name), "required: must not be blank") }}
{% endtest %}


{% test raw_decimal(model, column_name) %}
{{ raw_violations(
    model, column_name, column_name,
    raw_present(column_name) ~ " and try_cast(trim(" ~ column_name ~ ") as decimal(38, 10)) is null",
    "must be a plain number (digits, optional minus sign and decimal point)") }}
{% endtest %}


{% test raw_at_least(model, column_name, min_value) %}
{{ raw_violations(
    model, column_name, column_name,
    "try_cast(trim(" ~ column_name ~ ") as decimal(38, 10)) < " ~ min_value,
    "must be >= " ~ min_value) }}
{% endtest %}


{% test raw_iso_date(model, column_name) %}
{{ raw_violations(
    model, column_name, column_name,
    raw_present(column_name) ~ " and try_strptime(trim(" ~ column_name ~ "), '%Y-%m-%d') is null",
    "must be a date written YYYY-MM-DD that exists in the calendar (2025-02-29 does not)") }}
{% endtest %}


{% test raw_quarter_end(model, column_name) %}
{{ raw_violations(
    model, column_name, column_name,
    "try_strptime(trim(" ~ column_name ~ "), '%Y-%m-%d') is not null"
    ~ " and strftime(try_strptime(trim(" ~ column_name ~ "), '%Y-%m-%d'), '%m-%d') not in ('03-31', '06-30', '09-30', '12-31')",
    "must be a quarter-end date (03-31, 06-30, 09-30 or 12-31)") }}
{% endtest %}


{% test raw_not_in_future(model, column_name) %}
{{ raw_violations(
    model, column_name, column_name,
    "cast(try_strptime(trim(" ~ column_name ~ "), '%Y-%m-%d') as date) > current_date",
    "must not be later than today") }}
{% endtest %}


{% test raw_year(model, column_name, first_year) %}
{{ raw_violations(
    model, column_name, column_name,
    raw_present(column_name) ~ " and coalesce(try_cast(trim(" ~ column_name ~ ") as integer) not between "
    ~ first_year ~ " and year(current_date), true)",
    "must be a four-digit year from " ~ first_year ~ " to this year") }}
{% endtest %}


{% test raw_accepted_values(model, column_name, values) %}
{{ raw_violations(
    model, column_name, column_name,
    raw_present(column_name) ~ " and trim(" ~ column_name ~ ") not in ('" ~ values | join("', '") ~ "')",
    "must be one of: " ~ values | join(", ")) }}
{% endtest %}


{#
  The value must exist in a reference seed. `match` maps further reference columns to raw columns that must
  agree too (e.g. an institution must belong to the row's region); `to_filter` narrows the reference rows;
  `listed_in` names the list in the rule when it is not a seed (seeds united with submissions).
#}
{% test raw_in_reference(model, column_name, to, field, match={}, to_filter=none, listed_in=none) %}
{%- set condition -%}
{{ raw_present(column_name) }} and not exists (
    select 1 from {{ to }} as reference
    where cast(reference.{{ field }} as varchar) = trim(raw_row.{{ column_name }})
    {%- for reference_column, raw_column in match.items() %}
      and cast(reference.{{ reference_column }} as varchar) = trim(raw_row.{{ raw_column }})
    {%- endfor %}
    {%- if to_filter %}
      and {{ to_filter }}
    {%- endif %}
)
{%- endset -%}
{%- set rule -%}
must be listed in {{ listed_in or 'seeds/' ~ to.identifier ~ '.csv' }} ({{ field }})
{%- for reference_column, raw_column in match.items() %} with the same {{ raw_column }}{% endfor %}
{%- if to_filter %} where {{ to_filter }}{% endif %}
{%- endset -%}
{{ raw_violations(model, column_name, column_name, condition, rule) }}
{% endtest %}


{# Model-level: rows whose natural key occurs more than once. Every copy is reported. #}
{% test raw_unique_key(model, columns) %}
{%- set key_sql = "concat_ws(' | ', " ~ columns | map('string') | join(", ") ~ ")" -%}
{%- set condition -%}
{{ key_sql }} in (
    select {{ key_sql }} from {{ model }} group by all having count(*) > 1
)
{%- endset -%}
{{ raw_violations(model, columns | join(" + "), key_sql, condition, "key must be unique: " ~ columns | join(" + ")) }}
{% endtest %}
