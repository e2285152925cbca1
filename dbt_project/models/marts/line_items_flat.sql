{{ config(materialized='view') }}

-- The line-item contract (shared/spec/line_items.md): one row per printed
-- amount cell of an account-coded table. A view over marts tables of this same
-- file. References leave out the database (catalog) name, so the view keeps
-- working when the file is moved, renamed or attached under another alias.
-- Identical content under two file names is one document in fct_line_items;
-- here each name gets its own rows, as each name is a source file.

with

line_items as (

    select * from {{ ref('fct_line_items').include(database=false) }}

),

documents as (

    select * from {{ ref('dim_document').include(database=false) }}

),

source_files as (

    select * from {{ ref('dim_source_file').include(database=false) }}

),

final as (

    select
        -- the contract's columns, in the contract's order
        source_files.source_file,
        line_items.report_type,
        line_items.fiscal_year,
        documents.department,
        line_items.table_type,
        line_items.row_key,
        line_items.account_name,
        line_items.measure,
        line_items.amount,
        line_items.unit,
        line_items.amount_yuan,
        line_items.page,

        -- extras: keys and provenance
        line_items.line_item_key,
        line_items.document_key,
        line_items.department_key,
        documents.scope,
        line_items.row_kind,
        line_items.account_code,
        line_items.secondary_code,
        line_items.column_header,
        line_items.table_index,
        line_items.table_title,
        line_items.block_index,
        line_items.row_index,
        line_items.col_index,
        line_items.amount_text,
        line_items.is_ocr,
        line_items.verified,
        line_items.table_confidence

    from line_items
    left join documents
        on line_items.document_key = documents.document_key
    left join source_files
        on line_items.document_key = source_files.document_key

)

select * from final
