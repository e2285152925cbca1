-- The 本年收入合计 / 本年支出合计 (current-year total) of each summary table, side, column
-- group (a side printed once per classification has one per group), column (measure) and
-- stage: the first printed, when a table prints it twice.

with

summary_items as (

    select * from {{ ref('fct_summary_items') }}

),

final as (

    select * from summary_items
    where item_kind = 'current_year_total'
    qualify
        row_number() over (
            partition by document_key, table_index, side, column_group, measure, stage
            order by block_index, row_index, col_index
        ) = 1

)

select * from final
