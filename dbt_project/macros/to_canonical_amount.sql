{#
  Amount in a submitted unit -> amount in the canonical unit, through seeds/unit_conversions.csv.
  Used with a left join on that seed, so an unknown unit yields null (caught by not_null tests), never a guess.
#}
{% macro to_canonical_amount(amount_sql, conversion_alias) -%}
cast({{ amount_sql }} * {{ conversion_alias }}.factor_to_canonical as decimal(38, 10))
{%- endmacro %}
