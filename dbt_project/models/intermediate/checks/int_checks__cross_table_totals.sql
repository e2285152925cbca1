-- The same total printed in two tables must be the same figure: the income and
-- expenditure tables' totals against the summary table, the general-public-budget
-- expenditure table against the fiscal summary, the basic-expenditure table against
-- the general-public-budget expenditure table.
-- A new rule: one line in `rules` (printed figure, compared figure); a figure not yet
-- named is one more `when` in `table_figures` or `summary_figures`.

with

amounts as (

    select * from {{ ref('int_account_amounts') }}

),

-- one per side, column and stage: a side printed once per classification has a total per
-- column group; the first printed stands for the table
current_year_totals as (

    select * from {{ ref('int_summary_current_year_totals') }}
    qualify
        row_number() over (
            partition by document_key, table_index, side, measure, stage
            order by block_index, row_index, col_index
        ) = 1

),

-- (check, the printed figure, the figure it must equal)
rules (check_name, printed_figure, compared_figure) as (

    values
    ('income_total_matches_summary', 'summary_income_total', 'income_total'),
    ('expenditure_total_matches_summary', 'summary_expenditure_total', 'expenditure_total'),
    ('general_expenditure_total_matches_fiscal_summary', 'general_expenditure_total', 'fiscal_general_total'),
    ('basic_expenditure_total_matches_general_expenditure', 'basic_expenditure_total', 'general_expenditure_basic')

),

-- each account table's TOTAL per measure (first table of the type in the document)
table_totals as (

    select * from amounts
    where row_key = 'TOTAL'
        and row_kind <> 'account'
    qualify row_number() over (partition by document_key, table_type, stage, measure order by table_index) = 1

),

-- each figure a rule can name (figure), its label in `inputs`, and what it is (subject):
-- the tables' totals, the summary tables' 本年合计 and the basic-expenditure table's total
table_figures as (

    select
        *,
        case
            when table_type = 'income' and measure in ('current_year_total', 'total') then 'income_total'
            when table_type = 'expenditure' and measure = 'total' then 'expenditure_total'
            when table_type = 'general_expenditure' and measure = 'total' then 'general_expenditure_total'
            when table_type = 'general_expenditure' and measure = 'basic' then 'general_expenditure_basic'
        end as figure,
        replace(table_type, '_', ' ') || ' table TOTAL ' || measure as label,
        row_key as subject,
        account_name as subject_name,
        1 as part_count
    from table_totals

),

summary_figures as (

    select
        *,
        case
            when table_type = 'summary' and side = 'income' and measure = 'total' then 'summary_income_total'
            when table_type = 'summary' and side = 'expenditure' and measure = 'total' then 'summary_expenditure_total'
            when table_type = 'fiscal_summary' and side = 'expenditure' and measure = 'general_public_budget'
                then 'fiscal_general_total'
        end as figure,
        replace(table_type, '_', ' ') || ' ' || item_label || ' ' || measure as label,
        item_label as subject,
        item_label as subject_name,
        1 as part_count
    from current_year_totals

),

-- the basic-expenditure table's total: its TOTAL row, else 人员经费合计 + 公用经费合计
basic_total_rows as (

    select
        *,
        bool_or(row_key = 'TOTAL') over (partition by document_key, table_index, stage) as has_total
    from amounts
    where row_kind <> 'account'
        and table_type = 'general_basic_expenditure'
        and measure = 'total'

),

-- (first table of the type in the document)
basic_totals as (

    select
        document_key,
        table_type,
        table_index,
        stage,
        string_agg(row_key || '=' || cast(amount as varchar), ' + ' order by row_key) as parts,
        count(*) as part_count,
        sum(amount) as amount,
        min(unit) as unit,
        min(page) as page,
        min(block_index) as block_index,
        min(row_index) as row_index
    from basic_total_rows
    where (has_total and row_key = 'TOTAL')
        or (not has_total and row_key in ('TOTAL_PERSONNEL', 'TOTAL_PUBLIC_USE'))
    group by document_key, table_type, table_index, stage
    qualify row_number() over (partition by document_key, stage order by table_index) = 1

),

basic_figures as (

    select
        *,
        'basic_expenditure_total' as figure,
        'basic expenditure table total' as label,
        'total' as measure,
        'TOTAL' as subject,
        parts as subject_name
    from basic_totals

),

figures as (

    select * from table_figures
    where figure is not null
    -- the income table's 本年收入 小计 where printed, else its 合计
    qualify
        row_number() over (partition by document_key, stage, figure order by measure = 'current_year_total' desc) = 1
    union all by name
    select * from summary_figures
    union all by name
    select * from basic_figures

),

pairs as (

    select
        printed.document_key,
        rules.check_name,
        printed.table_type,
        printed.table_index,
        printed.measure,
        printed.stage,
        printed.subject,
        printed.subject_name,
        compared.label || '=' || cast(compared.amount as varchar) as inputs,
        printed.part_count as input_count,
        printed.amount as printed,
        printed.unit,
        printed.page,
        printed.block_index,
        printed.row_index,
        compared.table_type as compared_table_type,
        compared.amount as compared_amount,
        compared.unit as compared_unit,
        -- a total that is itself a sum of n printed figures is known to 0.01 × n
        case when printed.part_count > 1 then 0.01 * printed.part_count else 0.00 end as base_tolerance
    from rules
    inner join figures as printed
        on rules.printed_figure = printed.figure
    inner join figures as compared
        on rules.compared_figure = compared.figure
        and printed.document_key = compared.document_key
        and printed.stage = compared.stage

)

{{ pair_check_rows('pairs') }}
