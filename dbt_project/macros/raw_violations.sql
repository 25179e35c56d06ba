{#
  Shared shape of every raw-data check: one row per offending raw row, labelled so a data steward
  can find and fix it: which source table, file and row, which column, the value as submitted, the rule.
  scripts/pipeline.py prints these rows when a check fails.
#}
{% macro raw_violations(model, column_label, value_sql, bad_condition, rule) %}
select
    '{{ model.identifier }}' as source_table,
    _source_file as source_file,
    _source_row as source_row,
    '{{ column_label }}' as column_name,
    cast({{ value_sql }} as varchar) as bad_value,
    '{{ rule | replace("'", "''") }}' as rule
from {{ model }} as raw_row
where {{ bad_condition }}
{% endmacro %}

{# A raw text cell that holds something (raw files are loaded as text, blanks as empty strings or nulls). #}
{% macro raw_present(column_name) -%}
nullif(trim({{ column_name }}), '') is not null
{%- endmacro %}
