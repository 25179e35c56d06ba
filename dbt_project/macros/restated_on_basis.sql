{#
  A figure of one statistics basis restated on another by their link factors (int_credit_basis_links_chained:
  each basis's factor to the region's oldest): value × to_link / from_link. Null where either factor is null, a
  break without a bridge quarter, so nothing is compared across it.
#}
{% macro restated_on_basis(value_sql, from_link_sql, to_link_sql) -%}
({{ value_sql }} * {{ to_link_sql }} / {{ from_link_sql }})
{%- endmacro %}
