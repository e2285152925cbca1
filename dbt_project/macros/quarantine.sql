{#-
    without_quarantined: the where-clause that leaves out the documents the build
    held back (stg_quarantined_documents). Every staging model of a document's rows
    ends with it, so a quarantined document's rows leave every fact and check.
-#}
{% macro without_quarantined(document_column='document_id') -%}
    where {{ document_column }} not in (select document_id from {{ ref('stg_quarantined_documents') }})
{%- endmacro %}
