-- 项目合计 = Σ项目: the project table's 合计 row equals the sum of its projects, in
-- the total columns only — the funding columns of continuation pages are too
-- often misaligned. A column is matched by its measure and its header, so that two
-- columns read as the same measure (合计 and 财政拨款小计) are two checks, each over
-- its own column, not one check over both.

with

projects as (

    select * from {{ ref('fct_projects') }}

),

comparisons as (

    select
        totals.document_key,
        'projects_total_equals_sum_of_projects' as check_name,
        'project_expenditure' as table_type,
        totals.table_index,
        totals.measure,
        totals.stage,
        totals.project_name as subject,
        totals.project_name as subject_name,
        totals.amount as printed,
        totals.unit,
        totals.page,
        totals.block_index,
        totals.row_index,
        totals.col_index,
        items.project_name as input_name,
        items.amount as input_amount,
        [items.block_index, items.row_index] as input_order
    from projects as totals
    inner join projects as items
        on totals.document_key = items.document_key
        and totals.table_index = items.table_index
        and totals.measure = items.measure
        and totals.stage = items.stage
        and totals.column_header is not distinct from items.column_header
        and not items.is_total
    where totals.is_total
        and totals.measure = 'total'

)

{{ sum_check_rows('comparisons', per_printed_cell=true) }}
