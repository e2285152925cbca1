-- Every printed amount cell with its document's metadata, keys to the
-- dimensions, the amount in yuan, whether it belongs to the line-item
-- contract (account-coded table, account or total row), and the cell's
-- bounding box on its page (PDF points from the top-left; NULL for text sources).

with

line_items as (

    select * from {{ ref('stg_line_items') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

tables as (

    select * from {{ ref('stg_tables') }}

),

table_types as (

    select * from {{ ref('table_types') }}

),

cells as (

    select * from {{ ref('stg_table_cells') }}

),

joined as (

    select
        line_items.*,
        documents.report_type,
        documents.fiscal_year,
        documents.department,
        documents.scope,
        -- the cell's own unit, else its table's 单位 line, else the document's
        coalesce(line_items.unit, tables.unit, documents.unit) as resolved_unit,
        coalesce(table_types.in_line_items_view, false) as is_account_table,
        {{ identity_confidence('tables.identities_held', 'tables.identities_tested') }} as table_confidence,
        cells.x0 as cell_x0,
        cells.top as cell_top,
        cells.x1 as cell_x1,
        cells.bottom as cell_bottom

    from line_items
    left join documents
        on line_items.document_id = documents.document_id
    left join tables
        on line_items.document_id = tables.document_id
        and line_items.table_index = tables.table_index
    left join table_types
        on line_items.table_type = table_types.table_type_code
    left join cells
        on line_items.document_id = cells.document_id
        and line_items.block_index = cells.block_index
        and line_items.row_index = cells.row_index
        and line_items.col_index = cells.col_index

),

final as (

    select
        -- keys
        {{ make_key(['document_id', 'table_index', 'block_index', 'row_index', 'col_index']) }} as line_item_key,
        document_id as document_key,
        {{ make_key(['department', 'scope']) }} as department_key,
        {{ make_key(['document_id', 'table_index']) }} as table_key,
        case
            when row_kind = 'account' and row_key is not null
                then {{ make_key(['row_key']) }}
        end as account_key,

        -- document
        fiscal_year,
        report_type,

        -- table
        table_type,
        table_index,
        table_title,

        -- row
        row_key,
        row_kind,
        account_code,
        secondary_code,
        account_name,
        row_label,

        -- column
        measure,
        column_header,
        side,
        stage,
        column_group,

        -- amounts (exact decimal arithmetic: 万元 × 10000)
        amount,
        resolved_unit as unit,
        {{ amount_in_yuan('amount', 'resolved_unit') }} as amount_yuan,

        -- provenance
        page,
        block_index,
        row_index,
        col_index,
        amount_text,
        is_ocr,
        cell_x0,
        cell_top,
        cell_x1,
        cell_bottom,

        -- verification by the documents' own arithmetic
        verified,
        table_confidence,

        -- routing: the line-item fact vs. other table rows
        is_account_table
        and row_kind in ('account', 'total', 'total_personnel', 'total_public_use')
            as is_line_item_fact

    from joined

)

select * from final
