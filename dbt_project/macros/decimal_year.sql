{#
  A date as a decimal year at the end of that day: 31 Dec 2024 -> 2025.0, 30 Sep 2025 -> 2025 + 273/365.
  Differences between two of these are elapsed years with fractions, so a quarter-end observation counts
  as the part of a year it is (growth rates, deadlines), and year-ends are exactly whole years apart.
#}
{% macro decimal_year(date_sql) -%}
(year({{ date_sql }}) + dayofyear({{ date_sql }})
    / cast(datediff('day', make_date(year({{ date_sql }}), 1, 1), make_date(year({{ date_sql }}) + 1, 1, 1)) as double))
{%- endmacro %}
