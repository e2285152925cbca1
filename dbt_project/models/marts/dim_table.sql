with

tables as (

    select * from {{ ref('stg_tables') }}

),

line_items as (

    select * from {{ ref('int_line_items__with_documents') }}

),

line_item_counts as (

    select
        table_key,
        count(*) as amount_cell_count,
        count(*) filter (where is_line_item_fact) as line_item_fact_count
    from line_items
    group by table_key

),

final as (

    select
        -- keys
        {{ make_key(['tables.document_id', 'tables.table_index']) }} as table_key,
        tables.document_id as document_key,
        tables.table_index,

        -- table
        tables.table_title,
        tables.table_type,
        tables.unit,

        -- layout
        tables.page_first,
        tables.page_last,
        tables.block_indexes,
        tables.n_rows,
        tables.n_cols,
        tables.no_data_note,
        tables.continued,

        -- reading, verified by the table's own sums
        tables.reading,
        tables.identities_tested,
        tables.identities_held,
        {{ identity_confidence('tables.identities_held', 'tables.identities_tested') }} as confidence,

        -- contents
        coalesce(line_item_counts.amount_cell_count, 0) as amount_cell_count,
        coalesce(line_item_counts.line_item_fact_count, 0) as line_item_fact_count

    from tables
    left join line_item_counts
        on {{ make_key(['tables.document_id', 'tables.table_index']) }} = line_item_counts.table_key

)

select * from final
