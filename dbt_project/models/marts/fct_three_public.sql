-- The “三公” expenses as a fact (“三公”经费事实): one printed amount of the 财政拨款
-- “三公”经费支出(决算)表 — item (因公出国（境）费, 公务用车购置及运行维护费 and its
-- parts, 公务接待费, 合计) × stage (预算数 budget / 决算数 final) × measure.
--
-- Final accounts print one row under a two-level header (预算数 | 决算数 × items);
-- budgets print one row per item. In the one-row layout each amount belongs to the
-- stage of the 合计 column that opens its group (the header's 预算数/决算数 span is
-- not always printed above the right column); elsewhere the column header's stage,
-- else the document's report type. A second printing of the same item, stage and
-- measure (a repeated 合计 row, or a misprinted header naming an item twice) is kept
-- with is_repeat = true and left out of the reconciliation sums.

with

cells as (

    select * from {{ ref('int_line_items__with_documents') }}
    where table_type = 'three_public'
        and row_key is not null

),

items as (

    select * from {{ ref('three_public_items') }}

),

staged as (

    select
        cells.*,
        coalesce(
            case
                when coalesce(cells.row_label, '') = ''
                    then last_value(case when cells.row_key = 'total' then cells.stage end ignore nulls) over (
                        partition by cells.document_key, cells.table_index, cells.block_index, cells.row_index
                        order by cells.col_index
                        rows between unbounded preceding and current row
                    )
            end,
            cells.stage,
            cells.report_type
        ) as resolved_stage
    from cells

),

flagged as (

    select
        staged.*,
        row_number() over (
            partition by staged.document_key, staged.table_index, staged.resolved_stage, staged.row_key, staged.measure
            order by staged.block_index, staged.row_index, staged.col_index
        ) > 1 as is_repeat
    from staged

),

final as (

    select
        -- keys
        flagged.line_item_key,
        flagged.document_key,
        flagged.department_key,
        flagged.table_key,

        -- document
        flagged.fiscal_year,
        flagged.report_type,

        -- table
        flagged.table_index,
        flagged.table_title,

        -- item
        flagged.row_key as item_code,
        items.name_zh as item_name_zh,
        items.parent_item_code,
        coalesce(nullif(flagged.row_label, ''), flagged.column_header) as item_label,
        flagged.is_repeat,

        -- column
        flagged.resolved_stage as stage,
        flagged.measure,
        flagged.column_header,

        -- amount
        flagged.amount,
        flagged.unit,
        flagged.amount_yuan,

        -- provenance
        flagged.page,
        flagged.block_index,
        flagged.row_index,
        flagged.col_index,
        flagged.amount_text,
        flagged.is_ocr,
        flagged.cell_x0,
        flagged.cell_top,
        flagged.cell_x1,
        flagged.cell_bottom

    from flagged
    left join items
        on flagged.row_key = items.item_code

)

select * from final
