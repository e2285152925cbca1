-- Budget vs final (预算执行): for a department, fiscal year and account (or 三公 /
-- summary item), the budget amount beside the final amount and the execution rate
-- (决算数 ÷ 预算数).
--
-- Two sources of budget figures, one intermediate model each (models/intermediate/execution/):
--   * budget_document — the department's budget (部门预算) of the same year, paired
--     with its final account in budget_final_pairs (names matched after
--     normalization; unmatched documents are listed there, not guessed);
--   * final_account_budget_column — the 预算数 columns a final account prints itself
--     (三公 table, summary tables with 预算数 and 决算数 columns).
-- Amounts are compared in yuan (amount_yuan), so a budget in 元 and a final account
-- in 万元 compare exactly; the printed amounts and units are kept beside them.

with

unioned as (

    select * from {{ ref('int_execution__budget_documents') }}
    union all by name
    select * from {{ ref('int_execution__final_budget_columns') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

final as (

    select
        -- keys
        {{ make_key([
            'unioned.budget_document_key', 'unioned.final_document_key', 'unioned.budget_source',
            'unioned.table_type', 'unioned.row_key', 'unioned.measure'
        ]) }} as execution_key,
        unioned.department_key,
        unioned.budget_document_key,
        unioned.final_document_key,

        -- department, region, year
        unioned.department_name,
        documents.province,
        documents.city,
        documents.county,
        documents.division_code,
        unioned.fiscal_year,

        -- what is compared
        unioned.budget_source,
        unioned.table_type,
        unioned.row_key,
        coalesce(accounts.account_name, unioned.row_name) as row_name,
        case
            when unioned.table_type = 'three_public' then 'three_public'
            when unioned.table_type in ('summary', 'fiscal_summary') then 'summary_item'
            when unioned.row_key like 'TOTAL%' then 'total'
            else accounts.classification
        end as classification,
        accounts.level as account_level,
        accounts.class_code,
        accounts.class_name,
        unioned.measure,

        -- amounts
        cast(unioned.budget_amount as decimal(18, 2)) as budget_amount,
        unioned.budget_unit,
        cast(unioned.final_amount as decimal(18, 2)) as final_amount,
        unioned.final_unit,
        cast(unioned.budget_amount_yuan as decimal(20, 2)) as budget_amount_yuan,
        cast(unioned.final_amount_yuan as decimal(20, 2)) as final_amount_yuan,
        cast(unioned.final_amount_yuan - unioned.budget_amount_yuan as decimal(20, 2)) as difference_yuan,
        cast(
            round(unioned.final_amount_yuan / nullif(unioned.budget_amount_yuan, 0), 4)
            as decimal(18, 4)
        ) as execution_rate

    from unioned
    left join accounts
        on unioned.row_key = accounts.account_code
        and unioned.table_type not in ('three_public', 'summary', 'fiscal_summary')
    left join documents
        on unioned.final_document_key = documents.document_key

)

select * from final
