-- Distinct account codes (科目编码) printed in any table, each with its most
-- common printed name, classification, level (类/款/项) and parent code.

with

line_items as (

    select * from {{ ref('stg_line_items') }}

),

account_rows as (

    -- one row per printed table row (not per amount cell)
    select distinct
        document_id,
        table_index,
        block_index,
        row_index,
        row_key as account_code,
        account_name
    from line_items
    where row_kind = 'account'
        and row_key is not null

),

name_counts as (

    select
        account_code,
        account_name,
        count(*) as printed_row_count
    from account_rows
    group by account_code, account_name

),

ranked_names as (

    select
        *,
        row_number() over (
            partition by account_code
            order by account_name is null asc, printed_row_count desc, account_name asc
        ) as name_rank,
        count(account_name) over (partition by account_code) as name_variant_count,
        sum(printed_row_count) over (partition by account_code) as total_printed_row_count
    from name_counts

),

accounts as (

    select
        account_code,
        account_name,
        name_variant_count,
        total_printed_row_count as printed_row_count
    from ranked_names
    where name_rank = 1

),

final as (

    select
        -- keys
        {{ make_key(['account_code']) }} as account_key,
        account_code,

        -- name
        account_name,
        name_variant_count,
        printed_row_count,

        -- classification: 2xx 支出功能分类, otherwise 3xx 支出经济分类
        case when account_code like '2%' then 'functional' else 'economic' end as classification,

        -- hierarchy: 类 3 digits, 款 5, 项 7
        case length(account_code) when 3 then 1 when 5 then 2 when 7 then 3 end as level,
        case length(account_code) when 3 then '类' when 5 then '款' when 7 then '项' end as level_zh,
        case length(account_code)
            when 5 then left(account_code, 3)
            when 7 then left(account_code, 5)
        end as parent_code

    from accounts

)

select * from final
