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

checks as (

    select * from {{ ref('fct_reconciliation_checks') }}

),

ingestion_errors as (

    select * from {{ ref('ingestion_errors') }}
    where is_current

),

check_counts as (

    select
        document_key,
        count(*) as check_count,
        count(*) filter (where passed) as check_passed_count,
        count(*) filter (where not passed) as check_failed_count
    from checks
    group by document_key

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
        count(*) filter (where severity = 'error') as parse_error_count,
        count(*) filter (where severity in ('warning', 'error')) as parse_warning_count
    from parse_issues
    group by document_id

),

joined as (

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

        -- region (行政区划), from the department name
        documents.province,
        documents.city,
        documents.county,
        documents.division_code,

        -- outcome: a document with anything loaded is loaded (with warnings when something
        -- in it could not be read); refused = not a disclosure; failed = could not be read
        -- or held back by the build (ingestion_errors says why)
        case
            when ingestion_errors.outcome is not null then ingestion_errors.outcome
            when coalesce(issue_counts.parse_warning_count, 0) > 0 then 'loaded_with_warnings'
            else 'loaded'
        end as status,
        ingestion_errors.reason as status_reason,
        documents.status as parse_status,
        documents.extracted_at,
        documents.parser_version,
        documents.table_count,
        documents.line_item_count,
        coalesce(line_item_counts.line_item_fact_count, 0) as line_item_fact_count,
        coalesce(line_item_counts.other_table_row_count, 0) as other_table_row_count,
        coalesce(issue_counts.parse_issue_count, 0) as parse_issue_count,
        coalesce(issue_counts.parse_error_count, 0) as parse_error_count,

        -- 勾稽 quality: share of reconciliation checks that pass (NULL without checks)
        coalesce(check_counts.check_count, 0) as check_count,
        coalesce(check_counts.check_passed_count, 0) as check_passed_count,
        coalesce(check_counts.check_failed_count, 0) as check_failed_count,
        cast(
            round(check_counts.check_passed_count / nullif(check_counts.check_count, 0), 4)
            as decimal(5, 4)
        ) as quality_score

    from documents
    left join line_item_counts
        on documents.document_id = line_item_counts.document_key
    left join issue_counts
        on documents.document_id = issue_counts.document_id
    left join check_counts
        on documents.document_id = check_counts.document_key
    left join ingestion_errors
        on documents.document_id = ingestion_errors.document_key
        and documents.source_file = ingestion_errors.source_file

),

normalized as (

    -- the department name for matching budgets with final accounts: whitespace removed,
    -- （ ） made ( ), scope markers (汇总)/(本级) dropped, the region's place names removed
    select
        *,
        regexp_replace(
            translate(regexp_replace(department, '\s+', '', 'g'), '（）', '()'),
            '\((汇总|本级|部门|单位|机关|部门汇总|部门本级)\)',
            '',
            'g'
        ) as name_without_scope
    from joined

),

keyed as (

    select
        * exclude (name_without_scope),
        case
            when department is not null
                then coalesce(division_code, '') || '|' || nullif(
                    replace(
                        replace(
                            replace(name_without_scope, coalesce(province, chr(1)), ''),
                            coalesce(city, chr(1)), ''
                        ),
                        coalesce(county, chr(1)), ''
                    ),
                    ''
                )
        end as department_match_key
    from normalized

),

final as (

    select
        *,
        -- one document per department, fiscal year and report type: several documents
        -- can be the same report (a PDF and its text); the one the parser read most
        -- amounts from, then the one with the best quality score, is the preferred one
        count(*) over (partition by department_match_key, fiscal_year, report_type) as version_count,
        row_number() over (
            partition by department_match_key, fiscal_year, report_type
            order by line_item_fact_count + other_table_row_count desc, quality_score desc nulls last, source_file asc
        ) = 1 as is_preferred
    from keyed

)

select * from final
