-- One amount per document, table, stage, measure and row of the account-coded
-- tables, ready for adding up (勾稽):
--   * account rows (科目行): summed over every printing of the same code in the
--     table (a multi-unit table prints a code once per unit; budget tables may
--     split a 3xx code over several 5xx codes), with the number of printings;
--   * total rows (合计 / 人员经费合计 / 公用经费合计): the first printed.
-- Columns whose header maps to no measure (`unmapped`) are left out.
-- `is_top_level`: no ancestor code (its 类 or 款) is printed in the same table,
-- stage and measure — these rows together make up the table's TOTAL.

with

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}
    where is_line_item_fact
        and measure <> 'unmapped'

),

accounts as (

    select
        document_key,
        table_index,
        table_type,
        coalesce(stage, report_type) as stage,
        measure,
        row_key,
        'account' as row_kind,
        min(account_name) as account_name,
        sum(amount) as amount,
        count(*) as printed_count,
        min(unit) as unit,
        arg_min(page, block_index * 100000 + row_index) as page,
        arg_min(block_index, block_index * 100000 + row_index) as block_index,
        arg_min(row_index, block_index * 100000 + row_index) as row_index,
        arg_min(line_item_key, block_index * 100000 + row_index) as line_item_key
    from line_items
    where row_kind = 'account'
    group by document_key, table_index, table_type, coalesce(stage, report_type), measure, row_key

),

totals as (

    select
        document_key,
        table_index,
        table_type,
        coalesce(stage, report_type) as stage,
        measure,
        row_key,
        row_kind,
        row_label as account_name,
        amount,
        1 as printed_count,
        unit,
        page,
        block_index,
        row_index,
        line_item_key
    from line_items
    where row_kind in ('total', 'total_personnel', 'total_public_use')
    qualify
        row_number() over (
            partition by document_key, table_index, coalesce(stage, report_type), measure, row_key
            order by block_index, row_index, col_index
        ) = 1

),

unioned as (

    select * from accounts
    union all
    select * from totals

),

final as (

    select
        unioned.*,
        case when unioned.row_kind = 'account' then length(unioned.row_key) end as code_length,
        case when unioned.row_kind = 'account' then left(unioned.row_key, 3) end as class_code,
        unioned.row_kind = 'account' and not exists (
            select 1
            from accounts as ancestors
            where ancestors.document_key = unioned.document_key
                and ancestors.table_index = unioned.table_index
                and ancestors.stage is not distinct from unioned.stage
                and ancestors.measure = unioned.measure
                and ancestors.row_key <> unioned.row_key
                and ancestors.row_key in (left(unioned.row_key, 3), left(unioned.row_key, 5))
        ) as is_top_level
    from unioned

)

select * from final
