{#-
    amount_in_yuan: an amount in yuan, DECIMAL(20,2): × 10000 for 万元 (exact decimal
    arithmetic), as is for 元, NULL when the unit is unknown.
-#}
{% macro amount_in_yuan(amount, unit) -%}
    cast(
        case {{ unit }}
            when '万元' then {{ amount }} * cast(10000 as decimal(5, 0))
            when '元' then {{ amount }}
        end
        as decimal(20, 2)
    )
{%- endmacro %}
