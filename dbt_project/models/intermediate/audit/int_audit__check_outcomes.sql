-- Each 勾稽 check of fct_reconciliation_checks that shows a difference, with its audit rule
-- (seed audit_rules, by check_name) and what the difference is:
--   unit_slip     a cross-table figure off by a factor of 10⁴ (元 vs 万元);
--   failed        beyond rounding (macro rounding_gap_limit);
--   rounding_gap  not zero, within rounding (尾数): info.
-- reading_uncertain — a misreading, not the document, is the likely cause (the finding says so):
--   * the checked table, or the table it is compared with (the first of its type, as the
--     checks take it), was OCR'd or fails more than 10 % of its own sums (confidence < 0.9);
--   * a check within one table fails while the table's grid holds every sum it was tested
--     for (confidence = 1): the document adds up there, our reading of its columns does not;
--   * a check between tables compares with the first table of a type the document prints
--     more than once (支出总表 and 财政拨款支出表 are both expenditure tables): the one
--     compared may not be the one meant;
--   * a summary's 本年合计 compared with a table whose total equals the summary's 总计 (with
--     上年结转) instead: the same figure under another scope, not a difference.
-- The sums are not recomputed here; the checks are the one place they are made.

with

checks as (

    select * from {{ ref('fct_reconciliation_checks') }}

),

rules as (

    select * from {{ ref('audit_rules') }}
    where check_name is not null

),

tables as (

    select * from {{ ref('dim_table') }}

),

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}

),

summary_items as (

    select * from {{ ref('fct_summary_items') }}

),

-- the summary tables' 总计 (本年合计 + 上年结转 …)
grand_totals as (

    select distinct
        document_key,
        table_index,
        amount
    from summary_items
    where item_kind = 'grand_total'
        and measure = 'total'

),

-- per table: was any of its figures OCR'd
table_ocr as (

    select
        document_key,
        table_index,
        bool_or(is_ocr) as is_ocr
    from line_items
    group by document_key, table_index

),

-- per table: was it OCR'd, is its reading doubtful
table_readings as (

    select
        tables.document_key,
        tables.table_index,
        tables.table_type,
        coalesce(ocr.is_ocr, false) or coalesce(tables.confidence < 0.9, false) as is_doubtful,
        coalesce(tables.identities_tested > 0 and tables.confidence = 1, false) as grid_holds,
        count(*) over (partition by tables.document_key, tables.table_type) as tables_of_type
    from tables
    left join table_ocr as ocr
        on tables.document_key = ocr.document_key
        and tables.table_index = ocr.table_index

),

-- the table a cross-table check compares with: the first of its type in the document
first_of_type as (

    select * from table_readings
    qualify row_number() over (partition by document_key, table_type order by table_index) = 1

),

classified as (

    select
        checks.*,
        rules.rule_id,
        rules.rule_group,
        case
            when rules.rule_group = 'cross_table' and not checks.passed
                and {{ is_unit_slip('checks.printed', 'checks.expected') }}
                then 'unit_slip'
            when abs(checks.difference) > {{ rounding_gap_limit('checks.tolerance', 'checks.input_count') }}
                then 'failed'
            when checks.difference <> 0
                then 'rounding_gap'
        end as outcome,
        coalesce(checked.is_doubtful, false)
        or coalesce(compared.is_doubtful, false)
        or (rules.rule_group = 'in_table' and coalesce(checked.grid_holds, false))
        or (rules.rule_group = 'cross_table' and coalesce(compared.tables_of_type > 1, false))
        or exists (
            select 1 from grand_totals
            where grand_totals.document_key = checks.document_key
                and grand_totals.table_index = checks.table_index
                and grand_totals.amount = checks.expected
                and checks.printed <> checks.expected
                and rules.rule_group = 'cross_table'
        ) as reading_uncertain
    from checks
    inner join rules
        on checks.check_name = rules.check_name
    left join table_readings as checked
        on checks.document_key = checked.document_key
        and checks.table_index = checked.table_index
    left join first_of_type as compared
        on checks.document_key = compared.document_key
        and checks.compared_table_type = compared.table_type

),

final as (

    select * from classified
    where outcome is not null

)

select * from final
