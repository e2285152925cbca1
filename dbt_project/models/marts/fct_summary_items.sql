-- The summary tables as a fact (收支总表事实): one printed amount cell of the
-- 收入支出决算总表 / 部门收支总表 (`summary`) or the 财政拨款收入支出决算总表 /
-- 财政拨款收支总表 (`fiscal_summary`), with its side (income / expenditure), item,
-- kind of item, functional class, measure and stage. Same provenance and exact
-- DECIMAL amounts as fct_line_items.

with

items as (

    select * from {{ ref('int_summary_items') }}

),

classes as (

    select * from {{ ref('functional_classes') }}

),

final as (

    select
        -- keys
        items.line_item_key,
        items.document_key,
        items.department_key,
        items.table_key,

        -- document
        items.fiscal_year,
        items.report_type,

        -- table
        items.table_type,
        items.table_index,
        items.table_title,

        -- item
        items.resolved_side as side,
        items.column_group,
        items.row_label as item_label,
        items.item_name,
        items.item_kind,
        items.functional_class_code,
        classes.name_zh as functional_class_name,

        -- column
        items.resolved_measure as measure,
        items.resolved_stage as stage,
        items.column_header,

        -- amount
        items.amount,
        items.unit,
        items.amount_yuan,

        -- provenance
        items.page,
        items.block_index,
        items.row_index,
        items.col_index,
        items.amount_text,
        items.is_ocr,
        items.cell_x0,
        items.cell_top,
        items.cell_x1,
        items.cell_bottom

    from items
    left join classes
        on items.functional_class_code = cast(classes.class_code as varchar)

)

select * from final
