with

source as (

    select * from {{ source('budget_parquet', 'line_items') }}

),

renamed as (

    select
        -- position of the printed cell
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,
        cast(table_index as integer) as table_index,
        cast(block_index as integer) as block_index,
        cast(row_index as integer) as row_index,
        cast(col_index as integer) as col_index,
        cast(page as integer) as page,

        -- table
        cast(table_title as varchar) as table_title,
        cast(table_type as varchar) as table_type,

        -- row
        cast(row_kind as varchar) as row_kind,
        cast(row_key as varchar) as row_key,
        cast(account_code as varchar) as account_code,
        cast(secondary_code as varchar) as secondary_code,
        cast(account_name as varchar) as account_name,
        cast(row_label as varchar) as row_label,

        -- column
        cast(column_header as varchar) as column_header,
        cast(measure as varchar) as measure,
        cast(side as varchar) as side,
        cast(stage as varchar) as stage,
        -- the side-by-side column group of the header the cell is in (0 = leftmost): a summary
        -- table's 收入 half, and each classification its 支出 half is printed by
        cast(column_group as integer) as column_group,

        -- amount
        cast(amount as decimal(18, 2)) as amount,
        cast(amount_text as varchar) as amount_text,
        cast(unit as varchar) as unit,
        cast(is_ocr as boolean) as is_ocr,

        -- verification: an identity of its table that holds includes this amount
        coalesce(cast(verified as boolean), false) as verified

    from source
    {{ without_quarantined() }}

)

select * from renamed
