-- 类 = Σ款 and 款 = Σ项: an account row equals the sum of its child codes (two more
-- digits) printed in the same table, stage and measure; checked only where children
-- are printed. A 项 whose 款 is not printed is a child of its 类 (Shaanxi's economic
-- codes: 301 | 30101 | 3010201 津贴补贴 | 3010202 改革性补贴, without a 30102 row).

with

accounts as (

    select * from {{ ref('int_account_amounts') }}
    where row_kind = 'account'

),

comparisons as (

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
        parents.amount as printed,
        parents.unit,
        parents.page,
        parents.block_index,
        parents.row_index,
        children.row_key as input_name,
        children.amount as input_amount,
        children.row_key as input_order
    from accounts as parents
    inner join accounts as children
        on parents.document_key = children.document_key
        and parents.table_index = children.table_index
        and parents.stage is not distinct from children.stage
        and parents.measure = children.measure
        and left(children.row_key, length(parents.row_key)) = parents.row_key
        and (
            length(children.row_key) = length(parents.row_key) + 2
            or (
                length(parents.row_key) = 3 and length(children.row_key) = 7
                and not exists (
                    select 1
                    from accounts as sections
                    where sections.document_key = children.document_key
                        and sections.table_index = children.table_index
                        and sections.stage is not distinct from children.stage
                        and sections.measure = children.measure
                        and sections.row_key = left(children.row_key, 5)
                )
            )
        )
    where length(parents.row_key) in (3, 5)

)

{{ sum_check_rows('comparisons') }}
