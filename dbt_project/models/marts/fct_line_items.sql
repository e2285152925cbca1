-- The line-item fact: one printed amount cell of an account or total row in
-- one of the seven account-coded table types. line_items_flat is a view on it.

with

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}

),

final as (

    select * exclude (is_line_item_fact)
    from line_items
    where is_line_item_fact

)

select * from final
