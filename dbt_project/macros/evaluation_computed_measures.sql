{#
  The measures the institution evaluation computes from the marts (fct_institution_evaluation_indicators), which
  a scheme's quantitative indicator may name in seeds/evaluation_indicators.csv, comma-separated (quoted=true:
  as SQL strings). A qualitative indicator names a qualitative figure of seeds/institution_figure_definitions.csv
  instead (tests/assert_evaluation_measures_known.sql).
#}
{% macro evaluation_computed_measures(quoted=false) -%}
{%- set measures = ['green_business_share_pct', 'green_business_market_share_pct', 'green_business_yoy_growth_pct',
                    'green_business_risk_share_pct', 'new_green_loan_rate_pct', 'green_npl_ratio_pct'] -%}
{%- for measure in measures -%}
{%- if quoted %}'{{ measure }}'{% else %}{{ measure }}{% endif %}{% if not loop.last %}, {% endif %}
{%- endfor -%}
{%- endmacro %}
