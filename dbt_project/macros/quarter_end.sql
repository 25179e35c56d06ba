{# The last day of the quarter `day` falls in (2026-08-15 -> 2026-09-30). #}
{% macro quarter_end(day) -%}
    cast(last_day(date_trunc('quarter', {{ day }}) + interval 2 month) as date)
{%- endmacro %}


{#
  The day task statuses are judged on: today, unless the var `today` (YYYY-MM-DD) says otherwise, so that the
  unit tests of the overdue and not-reported rules do not depend on the day they run.
  A model that calls it carries the tag `judged_today`: a steward's build from the published file builds those
  models again whatever changed (scripts/publishing/partial_build.py).
#}
{% macro judged_today() -%}
    {%- if var('today', none) -%} cast('{{ var("today") }}' as date) {%- else -%} current_date {%- endif -%}
{%- endmacro %}


{# Quarters counted from year 0 (2026-09-30 -> 2026 × 4 + 2): consecutive quarters differ by 1, so a window can
   take "the three quarters before" by range. #}
{% macro quarter_number(day) -%}
    (year({{ day }}) * 4 + quarter({{ day }}) - 1)
{%- endmacro %}
