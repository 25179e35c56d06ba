{# A stable text key from several columns (dbt_utils is not installable here, so we keep our own). #}
{% macro surrogate_key(columns) -%}
md5(concat_ws('|', {% for column in columns %}coalesce(cast({{ column }} as varchar), '∅'){% if not loop.last %}, {% endif %}{% endfor %}))
{%- endmacro %}
