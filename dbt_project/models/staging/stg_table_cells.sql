with

source as (

    select * from {{ source('budget_parquet', 'table_cells') }}

),

renamed as (

    select
        -- keys
        cast(document_id as varchar) as document_id,
        cast(block_index as integer) as block_index,
        cast(row_index as integer) as row_index,
        cast(col_index as integer) as col_index,

        -- content
        cast(source_file as varchar) as source_file,
        cast(page as integer) as page,
        cast(text as varchar) as cell_text,

        -- position on the page (PDF points)
        cast(x0 as double) as x0,
        cast(top as double) as top,
        cast(x1 as double) as x1,
        cast(bottom as double) as bottom,
        cast(is_ocr as boolean) as is_ocr

    from source
    {{ without_quarantined() }}

)

select * from renamed
