-- Checks within one summary table (收支总表 / 财政拨款收支总表):
--   * 本年收入合计 / 本年支出合计 = Σ the numbered items above it on the same side, per column
--     (and per column group: a side printed once per classification adds up in each);
--   * 收入总计 = 支出总计;
--   * on every expenditure row of the fiscal summary, 合计 = 一般公共预算 + 政府性基金 +
--     国有资本经营 (the columns printed on the row).

with

summary_items as (

    select * from {{ ref('fct_summary_items') }}

),

current_year_totals as (

    select * from {{ ref('int_summary_current_year_totals') }}

),

-- ------------------------------------------------ 本年合计 = Σ items

item_comparisons as (

    select
        totals.document_key,
        'summary_current_year_total_equals_sum_of_items' as check_name,
        totals.table_type,
        totals.table_index,
        totals.measure,
        totals.stage,
        totals.item_label as subject,
        totals.side as subject_name,
        totals.amount as printed,
        totals.unit,
        totals.page,
        totals.block_index,
        totals.row_index,
        -- a side printed once per classification prints a 本年支出合计 per column group
        totals.col_index,
        items.item_name as input_name,
        items.amount as input_amount,
        [items.block_index, items.row_index] as input_order
    from current_year_totals as totals
    inner join summary_items as items
        on totals.document_key = items.document_key
        and totals.table_index = items.table_index
        and totals.side = items.side
        and totals.column_group is not distinct from items.column_group
        and totals.measure = items.measure
        and totals.stage = items.stage
        and items.item_kind = 'current_year_item'

),

-- ------------------------------------------------ 合计 = Σ appropriation columns

fund_cells as (

    select
        *,
        measure in ('general_public_budget', 'government_fund', 'state_capital') as is_fund
    from summary_items
    where table_type = 'fiscal_summary'
        and side = 'expenditure'

),

-- rows with exactly one 合计 cell and no appropriation column printed twice
fund_rows as (

    select
        document_key,
        table_type,
        table_index,
        stage,
        block_index,
        row_index,
        min(item_label) as item_label,
        min(unit) as unit,
        min(page) as page,
        min(amount) filter (where measure = 'total') as total_amount
    from fund_cells
    group by all
    having count(*) filter (where measure = 'total') = 1
        and count(*) filter (where is_fund) = count(distinct measure) filter (where is_fund)

),

fund_comparisons as (

    select
        fund_rows.document_key,
        'fiscal_summary_row_total_equals_sum_of_funds' as check_name,
        fund_rows.table_type,
        fund_rows.table_index,
        'total' as measure,
        fund_rows.stage,
        fund_rows.item_label as subject,
        fund_rows.item_label as subject_name,
        fund_rows.total_amount as printed,
        fund_rows.unit,
        fund_rows.page,
        fund_rows.block_index,
        fund_rows.row_index,
        fund_cells.measure as input_name,
        fund_cells.amount as input_amount,
        fund_cells.col_index as input_order
    from fund_rows
    inner join fund_cells
        on fund_rows.document_key = fund_cells.document_key
        and fund_rows.table_type = fund_cells.table_type
        and fund_rows.table_index = fund_cells.table_index
        and fund_rows.stage is not distinct from fund_cells.stage
        and fund_rows.block_index = fund_cells.block_index
        and fund_rows.row_index = fund_cells.row_index
        and fund_cells.is_fund

),

-- ------------------------------------------------ 收入总计 = 支出总计

grand_totals as (

    select * from summary_items
    where item_kind = 'grand_total'
        and measure = 'total'
    qualify
        row_number() over (
            partition by document_key, table_index, side, stage
            order by block_index, row_index, col_index
        ) = 1

),

balance_pairs as (

    select
        expenditure.document_key,
        'summary_totals_balance' as check_name,
        expenditure.table_type,
        expenditure.table_index,
        expenditure.measure,
        expenditure.stage,
        expenditure.item_label as subject,
        'income 收入总计 = expenditure 支出总计' as subject_name,
        income.item_label || '=' || cast(income.amount as varchar) as inputs,
        1 as input_count,
        expenditure.amount as printed,
        expenditure.unit,
        expenditure.page,
        expenditure.block_index,
        expenditure.row_index,
        cast(null as varchar) as compared_table_type,
        income.amount as compared_amount,
        -- the same table: no unit conversion
        cast(null as varchar) as compared_unit,
        0.00 as base_tolerance
    from grand_totals as expenditure
    inner join grand_totals as income
        on expenditure.document_key = income.document_key
        and expenditure.table_index = income.table_index
        and expenditure.stage = income.stage
        and income.side = 'income'
    where expenditure.side = 'expenditure'

),

item_checks as (

    {{ sum_check_rows('item_comparisons', per_printed_cell=true) }}

),

fund_checks as (

    {{ sum_check_rows('fund_comparisons') }}

),

balance_checks as (

    {{ pair_check_rows('balance_pairs') }}

),

final as (

    select * from item_checks
    union all by name
    select * from fund_checks
    union all by name
    select * from balance_checks

)

select * from final
