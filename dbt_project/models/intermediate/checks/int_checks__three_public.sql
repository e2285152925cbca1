-- “三公” items add up, per stage (预算数 / 决算数) and column: the total = overseas travel
-- + official vehicles + official reception (items not printed count as 0), and each of
-- the two items with parts = the sum of its parts, where a part is printed.
-- A new rule: one line per part in `rules`.

with

three_public as (

    select * from {{ ref('fct_three_public') }}
    where not is_repeat

),

items as (

    select * from {{ ref('three_public_items') }}

),

-- (check, item, one of its parts)
rules (check_name, target_item, component_item) as (

    values
    ('three_public_total_equals_sum_of_items', 'total', 'overseas_travel'),
    ('three_public_total_equals_sum_of_items', 'total', 'vehicle_total'),
    ('three_public_total_equals_sum_of_items', 'total', 'reception'),
    ('three_public_vehicle_equals_sum_of_parts', 'vehicle_total', 'vehicle_purchase'),
    ('three_public_vehicle_equals_sum_of_parts', 'vehicle_total', 'vehicle_operation'),
    ('three_public_overseas_equals_sum_of_parts', 'overseas_travel', 'overseas_travel_research'),
    ('three_public_overseas_equals_sum_of_parts', 'overseas_travel', 'overseas_travel_other')

),

comparisons as (

    select
        targets.document_key,
        rules.check_name,
        'three_public' as table_type,
        targets.table_index,
        targets.measure,
        targets.stage,
        targets.item_code as subject,
        items.name_zh as subject_name,
        targets.amount as printed,
        targets.unit,
        targets.page,
        targets.block_index,
        targets.row_index,
        components.item_code as input_name,
        components.amount as input_amount,
        components.item_code as input_order
    from three_public as targets
    inner join rules
        on targets.item_code = rules.target_item
    left join three_public as components
        on targets.document_key = components.document_key
        and targets.table_index = components.table_index
        and targets.stage = components.stage
        and targets.measure = components.measure
        and rules.component_item = components.item_code
    left join items
        on targets.item_code = items.item_code

),

checks as (

    {{ sum_check_rows('comparisons', missing_inputs_label='no item printed') }}

),

final as (

    -- the parts of an item are checked only where at least one part is printed;
    -- the total always (a total with no item printed beside it does not add up)
    select * from checks
    where input_count > 0
        or check_name = 'three_public_total_equals_sum_of_items'

)

select * from final
