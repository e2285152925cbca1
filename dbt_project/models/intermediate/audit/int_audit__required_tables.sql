-- presence_required_table_missing / presence_optional_table_missing: a table of the standard
-- list of the document's report type (seed audit_required_tables) that the document does not
-- print. Only documents that print at least one table of that list are audited: a 情况说明
-- published apart from its tables, or a paper that is not a disclosure, has none. A table a
-- department without such funds may leave out (政府性基金, 国有资本经营) is a warning.

with

documents as (

    select * from {{ ref('dim_document') }}

),

tables as (

    select * from {{ ref('dim_table') }}

),

required as (

    select * from {{ ref('audit_required_tables') }}

),

table_types as (

    select * from {{ ref('table_types') }}

),

-- documents printing at least one standard table
audited as (

    select distinct
        documents.document_key,
        documents.report_type
    from documents
    inner join tables
        on documents.document_key = tables.document_key
    inner join required
        on documents.report_type = required.report_type
        and tables.table_type = required.table_type

),

missing as (

    select
        audited.document_key,
        audited.report_type,
        required.table_type,
        required.may_be_omitted
    from audited
    inner join required
        on audited.report_type = required.report_type
    where not exists (
            select 1 from tables
            where tables.document_key = audited.document_key
                and tables.table_type = required.table_type
        )

),

findings as (

    select
        missing.document_key,
        case
            when missing.may_be_omitted then 'presence_optional_table_missing'
            else 'presence_required_table_missing'
        end as rule_id,
        missing.table_type as finding_subject,
        null as page,
        null as table_index,
        missing.table_type,
        case when missing.may_be_omitted then '未见可为空表的公开表：' else '缺少必须公开的表：' end
        || coalesce(
            case
                when missing.report_type = 'final' then table_types.final_title_zh
                else table_types.budget_title_zh
            end,
            missing.table_type
        )
        || case
            when missing.may_be_omitted then '（无此项资金时应公开空表并注明）'
            else ''
        end as message_zh,
        'Table not in the document: ' || missing.table_type
        || case
            when missing.may_be_omitted then ' (may be printed empty with a note when there are no such funds)'
            else ''
        end as message_en,
        missing.table_type as expected,
        null as found,
        null as quoted_text,
        null as check_key,
        false as reading_uncertain
    from missing
    left join table_types
        on missing.table_type = table_types.table_type_code

)

{{ audit_rows('findings') }}
