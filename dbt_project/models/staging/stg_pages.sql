with

source as (

    select * from {{ source('budget_parquet', 'pages') }}

),

renamed as (

    select
        -- keys
        cast(document_id as varchar) as document_id,
        cast(page as integer) as page,

        -- content
        cast(source_file as varchar) as source_file,
        cast(text as varchar) as page_text,

        -- how the text was obtained
        cast(has_text_layer as boolean) as has_text_layer,
        cast(is_ocr as boolean) as is_ocr,
        cast(needs_ocr as boolean) as needs_ocr

    from source
    {{ without_quarantined() }}

)

select * from renamed
