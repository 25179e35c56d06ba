{#
  The steady yearly rate that takes a series from start_value to end_value in `years` (decimal years):
  compound_growth   - 100 * ((end / start)^(1 / years) - 1), in % a year (needs positive values);
  linear_accumulation - (end - start) / years, in the series' unit a year (running totals that start at 0).
  Null where the rate cannot be computed (no time elapsed, non-positive values for compounding).
#}
{% macro growth_rate_between(method, start_value, end_value, years) -%}
case {{ method }}
    when 'compound_growth' then
        case when {{ start_value }} > 0 and {{ end_value }} > 0 and {{ years }} > 0
            then 100 * (pow({{ end_value }} / {{ start_value }}, 1 / {{ years }}) - 1) end
    when 'linear_accumulation' then
        case when {{ years }} > 0 then ({{ end_value }} - {{ start_value }}) / {{ years }} end
end
{%- endmacro %}
