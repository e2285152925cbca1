-- Every file the pipeline could not load, with the reason in plain language and
-- when it was first and last seen. One row per file name of a failing content
-- that is in raw/ now (is_current), plus one row per failing content that has
-- left raw/ since (kept as history, is_current = false).

with

errors as (

    select * from {{ ref('stg_ingestion_errors') }}

),

inventory as (

    select * from {{ ref('stg_inventory') }}

),

current_files as (

    select distinct
        document_id,
        source_file,
        source_path
    from inventory

),

final as (

    select
        -- keys
        errors.document_id as document_key,

        -- file
        coalesce(current_files.source_file, errors.source_file) as source_file,
        current_files.source_path,
        errors.sha256,
        errors.format,
        errors.size_bytes,

        -- failure
        errors.stage,
        errors.issue_code,
        errors.reason,

        -- history
        errors.first_seen,
        errors.last_seen,
        current_files.document_id is not null as is_current

    from errors
    left join current_files
        on errors.document_id = current_files.document_id

)

select * from final
