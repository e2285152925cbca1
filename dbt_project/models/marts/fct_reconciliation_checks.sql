-- 勾稽 reconciliation: one row per check of one document — what was compared,
-- the inputs, the figure they should give (expected), the figure the document
-- prints (printed), the difference (printed − expected) and whether it passes.
--
-- Tolerance: printed figures are rounded, so a figure compared with a sum of n
-- printed figures may be off by 0.01 per summed item (tolerance 0.01 × n, in the
-- printed unit). The same figure printed in two tables (summary vs account table)
-- must be identical (tolerance 0), unless one side is itself a sum.
-- The checks (check_name; seed reconciliation_check_types describes each):
--   account tables:  class_equals_sum_of_sections (类 = Σ款), section_equals_sum_of_items (款 = Σ项),
--                    total_equals_sum_of_classes (TOTAL = Σ类), personnel_total_equals_sum_of_classes,
--                    public_use_total_equals_sum_of_classes, total_equals_basic_plus_project,
--                    basic_equals_sum_of_economic_columns, project_equals_sum_of_project_columns,
--                    total_equals_personnel_plus_public_use, income_total_equals_sum_of_sources
--   across tables:   income_total_matches_summary, expenditure_total_matches_summary,
--                    general_expenditure_total_matches_fiscal_summary,
--                    basic_expenditure_total_matches_general_expenditure,
--                    summary_class_matches_expenditure_table,
--                    fiscal_summary_class_matches_general_expenditure
--   summary tables:  summary_current_year_total_equals_sum_of_items, summary_totals_balance,
--                    fiscal_summary_row_total_equals_sum_of_funds
--   三公 / projects:  three_public_total_equals_sum_of_items, three_public_vehicle_equals_sum_of_parts,
--                    three_public_overseas_equals_sum_of_parts, projects_total_equals_sum_of_projects

with

amounts as (

    select * from {{ ref('int_account_amounts') }}

),

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}
    where is_line_item_fact
        and measure <> 'unmapped'

),

summary_items as (

    select * from {{ ref('fct_summary_items') }}

),

three_public as (

    select * from {{ ref('fct_three_public') }}
    where not is_repeat

),

projects as (

    select * from {{ ref('fct_projects') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

check_types as (

    select * from {{ ref('reconciliation_check_types') }}

),

-- ------------------------------------------------------------------ account tables

accounts as (

    select * from amounts where row_kind = 'account'

),

totals as (

    select * from amounts where row_kind <> 'account'

),

-- 类 = Σ款 and 款 = Σ项 (only where children are printed)
hierarchy as (

    select
        parents.document_key,
        case length(parents.row_key)
            when 3 then 'class_equals_sum_of_sections'
            else 'section_equals_sum_of_items'
        end as check_name,
        parents.table_type,
        parents.table_index,
        parents.measure,
        parents.stage,
        parents.row_key as subject,
        parents.account_name as subject_name,
        string_agg(children.row_key || '=' || cast(children.amount as varchar), ' + ' order by children.row_key) as inputs,
        count(*) as input_count,
        sum(children.amount) as expected,
        parents.amount as printed,
        0.01 * count(*) as tolerance,
        parents.unit,
        parents.page,
        parents.block_index,
        parents.row_index,
        cast(null as varchar) as compared_table_type
    from accounts as parents
    inner join accounts as children
        on parents.document_key = children.document_key
        and parents.table_index = children.table_index
        and parents.stage is not distinct from children.stage
        and parents.measure = children.measure
        and length(children.row_key) = length(parents.row_key) + 2
        and left(children.row_key, length(parents.row_key)) = parents.row_key
    where length(parents.row_key) in (3, 5)
    group by all

),

-- TOTAL = Σ类 (a 款 or 项 whose 类 is not printed stands in for it);
-- 人员经费合计 = Σ 301 + 303; 公用经费合计 = Σ other 3xx classes
top_level_sums as (

    select
        document_key,
        table_index,
        stage,
        measure,
        grouping_set,
        string_agg(row_key || '=' || cast(amount as varchar), ' + ' order by row_key) as inputs,
        count(*) as input_count,
        sum(amount) as expected
    from (
        select *, 'TOTAL' as grouping_set from accounts where is_top_level
        union all
        select *, 'TOTAL_PERSONNEL' as grouping_set from accounts
        where is_top_level and class_code in ('301', '303')
        union all
        select *, 'TOTAL_PUBLIC_USE' as grouping_set from accounts
        where is_top_level and class_code like '3%' and class_code not in ('301', '303')
    ) as grouped
    group by all

),

total_sums as (

    select
        totals.document_key,
        case totals.row_key
            when 'TOTAL' then 'total_equals_sum_of_classes'
            when 'TOTAL_PERSONNEL' then 'personnel_total_equals_sum_of_classes'
            else 'public_use_total_equals_sum_of_classes'
        end as check_name,
        totals.table_type,
        totals.table_index,
        totals.measure,
        totals.stage,
        totals.row_key as subject,
        totals.account_name as subject_name,
        sums.inputs,
        sums.input_count,
        sums.expected,
        totals.amount as printed,
        0.01 * sums.input_count as tolerance,
        totals.unit,
        totals.page,
        totals.block_index,
        totals.row_index,
        cast(null as varchar) as compared_table_type
    from totals
    inner join top_level_sums as sums
        on totals.document_key = sums.document_key
        and totals.table_index = sums.table_index
        and totals.stage is not distinct from sums.stage
        and totals.measure = sums.measure
        and totals.row_key = sums.grouping_set

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

    select document_key, table_index, stage, block_index, row_index
    from row_cells
    group by all
    having max(cell_count) = 1

),

row_rules as (

    -- (check, table types, target measure, component measure)
    select * from (values
        ('total_equals_basic_plus_project', 'expenditure', 'total', 'basic'),
        ('total_equals_basic_plus_project', 'expenditure', 'total', 'project'),
        ('total_equals_basic_plus_project', 'expenditure', 'total', 'remit_to_superior'),
        ('total_equals_basic_plus_project', 'expenditure', 'total', 'operating'),
        ('total_equals_basic_plus_project', 'expenditure', 'total', 'affiliated_subsidy'),
        ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'personnel_wages'),
        ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'personnel_household'),
        ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'public_goods_services'),
        ('basic_equals_sum_of_economic_columns', 'expenditure', 'basic', 'public_capital'),
        ('project_equals_sum_of_project_columns', 'expenditure', 'project', 'project_operating'),
        ('project_equals_sum_of_project_columns', 'expenditure', 'project', 'project_specific'),
        ('total_equals_personnel_plus_public_use', 'economic', 'total', 'personnel'),
        ('total_equals_personnel_plus_public_use', 'economic', 'total', 'public_use'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'fiscal_appropriation'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'general_public_budget'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'fiscal_special_account'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'superior_subsidy'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'business'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'operating'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'affiliated_remittance'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'other'),
        ('income_total_equals_sum_of_sources', 'income', 'total', 'prior_year_carryover')
    ) as rules (check_name, table_group, target_measure, component_measure)

),

row_cells_grouped as (

    select
        row_cells.*,
        case
            when table_type in ('expenditure', 'general_expenditure', 'fund_expenditure', 'state_capital_expenditure')
                then 'expenditure'
            when table_type in ('general_basic_expenditure', 'economic_summary', 'expenditure', 'general_expenditure')
                then 'economic'
            when table_type = 'income' then 'income'
        end as table_group
    from row_cells
    inner join row_ok using (document_key, table_index, stage, block_index, row_index)

),

row_components as (

    select
        targets.document_key,
        rules.check_name,
        targets.table_type,
        targets.table_index,
        targets.measure,
        targets.stage,
        targets.block_index,
        targets.row_index,
        targets.row_key,
        targets.row_name,
        targets.amount as printed,
        targets.unit,
        targets.page,
        components.measure as component_measure,
        components.amount as component_amount,
        -- 一般公共预算 (小计) already holds its 其中：财政拨款 column
        bool_or(components.measure = 'general_public_budget') over (
            partition by targets.document_key, targets.table_index, targets.stage, targets.block_index,
                targets.row_index, rules.check_name
        ) as has_general_public_budget
    from row_cells_grouped as targets
    inner join row_rules as rules
        on targets.measure = rules.target_measure
        and (
            targets.table_group = rules.table_group
            or (rules.table_group = 'economic'
                and targets.table_type in ('general_basic_expenditure', 'economic_summary', 'expenditure', 'general_expenditure'))
        )
    inner join row_cells as components
        on targets.document_key = components.document_key
        and targets.table_index = components.table_index
        and targets.stage is not distinct from components.stage
        and targets.block_index = components.block_index
        and targets.row_index = components.row_index
        and components.measure = rules.component_measure

),

row_sums as (

    select
        document_key,
        check_name,
        table_type,
        table_index,
        measure,
        stage,
        coalesce(row_key, row_name) as subject,
        row_name as subject_name,
        string_agg(component_measure || '=' || cast(component_amount as varchar), ' + ' order by component_measure) as inputs,
        count(*) as input_count,
        sum(component_amount) as expected,
        printed,
        0.01 * count(*) as tolerance,
        unit,
        page,
        block_index,
        row_index,
        cast(null as varchar) as compared_table_type
    from row_components
    where not (has_general_public_budget and component_measure = 'fiscal_appropriation')
    group by all

),

-- ------------------------------------------------------------------ summary tables

summary_totals as (

    select *
    from summary_items
    where item_kind = 'current_year_total'
    qualify row_number() over (
        partition by document_key, table_index, side, measure, stage
        order by block_index, row_index, col_index
    ) = 1

),

summary_item_sums as (

    select
        totals.document_key,
        'summary_current_year_total_equals_sum_of_items' as check_name,
        totals.table_type,
        totals.table_index,
        totals.measure,
        totals.stage,
        totals.item_label as subject,
        totals.side as subject_name,
        string_agg(items.item_name || '=' || cast(items.amount as varchar), ' + ' order by items.block_index, items.row_index) as inputs,
        count(*) as input_count,
        sum(items.amount) as expected,
        totals.amount as printed,
        0.01 * count(*) as tolerance,
        totals.unit,
        totals.page,
        totals.block_index,
        totals.row_index,
        cast(null as varchar) as compared_table_type
    from summary_totals as totals
    inner join summary_items as items
        on totals.document_key = items.document_key
        and totals.table_index = items.table_index
        and totals.side = items.side
        and totals.measure = items.measure
        and totals.stage = items.stage
        and items.item_kind = 'current_year_item'
    group by all

),

grand_totals as (

    select *
    from summary_items
    where item_kind = 'grand_total'
        and measure = 'total'
    qualify row_number() over (
        partition by document_key, table_index, side, stage
        order by block_index, row_index, col_index
    ) = 1

),

summary_balance as (

    select
        expenditure.document_key,
        'summary_totals_balance' as check_name,
        expenditure.table_type,
        expenditure.table_index,
        expenditure.measure,
        expenditure.stage,
        expenditure.item_label as subject,
        'income 收入总计 = expenditure 支出总计' as subject_name,
        income.item_label || '=' || cast(income.amount as varchar) as inputs,
        1 as input_count,
        income.amount as expected,
        expenditure.amount as printed,
        0.00 as tolerance,
        expenditure.unit,
        expenditure.page,
        expenditure.block_index,
        expenditure.row_index,
        cast(null as varchar) as compared_table_type
    from grand_totals as expenditure
    inner join grand_totals as income
        on expenditure.document_key = income.document_key
        and expenditure.table_index = income.table_index
        and expenditure.stage = income.stage
        and income.side = 'income'
    where expenditure.side = 'expenditure'

),

fiscal_rows as (

    select
        document_key,
        table_type,
        table_index,
        stage,
        block_index,
        row_index,
        min(item_label) as item_label,
        min(unit) as unit,
        min(page) as page,
        count(*) filter (where measure = 'total') as total_cells,
        min(amount) filter (where measure = 'total') as total_amount,
        count(*) filter (where measure in ('general_public_budget', 'government_fund', 'state_capital')) as fund_cells,
        count(distinct measure) filter (where measure in ('general_public_budget', 'government_fund', 'state_capital')) as fund_measures,
        sum(amount) filter (where measure in ('general_public_budget', 'government_fund', 'state_capital')) as fund_amount,
        string_agg(measure || '=' || cast(amount as varchar), ' + ' order by col_index)
            filter (where measure in ('general_public_budget', 'government_fund', 'state_capital')) as fund_inputs
    from summary_items
    where table_type = 'fiscal_summary'
        and side = 'expenditure'
    group by all

),

fiscal_row_sums as (

    select
        document_key,
        'fiscal_summary_row_total_equals_sum_of_funds' as check_name,
        table_type,
        table_index,
        'total' as measure,
        stage,
        item_label as subject,
        item_label as subject_name,
        fund_inputs as inputs,
        fund_cells as input_count,
        fund_amount as expected,
        total_amount as printed,
        0.01 * fund_cells as tolerance,
        unit,
        page,
        block_index,
        row_index,
        cast(null as varchar) as compared_table_type
    from fiscal_rows
    where total_cells = 1
        and fund_cells >= 1
        and fund_cells = fund_measures

),

-- ------------------------------------------------------------------ across tables

table_totals as (

    -- each account table's TOTAL per measure (first table of the type in the document)
    select *
    from totals
    where row_key = 'TOTAL'
    qualify row_number() over (
        partition by document_key, table_type, stage, measure
        order by table_index
    ) = 1

),

basic_table_totals_all as (

    -- the basic-expenditure table's total: its TOTAL row, else 人员经费合计 + 公用经费合计
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
    from (
        select
            *,
            bool_or(row_key = 'TOTAL') over (partition by document_key, table_index, stage) as has_total
        from totals
        where table_type = 'general_basic_expenditure'
            and measure = 'total'
    ) as basic_totals
    where (has_total and row_key = 'TOTAL')
        or (not has_total and row_key in ('TOTAL_PERSONNEL', 'TOTAL_PUBLIC_USE'))
    group by document_key, table_type, table_index, stage

),

basic_table_totals as (

    select *
    from basic_table_totals_all
    qualify row_number() over (partition by document_key, stage order by table_index) = 1

),

summary_current_totals as (

    select * from summary_totals

),

cross_pairs as (

    -- income table's current-year income = summary's 本年收入合计
    select
        summary.document_key,
        'income_total_matches_summary' as check_name,
        summary.table_type,
        summary.table_index,
        summary.measure,
        summary.stage,
        summary.item_label as subject,
        summary.item_label as subject_name,
        'income table TOTAL ' || income.measure || '=' || cast(income.amount as varchar) as inputs,
        1 as input_count,
        income.amount as other_amount,
        income.unit as other_unit,
        summary.amount as printed,
        0.00 as base_tolerance,
        summary.unit,
        summary.page,
        summary.block_index,
        summary.row_index,
        'income' as compared_table_type
    from summary_current_totals as summary
    inner join (
        select *
        from table_totals
        where table_type = 'income'
            and measure in ('current_year_total', 'total')
        qualify row_number() over (
            partition by document_key, stage
            order by measure = 'current_year_total' desc
        ) = 1
    ) as income
        on summary.document_key = income.document_key
        and summary.stage = income.stage
    where summary.table_type = 'summary'
        and summary.side = 'income'
        and summary.measure = 'total'

    union all

    -- expenditure table's TOTAL = summary's 本年支出合计
    select
        summary.document_key,
        'expenditure_total_matches_summary',
        summary.table_type,
        summary.table_index,
        summary.measure,
        summary.stage,
        summary.item_label,
        summary.item_label,
        'expenditure table TOTAL total=' || cast(expenditure.amount as varchar),
        1,
        expenditure.amount,
        expenditure.unit,
        summary.amount,
        0.00,
        summary.unit,
        summary.page,
        summary.block_index,
        summary.row_index,
        'expenditure'
    from summary_current_totals as summary
    inner join table_totals as expenditure
        on summary.document_key = expenditure.document_key
        and summary.stage = expenditure.stage
        and expenditure.table_type = 'expenditure'
        and expenditure.measure = 'total'
    where summary.table_type = 'summary'
        and summary.side = 'expenditure'
        and summary.measure = 'total'

    union all

    -- general-expenditure table's TOTAL = fiscal summary's 本年支出合计, 一般公共预算 column
    select
        general.document_key,
        'general_expenditure_total_matches_fiscal_summary',
        general.table_type,
        general.table_index,
        general.measure,
        general.stage,
        general.row_key,
        general.account_name,
        'fiscal summary ' || fiscal.item_label || ' general_public_budget=' || cast(fiscal.amount as varchar),
        1,
        fiscal.amount,
        fiscal.unit,
        general.amount,
        0.00,
        general.unit,
        general.page,
        general.block_index,
        general.row_index,
        'fiscal_summary'
    from table_totals as general
    inner join summary_current_totals as fiscal
        on general.document_key = fiscal.document_key
        and general.stage = fiscal.stage
        and fiscal.table_type = 'fiscal_summary'
        and fiscal.side = 'expenditure'
        and fiscal.measure = 'general_public_budget'
    where general.table_type = 'general_expenditure'
        and general.measure = 'total'

    union all

    -- basic-expenditure table's total = general-expenditure table's TOTAL basic
    select
        basic.document_key,
        'basic_expenditure_total_matches_general_expenditure',
        basic.table_type,
        basic.table_index,
        'total',
        basic.stage,
        'TOTAL',
        basic.parts,
        'general expenditure table TOTAL basic=' || cast(general.amount as varchar),
        basic.part_count,
        general.amount,
        general.unit,
        basic.amount,
        case when basic.part_count > 1 then 0.01 * basic.part_count else 0.00 end,
        basic.unit,
        basic.page,
        basic.block_index,
        basic.row_index,
        'general_expenditure'
    from basic_table_totals as basic
    inner join table_totals as general
        on basic.document_key = general.document_key
        and basic.stage = general.stage
        and general.table_type = 'general_expenditure'
        and general.measure = 'basic'

),

class_amounts_all as (

    -- each functional 类 of the expenditure and general-expenditure tables (first table
    -- of the type): the printed 类 row, else the sum of its top-level 款/项 rows
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
        case when count(*) filter (where code_length = 3) > 0 then 0
            else count(*) filter (where is_top_level) end as summed_count,
        min(unit) as unit
    from accounts
    where table_type in ('expenditure', 'general_expenditure')
        and class_code like '2%'
        and measure = 'total'
    group by document_key, table_type, table_index, stage, measure, class_code

),

class_amounts as (

    select *
    from class_amounts_all
    qualify dense_rank() over (partition by document_key, table_type, stage order by table_index) = 1

),

class_pairs as (

    select
        summary.document_key,
        case summary.table_type
            when 'summary' then 'summary_class_matches_expenditure_table'
            else 'fiscal_summary_class_matches_general_expenditure'
        end as check_name,
        summary.table_type,
        summary.table_index,
        summary.measure,
        summary.stage,
        summary.functional_class_code as subject,
        summary.item_label as subject_name,
        case
            when tables.amount is null then 'class ' || summary.functional_class_code || ' not printed in the '
                || case summary.table_type when 'summary' then 'expenditure' else 'general_expenditure' end || ' table'
            else case summary.table_type when 'summary' then 'expenditure' else 'general_expenditure' end
                || ' table ' || summary.functional_class_code || '=' || cast(tables.amount as varchar)
        end as inputs,
        greatest(coalesce(tables.summed_count, 0), 1) as input_count,
        coalesce(tables.amount, 0) as other_amount,
        coalesce(tables.unit, summary.unit) as other_unit,
        summary.amount as printed,
        0.01 * coalesce(tables.summed_count, 0) as base_tolerance,
        summary.unit,
        summary.page,
        summary.block_index,
        summary.row_index,
        case summary.table_type when 'summary' then 'expenditure' else 'general_expenditure' end as compared_table_type
    from summary_items as summary
    left join class_amounts as tables
        on summary.document_key = tables.document_key
        and summary.stage = tables.stage
        and summary.functional_class_code = tables.class_code
        and tables.table_type = case summary.table_type when 'summary' then 'expenditure' else 'general_expenditure' end
    where summary.item_kind = 'current_year_item'
        and summary.functional_class_code is not null
        and (
            (summary.table_type = 'summary' and summary.measure = 'total')
            or (summary.table_type = 'fiscal_summary' and summary.measure = 'general_public_budget')
        )
        -- only where the document has that table, and the class is not zero on both sides
        and exists (
            select 1 from amounts
            where amounts.document_key = summary.document_key
                and amounts.table_type = case summary.table_type when 'summary' then 'expenditure' else 'general_expenditure' end
        )
        and (summary.amount <> 0 or coalesce(tables.amount, 0) <> 0)
    qualify row_number() over (
        partition by summary.document_key, summary.table_index, summary.stage, summary.functional_class_code
        order by summary.block_index, summary.row_index, summary.col_index
    ) = 1

),

cross_checks as (

    -- the other table's figure in the printed figure's unit (万元 ↔ 元 exactly, rounded to 0.01)
    select
        document_key,
        check_name,
        table_type,
        table_index,
        measure,
        stage,
        subject,
        subject_name,
        inputs,
        input_count,
        case
            when other_unit = unit or other_unit is null or unit is null then other_amount
            when other_unit = '元' and unit = '万元' then round(other_amount / 10000, 2)
            when other_unit = '万元' and unit = '元' then other_amount * 10000
            else other_amount
        end as expected,
        printed,
        case
            -- a 万元 figure compared in 元 is only known to ±50 元
            when other_unit = '万元' and unit = '元' then greatest(base_tolerance * 10000, 50.00)
            when other_unit = '元' and unit = '万元' then greatest(base_tolerance, 0.01)
            else base_tolerance
        end as tolerance,
        unit,
        page,
        block_index,
        row_index,
        compared_table_type
    from (
        select * from cross_pairs
        union all
        select * from class_pairs
    ) as pairs

),

-- ------------------------------------------------------------------ 三公 and projects

three_public_amounts as (

    select
        document_key,
        table_index,
        stage,
        measure,
        item_code,
        amount,
        unit,
        page,
        block_index,
        row_index
    from three_public

),

three_public_rules as (

    select * from (values
        ('three_public_total_equals_sum_of_items', 'total', 'overseas_travel'),
        ('three_public_total_equals_sum_of_items', 'total', 'vehicle_total'),
        ('three_public_total_equals_sum_of_items', 'total', 'reception'),
        ('three_public_vehicle_equals_sum_of_parts', 'vehicle_total', 'vehicle_purchase'),
        ('three_public_vehicle_equals_sum_of_parts', 'vehicle_total', 'vehicle_operation'),
        ('three_public_overseas_equals_sum_of_parts', 'overseas_travel', 'overseas_travel_research'),
        ('three_public_overseas_equals_sum_of_parts', 'overseas_travel', 'overseas_travel_other')
    ) as rules (check_name, target_item, component_item)

),

three_public_sums as (

    select
        targets.document_key,
        rules.check_name,
        'three_public' as table_type,
        targets.table_index,
        targets.measure,
        targets.stage,
        targets.item_code as subject,
        min(items.name_zh) as subject_name,
        coalesce(
            string_agg(components.item_code || '=' || cast(components.amount as varchar), ' + '
                order by components.item_code) filter (where components.item_code is not null),
            'no item printed'
        ) as inputs,
        count(components.item_code) as input_count,
        coalesce(sum(components.amount), 0) as expected,
        targets.amount as printed,
        0.01 * greatest(count(components.item_code), 1) as tolerance,
        targets.unit,
        targets.page,
        targets.block_index,
        targets.row_index,
        cast(null as varchar) as compared_table_type
    from three_public_amounts as targets
    inner join three_public_rules as rules
        on targets.item_code = rules.target_item
    left join three_public_amounts as components
        on targets.document_key = components.document_key
        and targets.table_index = components.table_index
        and targets.stage = components.stage
        and targets.measure = components.measure
        and components.item_code = rules.component_item
    left join {{ ref('three_public_items') }} as items
        on targets.item_code = items.item_code
    group by all
    -- the parts of an item are checked only where at least one part is printed;
    -- the total always (a total with no item printed beside it does not add up)
    having count(components.item_code) > 0 or rules.check_name = 'three_public_total_equals_sum_of_items'

),

project_sums as (

    select
        totals.document_key,
        'projects_total_equals_sum_of_projects' as check_name,
        'project_expenditure' as table_type,
        totals.table_index,
        totals.measure,
        totals.stage,
        totals.project_name as subject,
        totals.project_name as subject_name,
        string_agg(items.project_name || '=' || cast(items.amount as varchar), ' + '
            order by items.block_index, items.row_index) as inputs,
        count(*) as input_count,
        sum(items.amount) as expected,
        totals.amount as printed,
        0.01 * count(*) as tolerance,
        totals.unit,
        totals.page,
        totals.block_index,
        totals.row_index,
        cast(null as varchar) as compared_table_type
    from projects as totals
    inner join projects as items
        on totals.document_key = items.document_key
        and totals.table_index = items.table_index
        and totals.measure = items.measure
        and totals.stage = items.stage
        and not items.is_total
    -- the 合计 column only: the funding columns of continuation pages are too often misaligned
    where totals.is_total
        and totals.measure = 'total'
    group by all

),

-- ------------------------------------------------------------------ all checks

all_checks as (

    select * from hierarchy
    union all select * from total_sums
    union all select * from row_sums
    union all select * from summary_item_sums
    union all select * from summary_balance
    union all select * from fiscal_row_sums
    union all select * from cross_checks
    union all select * from three_public_sums
    union all select * from project_sums

),

final as (

    select
        -- keys
        {{ make_key([
            'all_checks.document_key', 'all_checks.check_name', 'all_checks.table_index',
            'all_checks.measure', 'all_checks.stage', 'all_checks.subject',
            'all_checks.block_index', 'all_checks.row_index'
        ]) }} as check_key,
        all_checks.document_key,

        -- document
        documents.source_file,
        documents.department,
        documents.fiscal_year,
        documents.report_type,

        -- check
        all_checks.check_name,
        check_types.label_zh as check_label_zh,
        all_checks.table_type,
        all_checks.table_index,
        all_checks.measure,
        all_checks.stage,
        all_checks.subject,
        all_checks.subject_name,
        all_checks.compared_table_type,

        -- numbers
        all_checks.inputs,
        cast(all_checks.input_count as integer) as input_count,
        cast(all_checks.expected as decimal(18, 2)) as expected,
        cast(all_checks.printed as decimal(18, 2)) as printed,
        cast(all_checks.printed - all_checks.expected as decimal(18, 2)) as difference,
        cast(all_checks.tolerance as decimal(18, 2)) as tolerance,
        abs(all_checks.printed - all_checks.expected) <= all_checks.tolerance as passed,
        all_checks.unit,

        -- where the printed figure is
        all_checks.page,
        all_checks.block_index,
        all_checks.row_index

    from all_checks
    left join documents
        on all_checks.document_key = documents.document_id
    left join check_types
        on all_checks.check_name = check_types.check_name

)

select * from final
