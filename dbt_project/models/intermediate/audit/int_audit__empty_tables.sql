-- presence_empty_table_unmarked: a table that prints nothing — no figure in any of its cells,
-- not even 0 or a dash — and no note saying it is empty (本表无数据 / 无此项收支). It rests on
-- the parser's table_without_amounts issue (no amount read, no note found) and keeps only the
-- tables whose cells hold no number at all, so that a table the parser could not read is not
-- reported as blank.

with

issues as (

    select * from {{ ref('stg_parse_issues') }}
    where issue_code = 'table_without_amounts'

),

tables as (

    select * from {{ ref('dim_table') }}

),

cells as (

    select * from {{ ref('stg_table_cells') }}

),

-- tables with a cell printing a figure or a dash (1.00, 1,234, 0, - for nil); account codes
-- (201, 30101) and 栏次 numbers are not figures
tables_with_figures as (

    select distinct
        tables.document_key,
        tables.table_index
    from tables
    inner join cells
        on tables.document_key = cells.document_id
        and list_contains(string_split(tables.block_indexes, ','), cast(cells.block_index as varchar))
    where regexp_matches(trim(cells.cell_text), '^[-−]?[0-9][0-9,]*\.[0-9]+$|^[0-9]{1,3}(,[0-9]{3})+$|^0$|^[-—–]+$')

),

findings as (

    select
        tables.document_key,
        'presence_empty_table_unmarked' as rule_id,
        cast(tables.table_index as varchar) as finding_subject,
        coalesce(issues.page, tables.page_first) as page,
        tables.table_index,
        tables.table_type,
        '空表未注明：' || coalesce(tables.table_title, tables.table_type)
        || ' 未列任何数字，也未注明“本表无数据”或“无此项收支”' as message_zh,
        'Empty table without a note: ' || coalesce(tables.table_title, tables.table_type)
        || ' prints no figure and no note such as 本表无数据' as message_en,
        '本表无数据' as expected,
        null as found,
        tables.table_title as quoted_text,
        null as check_key,
        false as reading_uncertain
    from issues
    inner join tables
        on issues.document_id = tables.document_key
        and issues.table_index = tables.table_index
    where not tables.no_data_note
        and not exists (
            select 1 from tables_with_figures
            where tables_with_figures.document_key = tables.document_key
                and tables_with_figures.table_index = tables.table_index
        )

)

{{ audit_rows('findings') }}
