{#
  A derived figure rounded to 6 decimals (no input statistic is more precise). Adding 0.0 turns the IEEE
  negative zero that -0.0 / x or round(-1e-9, 6) produce into 0, so no one is shown "-0.0 %".
#}
{% macro round_figure(expression) -%}
(round({{ expression }}, 6) + 0.0)
{%- endmacro %}
