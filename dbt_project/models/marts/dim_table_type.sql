with

table_types as (

    select * from {{ ref('table_types') }}

),

final as (

    select
        table_type_code,
        final_title_zh,
        budget_title_zh,
        disclosure_number,
        in_line_items_view,
        description
    from table_types

)

select * from final
