{#
  Whether a value meets a target under the registry's comparison (>=, >, <=, <). Both sides are rounded to
  6 decimals first: a growth of exactly 20 % computed as 100 * (36 / 30 - 1) is 19.999999999999996 in floating
  point and must still meet a floor of 20 %; no statistic here is published to more than 4 decimals.
#}
{% macro meets_target(value_sql, comparison_sql, target_sql) -%}
case {{ comparison_sql }}
    when '>=' then round({{ value_sql }}, 6) >= round({{ target_sql }}, 6)
    when '>' then round({{ value_sql }}, 6) > round({{ target_sql }}, 6)
    when '<=' then round({{ value_sql }}, 6) <= round({{ target_sql }}, 6)
    when '<' then round({{ value_sql }}, 6) < round({{ target_sql }}, 6)
end
{%- endmacro %}
