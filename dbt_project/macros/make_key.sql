{#-
    A surrogate key: md5 of the given columns, cast to text and joined with '|'.
    NULL becomes the empty string, so the key itself is never NULL.
    (Like dbt_utils.generate_surrogate_key, without the package dependency.)
-#}
{% macro make_key(columns) -%}
    md5(concat_ws('|'{% for column in columns %}, coalesce(cast({{ column }} as varchar), ''){% endfor %}))
{%- endmacro %}
