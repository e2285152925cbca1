with

source as (

    select * from {{ source('budget_ingestion', 'ingestion_errors') }}

),

renamed as (

    select
        -- document
        cast(document_id as varchar) as document_id,
        cast(sha256 as varchar) as sha256,
        cast(source_file as varchar) as source_file,
        cast(source_files as varchar) as source_files,
        cast(format as varchar) as format,
        cast(size_bytes as bigint) as size_bytes,

        -- failure
        cast(stage as varchar) as stage,
        cast(issue_code as varchar) as issue_code,
        cast(reason as varchar) as reason,
        cast(outcome as varchar) as outcome,

        -- history
        cast(first_seen as timestamptz) as first_seen,
        cast(last_seen as timestamptz) as last_seen

    from source

)

select * from renamed
