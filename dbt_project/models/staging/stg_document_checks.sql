with

source as (

    select * from {{ source('budget_ingestion', 'document_checks') }}

),

renamed as (

    select
        -- document
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,

        -- check
        cast(check_name as varchar) as check_name,
        cast(passed as boolean) as passed,
        cast(value as double) as value,
        cast(threshold as double) as threshold,
        cast(detail as varchar) as detail

    from source
    {{ without_quarantined() }}

)

select * from renamed
