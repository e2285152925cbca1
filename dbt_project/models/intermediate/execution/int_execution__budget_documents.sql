-- Budget vs final from two documents (budget_source = budget_document): a department's
-- budget (部门预算) paired with its final account of the same year (budget_final_pairs,
-- status matched). Amounts of the same table type, row (account code, TOTAL or “三公”
-- item) and measure are compared; a row printed on one side only has NULL on the other.
-- Each document gives the first table of each type (account rows summed, totals first
-- printed) and its “三公” items at its own stage (a budget's 预算数, a final's 决算数).

with

pairs as (

    select * from {{ ref('budget_final_pairs') }}
    where status = 'matched'

),

account_amounts as (

    select
        document_key,
        table_type,
        row_key,
        account_name,
        measure,
        amount,
        unit,
        {{ amount_in_yuan('amount', 'unit') }} as amount_yuan
    from {{ ref('int_account_amounts') }}
    qualify dense_rank() over (partition by document_key, table_type order by table_index) = 1

),

three_public_amounts as (

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

    select * from account_amounts
    union all by name
    select * from three_public_amounts

),

budget_side as (

    select
        pairs.pair_key,
        comparable.*
    from pairs
    inner join comparable
        on pairs.budget_document_key = comparable.document_key

),

final_side as (

    select
        pairs.pair_key,
        comparable.*
    from pairs
    inner join comparable
        on pairs.final_document_key = comparable.document_key

),

compared as (

    select
        coalesce(budget_side.pair_key, final_side.pair_key) as pair_key,
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

final as (

    select
        pairs.fiscal_year,
        pairs.department_key,
        pairs.department_name,
        pairs.budget_document_key,
        pairs.final_document_key,
        'budget_document' as budget_source,
        compared.table_type,
        compared.row_key,
        compared.row_name,
        compared.measure,
        compared.budget_amount,
        compared.budget_unit,
        compared.budget_amount_yuan,
        compared.final_amount,
        compared.final_unit,
        compared.final_amount_yuan
    from compared
    inner join pairs
        on compared.pair_key = pairs.pair_key

)

select * from final
