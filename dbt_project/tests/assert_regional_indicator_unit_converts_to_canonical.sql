-- A regional indicator's unit must convert to that indicator's canonical unit (e.g. GDP in 万元 or 亿元, not 吨).
{%- set condition -%}
{{ raw_present('raw_row.unit') }}
and raw_row.indicator_code in (select indicator_code from {{ ref('regional_indicator_definitions') }})
and not exists (
    select 1
    from {{ ref('regional_indicator_definitions') }} as definition
    join {{ ref('unit_conversions') }} as conversion on conversion.canonical_unit = definition.canonical_unit
    where definition.indicator_code = trim(raw_row.indicator_code) and conversion.unit = trim(raw_row.unit)
)
{%- endset -%}
{{ raw_violations(source('raw', 'regional_indicators'), 'unit', 'unit', condition,
                  "must be a unit that converts to the indicator's canonical unit (seeds/unit_conversions.csv)") }}
