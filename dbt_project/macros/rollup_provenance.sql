{#
  Provenance of a figure built from many rows: official only when every input row is official.
  Anything touched by sample (synthetic) data stays marked, so the dashboard can show its banner.
#}
{% macro rollup_provenance(column) -%}
case
    when bool_and({{ column }} = 'official') then 'official'
    when bool_and({{ column }} = 'sample') then 'sample'
    else 'mixed'
end
{%- endmacro %}

{# Provenance of a figure combining already-rolled-up inputs (null inputs are ignored). #}
{% macro combine_provenance(columns) -%}
case
    when {% for column in columns %}coalesce({{ column }}, 'official') = 'official'{% if not loop.last %} and {% endif %}{% endfor %} then 'official'
    when {% for column in columns %}coalesce({{ column }}, 'sample') = 'sample'{% if not loop.last %} and {% endif %}{% endfor %} then 'sample'
    else 'mixed'
end
{%- endmacro %}

{#
  The accepted submissions a figure comes from, as a sorted comma-separated list of ids ('3,12'); null when
  every input row came from the raw folder's files (e.g. the sample). Rows superseded by a later submission
  were already dropped at load time, so these are the submissions in use.
#}
{% macro rollup_submissions(column) -%}
nullif(array_to_string(list_sort(list(distinct {{ column }}) filter (where {{ column }} is not null)), ','), '')
{%- endmacro %}

{# The same for a figure combining already-rolled-up lists (or single ids); nulls are ignored. #}
{% macro combine_submissions(columns) -%}
nullif(array_to_string(list_sort(list_distinct(list_transform(list_filter(flatten([
    {%- for column in columns %}string_split(coalesce(cast({{ column }} as varchar), ''), ','){% if not loop.last %}, {% endif %}{% endfor -%}
]), lambda id: id <> ''), lambda id: cast(id as integer)))), ','), '')
{%- endmacro %}
