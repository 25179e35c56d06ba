{#- A layer's schema is the name dbt_project.yml gives it (staging, intermediate, marts, reference), not dbt's
    default <target schema>_<name>: the dashboard and the quality gate read `marts` by that name, whichever
    target built the file. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
