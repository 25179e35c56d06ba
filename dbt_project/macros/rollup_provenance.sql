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
