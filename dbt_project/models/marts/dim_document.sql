with

documents as (

    select * from {{ ref('stg_documents') }}

),

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}

),

parse_issues as (

    select * from {{ ref('stg_parse_issues') }}

),

line_item_counts as (

    select
        document_key,
        count(*) filter (where is_line_item_fact) as line_item_fact_count,
        count(*) filter (where not is_line_item_fact) as other_table_row_count
    from line_items
    group by document_key

),

issue_counts as (

    select
        document_id,
        count(*) as parse_issue_count,
        count(*) filter (where severity = 'error') as parse_error_count
    from parse_issues
    group by document_id

),

final as (

    select
        -- keys
        documents.document_id as document_key,
        {{ make_key(['documents.department', 'documents.scope']) }} as department_key,

        -- file
        documents.source_file,
        documents.source_path,
        documents.sha256,
        documents.size_bytes,
        documents.format,
        documents.page_count,

        -- detected metadata
        documents.report_type,
        documents.fiscal_year,
        documents.department,
        documents.scope,
        documents.unit,

        -- parse outcome
        documents.status,
        documents.extracted_at,
        documents.parser_version,
        documents.table_count,
        documents.line_item_count,
        coalesce(line_item_counts.line_item_fact_count, 0) as line_item_fact_count,
        coalesce(line_item_counts.other_table_row_count, 0) as other_table_row_count,
        coalesce(issue_counts.parse_issue_count, 0) as parse_issue_count,
        coalesce(issue_counts.parse_error_count, 0) as parse_error_count

    from documents
    left join line_item_counts
        on documents.document_id = line_item_counts.document_key
    left join issue_counts
        on documents.document_id = issue_counts.document_id

)

select * from final
