with

source as (

    select * from {{ source('budget_ingestion', 'removed_documents') }}

),

renamed as (

    select
        -- document
        cast(document_id as varchar) as document_id,
        cast(sha256 as varchar) as sha256,
        cast(source_file as varchar) as source_file,
        cast(change as varchar) as change,

        -- what it held
        cast(report_type as varchar) as report_type,
        cast(fiscal_year as integer) as fiscal_year,
        cast(department as varchar) as department,
        cast(line_item_count as integer) as line_item_count,

        -- history
        cast(extracted_at as timestamptz) as extracted_at,
        cast(removed_at as timestamptz) as removed_at

    from source

)

select * from renamed
