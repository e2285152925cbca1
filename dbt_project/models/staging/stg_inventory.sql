with

source as (

    select * from {{ source('budget_parquet', 'inventory') }}

),

renamed as (

    select
        -- keys
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,

        -- file
        cast(source_path as varchar) as source_path,
        cast(sha256 as varchar) as sha256,
        cast(size_bytes as bigint) as size_bytes,
        cast(format as varchar) as format,
        cast(modified_at as timestamptz) as modified_at

    from source

)

select * from renamed
