-- One row per raw file name of a document. Identical content under two names
-- is read once (one document_id); each name still gets its rows in
-- line_items_flat. The document's own name counts even if the inventory lacks it.

with

inventory as (

    select * from {{ ref('stg_inventory') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

all_names as (

    select
        document_id,
        source_file,
        source_path,
        modified_at
    from inventory
    union all
    select
        document_id,
        source_file,
        source_path,
        cast(null as timestamptz) as modified_at
    from documents

),

distinct_names as (

    select
        document_id,
        source_file,
        min(source_path) as source_path,
        max(modified_at) as modified_at
    from all_names
    where document_id is not null
        and source_file is not null
    group by document_id, source_file

),

final as (

    select
        -- keys
        {{ make_key(['distinct_names.document_id', 'distinct_names.source_file']) }} as source_file_key,
        distinct_names.document_id as document_key,

        -- file
        distinct_names.source_file,
        distinct_names.source_path,
        distinct_names.modified_at,
        coalesce(distinct_names.source_file = documents.source_file, false) as is_primary

    from distinct_names
    left join documents
        on distinct_names.document_id = documents.document_id

)

select * from final
