-- Shares and coverage are percentages: a value outside the indicator's defined range is a data-entry error.
{%- set condition -%}
exists (
    select 1 from {{ ref('regional_indicator_definitions') }} as definition
    where definition.indicator_code = trim(raw_row.indicator_code)
      and definition.max_value is not null
      and try_cast(trim(raw_row.value) as double) > definition.max_value
)
{%- endset -%}
{{ raw_violations(source('raw', 'regional_indicators'), 'value', 'value', condition,
                  "must not exceed the indicator's max_value in seeds/regional_indicator_definitions.csv") }}
