with

source as (

    select * from {{ source('budget_parquet', 'parse_issues') }}

),

renamed as (

    select
        -- document
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,
        cast(sha256 as varchar) as sha256,

        -- issue
        cast(stage as varchar) as stage,
        cast(issue_code as varchar) as issue_code,
        cast(severity as varchar) as severity,
        cast(reason as varchar) as reason,

        -- where
        cast(page as integer) as page,
        cast(table_index as integer) as table_index,
        cast(detail as varchar) as detail

    from source
    {{ without_quarantined() }}

)

select * from renamed
