{{ config(meta={'dagster': {'ref': {'name': 'removed_documents'}}}) }}

-- A document recorded as removed has no row left in the facts or in
-- dim_document. Returns the line items of removed documents that are still there.

with

removed as (

    select * from {{ ref('removed_documents') }}

),

line_items as (

    select * from {{ ref('fct_line_items') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

leftovers as (

    select
        removed.document_key,
        'fct_line_items' as found_in
    from removed
    inner join line_items
        on removed.document_key = line_items.document_key
    union all
    select
        removed.document_key,
        'dim_document' as found_in
    from removed
    inner join documents
        on removed.document_key = documents.document_key

)

select * from leftovers
