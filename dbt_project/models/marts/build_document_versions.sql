-- One row per document whose rows this warehouse holds, with the version of its
-- parsed output: a hash of its documents row, which the parse stage rewrites (with a
-- new extracted_at) whenever it parses the document again. The incremental facts
-- compare it with the versions of the previous build (macros/incremental_documents.sql).

with

documents as (

    select * from {{ ref('stg_documents') }}
    {{ without_quarantined() }}

),

final as (

    select
        document_id,
        md5(cast(documents as varchar)) as document_version

    from documents

)

select * from final
