-- Each functional class (类) on the expenditure side of a summary table equals that
-- 类 in the matching account table (a class missing from the table counts as 0;
-- classes zero on both sides are not listed; a document whose table prints no class, as
-- one printed by unit, has nothing to compare). The table's 类 is its printed 类 row,
-- else the sum of its top-level 款/项 rows (then known to 0.01 per summed row).
-- A new rule: one line in `rules`.

with

amounts as (

    select * from {{ ref('int_account_amounts') }}

),

summary_items as (

    select * from {{ ref('fct_summary_items') }}

),

-- (check, summary table and column, the account table it is compared with)
rules (check_name, summary_table_type, summary_measure, compared_table_type) as (

    values
    ('summary_class_matches_expenditure_table', 'summary', 'total', 'expenditure'),
    (
        'fiscal_summary_class_matches_general_expenditure', 'fiscal_summary', 'general_public_budget',
        'general_expenditure'
    )

),

-- each 类 of the account tables (first table of the type in the document)
class_amounts as (

    select
        document_key,
        table_type,
        table_index,
        stage,
        measure,
        class_code,
        coalesce(
            max(amount) filter (where code_length = 3),
            sum(amount) filter (where is_top_level)
        ) as amount,
        case
            when count(*) filter (where code_length = 3) > 0 then 0
            else count(*) filter (where is_top_level)
        end as summed_count,
        min(unit) as unit
    from amounts
    where row_kind = 'account'
        and table_type in (select rules.compared_table_type from rules)
        and class_code like '2%'
        and measure = 'total'
    group by document_key, table_type, table_index, stage, measure, class_code
    qualify dense_rank() over (partition by document_key, table_type, stage order by table_index) = 1

),

summary_classes as (

    select
        summary.*,
        rules.check_name,
        rules.compared_table_type
    from summary_items as summary
    inner join rules
        on summary.table_type = rules.summary_table_type
        and summary.measure = rules.summary_measure
    where summary.item_kind in ('current_year_item', 'class_item')
        and summary.functional_class_code is not null

),

pairs as (

    select
        summary.document_key,
        summary.check_name,
        summary.table_type,
        summary.table_index,
        summary.measure,
        summary.stage,
        summary.functional_class_code as subject,
        summary.item_label as subject_name,
        case
            when tables.amount is null
                then 'class ' || summary.functional_class_code || ' not printed in the '
                || summary.compared_table_type || ' table'
            else summary.compared_table_type || ' table ' || summary.functional_class_code
                || '=' || cast(tables.amount as varchar)
        end as inputs,
        greatest(coalesce(tables.summed_count, 0), 1) as input_count,
        summary.amount as printed,
        summary.unit,
        summary.page,
        summary.block_index,
        summary.row_index,
        summary.compared_table_type,
        coalesce(tables.amount, 0) as compared_amount,
        coalesce(tables.unit, summary.unit) as compared_unit,
        0.01 * coalesce(tables.summed_count, 0) as base_tolerance
    from summary_classes as summary
    left join class_amounts as tables
        on summary.document_key = tables.document_key
        and summary.stage = tables.stage
        and summary.functional_class_code = tables.class_code
        and summary.compared_table_type = tables.table_type
    -- the class is not zero on both sides, and the document has the compared table, printed
    -- by functional class (西安's 支出总表 is printed by unit: it has no class to compare)
    where (summary.amount <> 0 or coalesce(tables.amount, 0) <> 0)
        and exists (
            select 1 from class_amounts as printed
            where printed.document_key = summary.document_key
                and printed.table_type = summary.compared_table_type
        )
    qualify
        row_number() over (
            partition by summary.document_key, summary.table_index, summary.stage, summary.functional_class_code
            order by summary.block_index, summary.row_index, summary.col_index
        ) = 1

)

{{ pair_check_rows('pairs') }}
