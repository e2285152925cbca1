-- Cells of the two summary tables — 收入支出决算总表 / 部门收支总表 (`summary`)
-- and 财政拨款收入支出决算总表 / 财政拨款收支总表 (`fiscal_summary`) — with
--   * side: the parser's, else the side most cells of the same column have,
--     else read from the label (…支出 / 年末… → expenditure; …收入 / …拨款 / 年初… → income);
--   * item_name: the label without its ordinal (一、 / （一） / 1.) and （类）;
--   * item_kind: current_year_item (一、… rows above 本年收入合计 / 本年支出合计; where a side
--     enumerates its other items at two levels — 一、财政拨款 over 1.一般公共预算拨款 — only
--     the top level; a row named like a class without an ordinal only on a side whose
--     classes are not enumerated: 五、其他支出 over its 款 其他支出),
--     class_item (a class enumerated below a top-level item of its side: 一、部门预算 over
--     1、一般公共服务支出 — compared with the expenditure tables, not added to 一、部门预算),
--     current_year_total (本年收入合计 / 本年支出合计), grand_total (总计),
--     balance_item (rows between the current-year total and 总计: 年初结转和结余, …),
--     other (anything else, e.g. 其中 rows);
--   * functional_class_code: the 支出功能分类 类 an expenditure item names (seed functional_classes);
--   * measure: in the fiscal summary, the appropriation column the header names —
--     general_public_budget (一般公共预算), government_fund (政府性基金), state_capital
--     (国有资本经营) — instead of the parser's generic fiscal_appropriation;
--   * stage: the column's 预算数/决算数, else the document's report type.
-- A side printed once per classification (西安: 支出 by 功能分类 | 部门经济分类 | 政府经济分类,
-- each a column group of its own) is read per column group: each has its items and totals.

with

cells as (

    select * from {{ ref('int_line_items__with_documents') }}
    where table_type in ('summary', 'fiscal_summary')

),

classes as (

    select * from {{ ref('functional_classes') }}

),

class_names as (

    select
        cast(class_code as varchar) as class_code,
        name_zh as class_name
    from classes
    union all
    select
        cast(class_code as varchar) as class_code,
        unnest(string_split(aliases_zh, '|')) as class_name
    from classes
    where aliases_zh is not null and aliases_zh <> ''

),

column_sides as (

    select
        document_key,
        table_index,
        col_index,
        mode(side) as column_side
    from cells
    where side is not null
    group by document_key, table_index, col_index

),

labelled as (

    select
        cells.*,
        coalesce(
            cells.side,
            column_sides.column_side,
            case
                when regexp_matches(coalesce(cells.row_label, ''), '支出|年末|年终|结余分配') then 'expenditure'
                when regexp_matches(coalesce(cells.row_label, ''), '收入|拨款|年初|上年|结转') then 'income'
            end
        ) as resolved_side,
        regexp_matches(
            coalesce(cells.row_label, ''),
            '^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9]+[、.．])'
        ) as has_ordinal,
        case
            when regexp_matches(coalesce(cells.row_label, ''), '^[一二三四五六七八九十]+[、.．]') then 1
            when regexp_matches(coalesce(cells.row_label, ''), '^[（(][一二三四五六七八九十]+[)）]') then 2
            when regexp_matches(coalesce(cells.row_label, ''), '^[0-9]+[、.．]') then 3
        end as ordinal_level,
        regexp_replace(
            regexp_replace(
                coalesce(cells.row_label, ''),
                '^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9]+[、.．])+',
                ''
            ),
            '[（(]类[)）]',
            '',
            'g'
        ) as item_name,
        cells.block_index * 100000 + cells.row_index as row_position,
        case
            when cells.table_type = 'fiscal_summary' and cells.measure <> 'total'
                then case
                    when cells.column_header like '%一般公共预算%' then 'general_public_budget'
                    when cells.column_header like '%政府性基金%' then 'government_fund'
                    when cells.column_header like '%国有资本经营%' then 'state_capital'
                    else cells.measure
                end
            else cells.measure
        end as resolved_measure
    from cells
    left join column_sides
        on cells.document_key = column_sides.document_key
        and cells.table_index = column_sides.table_index
        and cells.col_index = column_sides.col_index

),

with_class as (

    select
        labelled.*,
        (
            select min(class_names.class_code)
            from class_names
            where labelled.resolved_side = 'expenditure'
                and (
                    labelled.item_name = class_names.class_name
                    or labelled.item_name = regexp_replace(class_names.class_name, '支出$', '')
                )
        ) as functional_class_code,
        regexp_matches(labelled.item_name, '^本年(收入|支出)(合计|小计)$') as is_current_year_total,
        regexp_matches(labelled.item_name, '总计$') as is_grand_total
    from labelled

),

total_positions as (

    select
        document_key,
        table_index,
        resolved_side,
        column_group,
        min(row_position) as current_year_total_position
    from with_class
    where is_current_year_total
    group by document_key, table_index, resolved_side, column_group

),

-- the top ordinal level each side enumerates its items other than classes at (一、 over
-- （一） over 1.), and whether it enumerates its classes
side_levels as (

    select
        with_class.document_key,
        with_class.table_index,
        with_class.resolved_side,
        with_class.column_group,
        min(with_class.ordinal_level) filter (where with_class.functional_class_code is null) as top_level,
        bool_or(with_class.has_ordinal and with_class.functional_class_code is not null) as has_enumerated_class
    from with_class
    left join total_positions
        on with_class.document_key = total_positions.document_key
        and with_class.table_index = total_positions.table_index
        and with_class.resolved_side is not distinct from total_positions.resolved_side
        and with_class.column_group is not distinct from total_positions.column_group
    where total_positions.current_year_total_position is null
        or with_class.row_position < total_positions.current_year_total_position
    group by with_class.document_key, with_class.table_index, with_class.resolved_side, with_class.column_group

),

final as (

    select
        with_class.*,
        case
            when with_class.is_current_year_total then 'current_year_total'
            when with_class.is_grand_total then 'grand_total'
            when total_positions.current_year_total_position is not null
                and with_class.row_position > total_positions.current_year_total_position
                then 'balance_item'
            when with_class.functional_class_code is not null
                and (
                    (
                        with_class.has_ordinal
                        and (side_levels.top_level is null or with_class.ordinal_level <= side_levels.top_level)
                    )
                    or not coalesce(side_levels.has_enumerated_class, false)
                )
                then 'current_year_item'
            -- a class enumerated under a top-level item of its side (一、本年支出 over
            -- （一）一般公共服务支出): a part of that item, not added to it
            when with_class.functional_class_code is not null and with_class.has_ordinal
                then 'class_item'
            when with_class.has_ordinal and with_class.functional_class_code is null
                and (side_levels.top_level is null or with_class.ordinal_level = side_levels.top_level)
                then 'current_year_item'
            else 'other'
        end as item_kind,
        coalesce(with_class.stage, with_class.report_type) as resolved_stage
    from with_class
    left join total_positions
        on with_class.document_key = total_positions.document_key
        and with_class.table_index = total_positions.table_index
        and with_class.resolved_side is not distinct from total_positions.resolved_side
        and with_class.column_group is not distinct from total_positions.column_group
    left join side_levels
        on with_class.document_key = side_levels.document_key
        and with_class.table_index = side_levels.table_index
        and with_class.resolved_side is not distinct from side_levels.resolved_side
        and with_class.column_group is not distinct from side_levels.column_group

)

select * from final
