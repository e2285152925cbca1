with

source as (

    select * from {{ source('budget_parquet', 'blocks') }}

),

renamed as (

    select
        -- keys
        cast(document_id as varchar) as document_id,
        cast(block_index as integer) as block_index,

        -- block
        cast(source_file as varchar) as source_file,
        cast(kind as varchar) as block_kind,
        cast(page as integer) as page,
        cast(text as varchar) as block_text,
        cast(n_rows as integer) as n_rows,
        cast(n_cols as integer) as n_cols,
        cast(is_ocr as boolean) as is_ocr,
        cast(reading as varchar) as reading

    from source
    {{ without_quarantined() }}

)

select * from renamed
