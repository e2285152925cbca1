-- Every file the pipeline could not load, with the reason in plain language and
-- when it was first and last seen. One row per file name of a failing content
-- that is in raw/ now (is_current), plus one row per failing content that has
-- left raw/ since (kept as history, is_current = false). A document the
-- warehouse build held back (its rows failed a data test) is here too, at stage
-- 'warehouse' with the test's meaning, for as long as the build holds it back.

with

ledger_errors as (

    select * from {{ ref('stg_ingestion_errors') }}

),

quarantined as (

    select * from {{ ref('stg_quarantined_documents') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

held_back as (

    select
        quarantined.document_id,
        documents.sha256,
        documents.source_file,
        documents.format,
        documents.size_bytes,
        'warehouse' as stage,
        'failed_data_test' as issue_code,
        quarantined.reason,
        'failed' as outcome,
        quarantined.held_at as first_seen,
        quarantined.held_at as last_seen
    from quarantined
    inner join documents
        on quarantined.document_id = documents.document_id
    where quarantined.document_id not in (select ledger_errors.document_id from ledger_errors)

),

errors as (

    select
        document_id,
        sha256,
        source_file,
        format,
        size_bytes,
        stage,
        issue_code,
        reason,
        outcome,
        first_seen,
        last_seen
    from ledger_errors
    union all by name
    select * from held_back

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
        -- refused: the file is not a budget or final-account disclosure (not a format the
        -- pipeline reads, or its content is something else); failed: it could not be read
        -- or loaded (empty, damaged, encrypted, time limit, held back by the build)
        -- (pipeline/load/ledger.py decides; a held-back document failed)
        coalesce(errors.outcome, 'failed') as outcome,

        -- history
        errors.first_seen,
        errors.last_seen,
        current_files.document_id is not null as is_current

    from errors
    left join current_files
        on errors.document_id = current_files.document_id

)

select * from final
