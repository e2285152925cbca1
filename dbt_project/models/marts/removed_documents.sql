-- Documents whose content left raw/ (file deleted, or replaced by new content
-- under the same name): their rows are gone from the facts; this is the record.

with

removed as (

    select * from {{ ref('stg_removed_documents') }}

),

final as (

    select
        -- keys
        document_id as document_key,

        -- document
        source_file,
        sha256,
        change,
        report_type,
        fiscal_year,
        department,
        line_item_count,

        -- history
        extracted_at,
        removed_at

    from removed

)

select * from final
