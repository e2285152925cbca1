-- 合计 = Σ类: a table's TOTAL row equals the sum of its top-level account rows (a 款 or
-- 项 whose 类 is not printed stands in for it); in the basic-expenditure table
-- 人员经费合计 = 301 + 303 and 公用经费合计 = the other 3xx classes. Per table, stage
-- and measure.

with

amounts as (

    select * from {{ ref('int_account_amounts') }}

),

totals as (

    select
        *,
        case row_key
            when 'TOTAL' then 'total_equals_sum_of_classes'
            when 'TOTAL_PERSONNEL' then 'personnel_total_equals_sum_of_classes'
            when 'TOTAL_PUBLIC_USE' then 'public_use_total_equals_sum_of_classes'
        end as check_name
    from amounts
    where row_kind <> 'account'

),

-- each top-level account row under the total rows (row_key) it adds up to
top_level as (

    select
        *,
        'TOTAL' as total_row_key
    from amounts
    where row_kind = 'account'
        and is_top_level

    union all

    select
        *,
        case when class_code in ('301', '303') then 'TOTAL_PERSONNEL' else 'TOTAL_PUBLIC_USE' end as total_row_key
    from amounts
    where row_kind = 'account'
        and is_top_level
        and class_code like '3%'

),

comparisons as (

    select
        totals.document_key,
        totals.check_name,
        totals.table_type,
        totals.table_index,
        totals.measure,
        totals.stage,
        totals.row_key as subject,
        totals.account_name as subject_name,
        totals.amount as printed,
        totals.unit,
        totals.page,
        totals.block_index,
        totals.row_index,
        top_level.row_key as input_name,
        top_level.amount as input_amount,
        top_level.row_key as input_order
    from totals
    inner join top_level
        on totals.document_key = top_level.document_key
        and totals.table_index = top_level.table_index
        and totals.stage is not distinct from top_level.stage
        and totals.measure = top_level.measure
        and totals.row_key = top_level.total_row_key

)

{{ sum_check_rows('comparisons') }}
