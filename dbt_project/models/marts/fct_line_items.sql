{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ delete_documents_to_rebuild('document_key') }}",
    )
}}
-- incremental by document (macros/incremental_documents.sql)
-- depends_on: {{ ref('build_document_versions') }}

-- The line-item fact: one printed amount cell of an account or total row in
-- one of the seven account-coded table types. line_items_flat is a view on it.

with

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}

),

final as (

    select * exclude (is_line_item_fact)
    from line_items
    where is_line_item_fact
        and {{ is_document_to_build() }}

)

select * from final
