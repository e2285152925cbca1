-- Budget vs final within one final account (budget_source = final_account_budget_column):
-- the 预算数 column a final account prints beside its 决算数 column, in the “三公” table
-- and the summary tables. A cell of the 决算数 column is paired with the 预算数 cell of
-- the same table, item (“三公”: the item; summary tables: the printed row and side) and
-- measure. Only the final account chosen for each department and year (budget_final_pairs).

with

preferred_finals as (

    select final_document_key as document_key
    from {{ ref('budget_final_pairs') }}
    where final_document_key is not null

),

documents as (

    select * from {{ ref('dim_document') }}

),

three_public_cells as (

    select
        document_key,
        fiscal_year,
        department_key,
        'three_public' as table_type,
        table_index,
        item_code as match_key,
        item_code as row_key,
        item_name_zh as row_name,
        measure,
        stage,
        amount,
        unit,
        amount_yuan
    from {{ ref('fct_three_public') }}
    where not is_repeat
        and report_type = 'final'
        and document_key in (select preferred_finals.document_key from preferred_finals)

),

summary_cells as (

    select
        document_key,
        fiscal_year,
        department_key,
        table_type,
        table_index,
        -- the printed row and side (NULL, so never paired, when the side is unknown)
        cast(block_index as varchar) || '|' || cast(row_index as varchar) || '|' || side as match_key,
        coalesce(functional_class_code, side || ':' || item_name) as row_key,
        item_label as row_name,
        measure,
        stage,
        amount,
        unit,
        amount_yuan
    from {{ ref('fct_summary_items') }}
    where report_type = 'final'
        and item_kind in ('current_year_item', 'current_year_total', 'grand_total')
        and document_key in (select preferred_finals.document_key from preferred_finals)

),

cells as (

    select * from three_public_cells
    union all by name
    select * from summary_cells

),

final as (

    select
        finals.fiscal_year,
        finals.department_key,
        documents.department as department_name,
        finals.document_key as budget_document_key,
        finals.document_key as final_document_key,
        'final_account_budget_column' as budget_source,
        finals.table_type,
        finals.row_key,
        finals.row_name,
        finals.measure,
        budgets.amount as budget_amount,
        budgets.unit as budget_unit,
        budgets.amount_yuan as budget_amount_yuan,
        finals.amount as final_amount,
        finals.unit as final_unit,
        finals.amount_yuan as final_amount_yuan
    from cells as finals
    inner join cells as budgets
        on finals.document_key = budgets.document_key
        and finals.table_type = budgets.table_type
        and finals.table_index = budgets.table_index
        and finals.match_key = budgets.match_key
        and finals.measure = budgets.measure
        and budgets.stage = 'budget'
    left join documents
        on finals.document_key = documents.document_key
    where finals.stage = 'final'

)

select * from final
