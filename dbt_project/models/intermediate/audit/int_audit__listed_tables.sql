-- presence_listed_table_missing: a table the document's table of contents (目录) names that is
-- not among its tables. The parser reads the contents and compares (pipeline/parse/contents.py,
-- parse issue listed_table_not_found: the table type in `detail`'s first field, the contents
-- line after the tab). Only documents that print at least one table are audited: a 情况说明
-- whose tables are published in another file lists tables it does not hold.

with

issues as (

    select * from {{ ref('stg_parse_issues') }}
    where issue_code = 'listed_table_not_found'

),

tables as (

    select * from {{ ref('dim_table') }}

),

parsed as (

    select
        document_id as document_key,
        page,
        split_part(detail, chr(9), 1) as table_type,
        substr(detail, length(split_part(detail, chr(9), 1)) + 2) as contents_line
    from issues

),

findings as (

    select
        document_key,
        'presence_listed_table_missing' as rule_id,
        table_type as finding_subject,
        page,
        null as table_index,
        table_type,
        '目录所列表格未见：目录列有“' || contents_line || '”，文中未找到该表' as message_zh,
        'Listed in the contents but not found: ' || contents_line || ' (' || table_type || ')' as message_en,
        contents_line as expected,
        null as found,
        contents_line as quoted_text,
        null as check_key,
        false as reading_uncertain
    from parsed
    where exists (
            select 1 from tables
            where tables.document_key = parsed.document_key
        )

)

{{ audit_rows('findings') }}
