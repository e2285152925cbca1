with

accounts as (

    select * from {{ ref('int_accounts') }}

),

with_ancestors as (

    select
        accounts.*,
        case when accounts.level >= 1 then left(accounts.account_code, 3) end as class_code,
        case when accounts.level >= 2 then left(accounts.account_code, 5) end as section_code
    from accounts

),

final as (

    select
        -- keys
        with_ancestors.account_key,
        with_ancestors.account_code,

        -- name
        with_ancestors.account_name,
        with_ancestors.name_variant_count,
        with_ancestors.printed_row_count,

        -- classification and hierarchy
        with_ancestors.classification,
        with_ancestors.level,
        with_ancestors.level_zh,
        with_ancestors.parent_code,

        -- ancestors' names (from the same table of names)
        with_ancestors.class_code,
        class_accounts.account_name as class_name,
        with_ancestors.section_code,
        section_accounts.account_name as section_name

    from with_ancestors
    left join accounts as class_accounts
        on with_ancestors.class_code = class_accounts.account_code
    left join accounts as section_accounts
        on with_ancestors.section_code = section_accounts.account_code

)

select * from final
