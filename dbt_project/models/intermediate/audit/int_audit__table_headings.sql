-- consistency_fiscal_year / consistency_department: a table whose heading prints another
-- year (its title: 2026年部门收支总表) or another department (its 部门/单位 line) than the
-- document's. Departments differ when neither name contains the other (a scope marker
-- such as （汇总） is already dropped by the parser): a name misprinted, a template left
-- unfilled (洛阳市XXXX局), another unit's table.

with

tables as (

    select * from {{ ref('stg_tables') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

headings as (

    select
        tables.document_id as document_key,
        tables.table_index,
        tables.table_type,
        tables.table_title,
        tables.page_first as page,
        tables.heading_year,
        tables.heading_department,
        documents.fiscal_year,
        documents.department
    from tables
    inner join documents
        on tables.document_id = documents.document_id

),

year_findings as (

    select
        document_key,
        'consistency_fiscal_year' as rule_id,
        cast(table_index as varchar) as finding_subject,
        page,
        table_index,
        table_type,
        '表头年度与文件不一致：' || coalesce(table_title, table_type) || ' 标为 ' || cast(heading_year as varchar)
        || ' 年，文件为 ' || cast(fiscal_year as varchar) || ' 年' as message_zh,
        'Year differs: ' || coalesce(table_title, table_type) || ' prints ' || cast(heading_year as varchar)
        || ', the document is ' || cast(fiscal_year as varchar) as message_en,
        cast(fiscal_year as varchar) as expected,
        cast(heading_year as varchar) as found,
        table_title as quoted_text,
        null as check_key,
        false as reading_uncertain
    from headings
    where heading_year <> fiscal_year

),

department_findings as (

    select
        document_key,
        'consistency_department' as rule_id,
        cast(table_index as varchar) as finding_subject,
        page,
        table_index,
        table_type,
        '表头部门与文件不一致：' || coalesce(table_title, table_type) || ' 的部门（单位）为“' || heading_department
        || '”，文件为“' || department || '”' as message_zh,
        'Department differs: ' || coalesce(table_title, table_type) || ' names ' || heading_department
        || ', the document ' || department as message_en,
        department as expected,
        heading_department as found,
        heading_department as quoted_text,
        null as check_key,
        false as reading_uncertain
    from headings
    where not contains(heading_department, department)
        and not contains(department, heading_department)

),

findings as (

    select * from year_findings
    union all
    select * from department_findings

)

{{ audit_rows('findings') }}
