{#
  The status each row of `rows` falls in on one scale of seeds/progress_statuses.csv: the status with the
  highest lower_bound the row's value reaches; the scale's status without a lower_bound takes everything
  below. Rows whose value is null get no row here (the caller decides what they mean).
#}
{% macro status_by_threshold(rows, key_column, value_column, scale, statuses='statuses') -%}
select {{ rows }}.{{ key_column }}, {{ statuses }}.status_code
from {{ rows }}
inner join {{ statuses }}
    on {{ statuses }}.scale = '{{ scale }}'
    and {{ rows }}.{{ value_column }} >= coalesce({{ statuses }}.lower_bound, '-infinity'::double)
qualify row_number() over (
    partition by {{ rows }}.{{ key_column }} order by {{ statuses }}.lower_bound desc nulls last
) = 1
{%- endmacro %}
