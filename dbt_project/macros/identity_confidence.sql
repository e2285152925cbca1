{#- The share of a table's tested identities that hold, as DECIMAL(5, 4); NULL when none
    could be tested (a table without sums has no confidence rather than a perfect one). -#}
{% macro identity_confidence(held, tested) -%}
    case
        when {{ tested }} > 0
            then cast(cast({{ held }} as decimal(18, 4)) / {{ tested }} as decimal(5, 4))
    end
{%- endmacro %}
