-- Budget vs final (预算执行): for a department, fiscal year and account (or 三公 /
-- summary item), the budget amount beside the final amount and the execution rate
-- (决算数 ÷ 预算数).
--
-- Two sources of budget figures:
--   * budget_document — the department's budget (部门预算) of the same year, paired
--     with its final account in budget_final_pairs (names matched after
--     normalization; unmatched documents are listed there, not guessed). Amounts of
--     the same table type, row (account code or TOTAL) and measure are compared;
--     an account printed on one side only has NULL on the other.
--   * final_account_budget_column — the 预算数 columns a final account prints itself
--     (三公 table, summary tables with 预算数 and 决算数 columns).
-- Amounts are compared in yuan (amount_yuan), so a budget in 元 and a final account
-- in 万元 compare exactly; the printed amounts and units are kept beside them.

with

pairs as (

    select * from {{ ref('budget_final_pairs') }}
    where status = 'matched'

),

amounts as (

    -- the first table of each type in a document, account rows summed, totals first printed
    select
        *,
        cast(
            case unit
                when '万元' then amount * cast(10000 as decimal(5, 0))
                when '元' then amount
            end
            as decimal(20, 2)
        ) as amount_yuan
    from {{ ref('int_account_amounts') }}
    qualify dense_rank() over (partition by document_key, table_type order by table_index) = 1

),

three_public_amounts as (

    -- 三公 items of each document at its own stage (a budget's 预算数, a final account's 决算数)
    select
        document_key,
        'three_public' as table_type,
        item_code as row_key,
        item_name_zh as account_name,
        measure,
        sum(amount) as amount,
        min(unit) as unit,
        sum(amount_yuan) as amount_yuan
    from {{ ref('fct_three_public') }}
    where not is_repeat
        and stage = report_type
    group by document_key, item_code, item_name_zh, measure

),

comparable as (

    select document_key, table_type, row_key, account_name, measure, amount, unit, amount_yuan
    from amounts
    union all
    select document_key, table_type, row_key, account_name, measure, amount, unit, amount_yuan
    from three_public_amounts

),

accounts as (

    select * from {{ ref('dim_account') }}

),

preferred_finals as (

    -- the final account chosen for each department and year (one of a PDF and its text)
    select final_document_key as document_key
    from {{ ref('budget_final_pairs') }}
    where final_document_key is not null

),

three_public as (

    select * from {{ ref('fct_three_public') }}
    where not is_repeat
        and report_type = 'final'
        and document_key in (select document_key from preferred_finals)

),

summary_items as (

    select * from {{ ref('fct_summary_items') }}
    where report_type = 'final'
        and item_kind in ('current_year_item', 'current_year_total', 'grand_total')
        and document_key in (select document_key from preferred_finals)

),

documents as (

    select * from {{ ref('dim_document') }}

),

-- ------------------------------------------------ budget document vs final account

budget_side as (

    select pairs.pair_key, comparable.*
    from pairs
    inner join comparable
        on comparable.document_key = pairs.budget_document_key

),

final_side as (

    select pairs.pair_key, comparable.*
    from pairs
    inner join comparable
        on comparable.document_key = pairs.final_document_key

),

across_documents as (

    select
        coalesce(budget_side.pair_key, final_side.pair_key) as pair_key,
        'budget_document' as budget_source,
        coalesce(final_side.table_type, budget_side.table_type) as table_type,
        coalesce(final_side.row_key, budget_side.row_key) as row_key,
        coalesce(final_side.account_name, budget_side.account_name) as row_name,
        coalesce(final_side.measure, budget_side.measure) as measure,
        budget_side.amount as budget_amount,
        budget_side.unit as budget_unit,
        budget_side.amount_yuan as budget_amount_yuan,
        final_side.amount as final_amount,
        final_side.unit as final_unit,
        final_side.amount_yuan as final_amount_yuan
    from budget_side
    full outer join final_side
        on budget_side.pair_key = final_side.pair_key
        and budget_side.table_type = final_side.table_type
        and budget_side.row_key = final_side.row_key
        and budget_side.measure = final_side.measure

),

across_documents_keyed as (

    select
        pairs.fiscal_year,
        pairs.department_key,
        pairs.department_name,
        pairs.budget_document_key,
        pairs.final_document_key,
        across_documents.*
    from across_documents
    inner join pairs
        on across_documents.pair_key = pairs.pair_key

),

-- ------------------------------------------------ 预算数 columns of final accounts

three_public_pairs as (

    select
        finals.fiscal_year,
        finals.department_key,
        documents.department as department_name,
        finals.document_key as budget_document_key,
        finals.document_key as final_document_key,
        cast(null as varchar) as pair_key,
        'final_account_budget_column' as budget_source,
        'three_public' as table_type,
        finals.item_code as row_key,
        finals.item_name_zh as row_name,
        finals.measure,
        budgets.amount as budget_amount,
        budgets.unit as budget_unit,
        budgets.amount_yuan as budget_amount_yuan,
        finals.amount as final_amount,
        finals.unit as final_unit,
        finals.amount_yuan as final_amount_yuan
    from three_public as finals
    inner join three_public as budgets
        on finals.document_key = budgets.document_key
        and finals.table_index = budgets.table_index
        and finals.item_code = budgets.item_code
        and finals.measure = budgets.measure
        and budgets.stage = 'budget'
    left join documents
        on finals.document_key = documents.document_key
    where finals.stage = 'final'

),

summary_pairs as (

    select
        finals.fiscal_year,
        finals.department_key,
        documents.department as department_name,
        finals.document_key as budget_document_key,
        finals.document_key as final_document_key,
        cast(null as varchar) as pair_key,
        'final_account_budget_column' as budget_source,
        finals.table_type,
        coalesce(finals.functional_class_code, finals.side || ':' || finals.item_name) as row_key,
        finals.item_label as row_name,
        finals.measure,
        budgets.amount as budget_amount,
        budgets.unit as budget_unit,
        budgets.amount_yuan as budget_amount_yuan,
        finals.amount as final_amount,
        finals.unit as final_unit,
        finals.amount_yuan as final_amount_yuan
    from summary_items as finals
    inner join summary_items as budgets
        on finals.document_key = budgets.document_key
        and finals.table_index = budgets.table_index
        and finals.block_index = budgets.block_index
        and finals.row_index = budgets.row_index
        and finals.side = budgets.side
        and finals.measure = budgets.measure
        and budgets.stage = 'budget'
    left join documents
        on finals.document_key = documents.document_key
    where finals.stage = 'final'

),

unioned as (

    select
        fiscal_year, department_key, department_name, budget_document_key, final_document_key,
        budget_source, table_type, row_key, row_name, measure,
        budget_amount, budget_unit, budget_amount_yuan, final_amount, final_unit, final_amount_yuan
    from across_documents_keyed
    union all
    select
        fiscal_year, department_key, department_name, budget_document_key, final_document_key,
        budget_source, table_type, row_key, row_name, measure,
        budget_amount, budget_unit, budget_amount_yuan, final_amount, final_unit, final_amount_yuan
    from three_public_pairs
    union all
    select
        fiscal_year, department_key, department_name, budget_document_key, final_document_key,
        budget_source, table_type, row_key, row_name, measure,
        budget_amount, budget_unit, budget_amount_yuan, final_amount, final_unit, final_amount_yuan
    from summary_pairs

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
