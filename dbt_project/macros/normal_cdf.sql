{#
  The standard normal distribution function Φ(x) = (1 + erf(x / √2)) / 2. DuckDB has no erf: it is
  Abramowitz & Stegun's formula 7.1.26 (Handbook of Mathematical Functions, 1964), absolute error under
  1.5e-7, so probabilities are right to 6 decimals:
    erf(y) = 1 - (a1 t + a2 t² + a3 t³ + a4 t⁴ + a5 t⁵) e^(-y²),  t = 1 / (1 + p y),  y ≥ 0;  erf(-y) = -erf(y).
#}
{% macro normal_cdf(x_sql) -%}
(0.5 * (1 + sign({{ x_sql }}) * (1 - (
    0.254829592 * (1 / (1 + 0.3275911 * abs({{ x_sql }}) / sqrt(2)))
    - 0.284496736 * pow(1 / (1 + 0.3275911 * abs({{ x_sql }}) / sqrt(2)), 2)
    + 1.421413741 * pow(1 / (1 + 0.3275911 * abs({{ x_sql }}) / sqrt(2)), 3)
    - 1.453152027 * pow(1 / (1 + 0.3275911 * abs({{ x_sql }}) / sqrt(2)), 4)
    + 1.061405429 * pow(1 / (1 + 0.3275911 * abs({{ x_sql }}) / sqrt(2)), 5)
) * exp(-pow({{ x_sql }}, 2) / 2))))
{%- endmacro %}
