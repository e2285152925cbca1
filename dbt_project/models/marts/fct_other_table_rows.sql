{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ delete_documents_to_rebuild('document_key') }}",
    )
}}
-- incremental by document (macros/incremental_documents.sql)
-- depends_on: {{ ref('build_document_versions') }}

-- Every other printed amount cell: rows of summary, 三公, project, performance
-- and other tables, and unit-code (单位) or item rows of any table. Kept in the
-- warehouse, but not part of the line-item contract.

with

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}

),

final as (

    select * exclude (is_line_item_fact)
    from line_items
    where not is_line_item_fact
        and {{ is_document_to_build() }}

)

select * from final
