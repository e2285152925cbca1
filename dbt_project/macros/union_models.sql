{#-
    union_models: every model named in `model_names`, unioned by column name (union all by
    name): the families of check models (fct_reconciliation_checks) and of audit rule models
    (fct_audit_findings) are each one list of names.
-#}
{% macro union_models(model_names) -%}
    {%- set selects = [] -%}
    {%- for model_name in model_names -%}
        {%- do selects.append('select * from ' ~ ref(model_name)) -%}
    {%- endfor -%}
    {{ selects | join('\n    union all by name\n    ') }}
{%- endmacro %}
