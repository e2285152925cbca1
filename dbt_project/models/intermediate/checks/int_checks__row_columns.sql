-- Row = Σ columns: on every printed row of an account table, a column equals the sum
-- of the columns it is made of (合计 = 基本支出 + 项目支出 + …, 基本支出 = the economic
-- columns, 收入合计 = Σ收入来源, …), using the columns printed on that row.
-- A new rule: one line per component column in `rules` (and its tables in `table_groups`).

with

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}
    where is_line_item_fact
        and measure <> 'unmapped'

),

rules (check_name, table_group, target_measure, component_measure) as (

    values
    ('total_equals_basic_plus_project', 'expenditure', 'total', 'basic'),
    ('total_equals_basic_plus_project', 'expenditure', 'total', 'project'),
    ('total_equals_basic_plus_project', 'expenditure', 'total', 'remit_to_superior'),
    ('total_equals_basic_plus_project', 'expenditure', 'total', 'operating'),
    ('total_equals_basic_plus_project', 'expenditure', 'total', 'affiliated_subsidy'),
    -- 基本支出 printed only as its parts (人员支出 | 日常公用支出, no 小计): the parts stand in for it
    ('total_equals_basic_plus_project', 'expenditure', 'total', 'personnel'),
    ('total_equals_basic_plus_project', 'expenditure', 'total', 'public_use'),
    ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'personnel_wages'),
    ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'personnel_household'),
    ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'public_goods_services'),
    ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'public_capital'),
    ('project_equals_sum_of_project_columns', 'expenditure', 'project', 'project_operating'),
    ('project_equals_sum_of_project_columns', 'expenditure', 'project', 'project_specific'),
    ('total_equals_personnel_plus_public_use', 'economic', 'total', 'personnel'),
    ('total_equals_personnel_plus_public_use', 'economic', 'total', 'public_use'),
    -- where 基本支出 is printed on the row, 人员经费 + 公用经费 make up 基本支出, not 合计
    ('total_equals_personnel_plus_public_use', 'economic', 'basic', 'personnel'),
    ('total_equals_personnel_plus_public_use', 'economic', 'basic', 'public_use'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'fiscal_appropriation'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'general_public_budget'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'government_fund_appropriation'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'state_capital_appropriation'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'fiscal_special_account'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'fiscal_special_account_education'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'fiscal_special_account_other'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'superior_subsidy'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'business'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'operating'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'affiliated_remittance'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'other'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'non_fiscal_balance_used'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'prior_year_carryover'),
    ('income_total_equals_sum_of_sources', 'income', 'total', 'prior_year_account_balance')

),

-- the table types each group of rules applies to
table_groups (table_group, table_type) as (

    values
    ('expenditure', 'expenditure'),
    ('expenditure', 'general_expenditure'),
    ('expenditure', 'fund_expenditure'),
    ('expenditure', 'state_capital_expenditure'),
    ('economic', 'general_basic_expenditure'),
    ('economic', 'economic_summary'),
    ('economic', 'expenditure'),
    ('economic', 'general_expenditure'),
    ('income', 'income')

),

-- one printed row of an account table, its cells by measure
row_cells as (

    select
        document_key,
        table_type,
        table_index,
        coalesce(stage, report_type) as stage,
        block_index,
        row_index,
        min(row_key) as row_key,
        min(coalesce(account_name, row_label)) as row_name,
        min(unit) as unit,
        min(page) as page,
        measure,
        count(*) as cell_count,
        min(amount) as amount
    from line_items
    group by document_key, table_type, table_index, coalesce(stage, report_type), block_index, row_index, measure

),

-- rows where a measure appears twice (side-by-side column groups) are not row-checked
row_ok as (

    select
        document_key,
        table_index,
        stage,
        block_index,
        row_index,
        bool_or(measure = 'basic') as has_basic,
        bool_or(measure = 'project') as has_project
    from row_cells
    group by all
    having max(cell_count) = 1

),

row_components as (

    select
        targets.document_key,
        rules.check_name,
        targets.table_type,
        targets.table_index,
        targets.measure,
        targets.stage,
        coalesce(targets.row_key, targets.row_name) as subject,
        targets.row_name as subject_name,
        targets.amount as printed,
        targets.unit,
        targets.page,
        targets.block_index,
        targets.row_index,
        components.measure as input_name,
        components.amount as input_amount,
        components.measure as input_order,
        -- 一般公共预算 (小计) already holds its 其中：财政拨款 column
        bool_or(components.measure = 'general_public_budget') over (
            partition by
                targets.document_key, targets.table_index, targets.stage, targets.block_index, targets.row_index,
                rules.check_name
        ) as has_general_public_budget,
        -- 财政专户 printed as its parts (教育收费 | 其他专户收入拨款) beside its 小计
        bool_or(components.measure in ('fiscal_special_account_education', 'fiscal_special_account_other')) over (
            partition by
                targets.document_key, targets.table_index, targets.stage, targets.block_index, targets.row_index,
                rules.check_name
        ) as has_special_account_parts,
        -- an expenditure table by source of funds prints 事业单位经营收入 (read as operating) but no
        -- expenditure column: it is not split into 基本支出 + 项目支出 + …
        bool_or(components.measure <> 'operating') over (
            partition by
                targets.document_key, targets.table_index, targets.stage, targets.block_index, targets.row_index,
                rules.check_name
        ) as has_other_than_operating,
        row_ok.has_basic,
        row_ok.has_project
    from row_cells as targets
    inner join row_ok
        on targets.document_key = row_ok.document_key
        and targets.table_index = row_ok.table_index
        and targets.stage = row_ok.stage
        and targets.block_index = row_ok.block_index
        and targets.row_index = row_ok.row_index
    inner join table_groups
        on targets.table_type = table_groups.table_type
    inner join rules
        on table_groups.table_group = rules.table_group
        and targets.measure = rules.target_measure
    inner join row_cells as components
        on targets.document_key = components.document_key
        and targets.table_index = components.table_index
        and targets.stage is not distinct from components.stage
        and targets.block_index = components.block_index
        and targets.row_index = components.row_index
        and rules.component_measure = components.measure

),

comparisons as (

    select * from row_components
    where not (has_general_public_budget and input_name = 'fiscal_appropriation')
        and not (has_special_account_parts and input_name = 'fiscal_special_account')
        and not (check_name = 'total_equals_personnel_plus_public_use' and measure = 'total' and has_basic)
        -- 合计 = 人员 + 公用 + 项目 where 基本支出 has no column of its own: checked as 基本 + 项目
        and not (check_name = 'total_equals_personnel_plus_public_use' and measure = 'total' and has_project)
        and not (
            check_name = 'total_equals_basic_plus_project' and input_name in ('personnel', 'public_use')
            and (has_basic or not has_project)
        )
        and not (check_name = 'total_equals_basic_plus_project' and not has_other_than_operating)

)

{{ sum_check_rows('comparisons') }}
