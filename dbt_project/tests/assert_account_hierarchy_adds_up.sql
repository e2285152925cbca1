{{ config(severity='warn') }}

-- Within one document, table and measure: a 类 amount equals the sum of its
-- 款 rows, and a 款 amount the sum of its 项 rows, within 0.01 × the number of
-- children (rounding of printed figures). Compared only where children were
-- printed. Returns the parents that do not add up. Warns, not fails: some
-- published documents really do not add up.

with

line_items as (

    select * from {{ ref('fct_line_items') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

account_amounts as (

    -- one amount per document, table, measure and code: the first printed
    select
        line_items.document_key,
        line_items.table_index,
        line_items.table_type,
        line_items.measure,
        accounts.account_code,
        accounts.parent_code,
        line_items.amount
    from line_items
    inner join accounts
        on line_items.account_key = accounts.account_key
    qualify row_number() over (
        partition by line_items.document_key, line_items.table_index, line_items.measure, accounts.account_code
        order by line_items.block_index, line_items.row_index, line_items.col_index
    ) = 1

),

children as (

    select
        document_key,
        table_index,
        measure,
        parent_code,
        sum(amount) as children_amount,
        count(*) as child_count,
        string_agg(account_code, ',' order by account_code) as child_codes
    from account_amounts
    where parent_code is not null
    group by document_key, table_index, measure, parent_code

),

compared as (

    select
        documents.source_file,
        parents.document_key,
        parents.table_index,
        parents.table_type,
        parents.measure,
        parents.account_code as parent_code,
        parents.amount as parent_amount,
        children.children_amount,
        parents.amount - children.children_amount as difference,
        children.child_count,
        children.child_codes
    from account_amounts as parents
    inner join children
        on parents.document_key = children.document_key
        and parents.table_index = children.table_index
        and parents.measure = children.measure
        and parents.account_code = children.parent_code
    left join documents
        on parents.document_key = documents.document_key

),

final as (

    select *
    from compared
    where abs(difference) > 0.01 * child_count

)

select * from final
