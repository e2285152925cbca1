-- Project tables as a fact (项目支出事实): one printed amount of a 项目支出(预算/决算)表
-- row — the project's name as printed, the measure of the column and the amount.
-- The table's 合计 row is kept with is_total = true.

with

cells as (

    select * from {{ ref('int_line_items__with_documents') }}
    where table_type = 'project_expenditure'

),

final as (

    select
        -- keys
        line_item_key,
        document_key,
        department_key,
        table_key,

        -- document
        fiscal_year,
        report_type,

        -- table
        table_index,
        table_title,

        -- project
        row_label as project_name,
        coalesce(row_label in ('合计', '总计', '小计'), false) as is_total,
        account_code,

        -- column
        measure,
        coalesce(stage, report_type) as stage,
        column_header,

        -- amount
        amount,
        unit,
        amount_yuan,

        -- provenance
        page,
        block_index,
        row_index,
        col_index,
        amount_text,
        is_ocr,
        cell_x0,
        cell_top,
        cell_x1,
        cell_bottom

    from cells

)

select * from final
