-- presence_table_duplicated_differently: two tables of a document with the same title (spaces
-- aside) that print different totals — the same table printed twice with different numbers.
-- A table's total is its first 合计/总计 in the 合计 column (account tables: the TOTAL row;
-- summary tables: the grand total), compared in 元. Tables without a total are not compared;
-- the same table printed twice with the same total is a reprint, not a finding.

with

tables as (

    select * from {{ ref('dim_table') }}

),

line_items as (

    select * from {{ ref('fct_line_items') }}

),

summary_items as (

    select * from {{ ref('fct_summary_items') }}

),

totals as (

    select
        document_key,
        table_index,
        amount,
        amount_yuan,
        unit,
        page
    from line_items
    where row_key = 'TOTAL'
        and measure = 'total'
    qualify row_number() over (partition by document_key, table_index order by block_index, row_index, col_index) = 1

    union all

    select
        document_key,
        table_index,
        amount,
        amount_yuan,
        unit,
        page
    from summary_items
    where item_kind = 'grand_total'
        and measure = 'total'
    qualify row_number() over (partition by document_key, table_index order by block_index, row_index, col_index) = 1

),

titled as (

    select
        tables.document_key,
        tables.table_index,
        tables.table_type,
        tables.table_title,
        regexp_replace(tables.table_title, '\s', '', 'g') as title_key,
        totals.amount,
        totals.amount_yuan,
        totals.unit,
        coalesce(totals.page, tables.page_first) as page
    from tables
    inner join totals
        on tables.document_key = totals.document_key
        and tables.table_index = totals.table_index
    where tables.table_title is not null

),

findings as (

    select
        later.document_key,
        'presence_table_duplicated_differently' as rule_id,
        cast(later.table_index as varchar) as finding_subject,
        later.page,
        later.table_index,
        later.table_type,
        '同一表重复且数字不同：' || later.table_title || ' 印了两次，合计分别为 '
        || cast(earlier.amount as varchar) || coalesce(earlier.unit, '') || ' 和 '
        || cast(later.amount as varchar) || coalesce(later.unit, '') as message_zh,
        'Table printed twice with different totals: ' || later.table_title || ' (' || cast(earlier.amount as varchar)
        || ' vs ' || cast(later.amount as varchar) || ')' as message_en,
        cast(earlier.amount as varchar) as expected,
        cast(later.amount as varchar) as found,
        later.table_title as quoted_text,
        null as check_key,
        false as reading_uncertain
    from titled as later
    inner join titled as earlier
        on later.document_key = earlier.document_key
        and later.title_key = earlier.title_key
        and later.table_index > earlier.table_index
    where later.amount_yuan is distinct from earlier.amount_yuan
    qualify row_number() over (partition by later.document_key, later.table_index order by earlier.table_index) = 1

)

{{ audit_rows('findings') }}
