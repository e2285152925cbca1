with

source as (

    select * from {{ source('budget_parquet', 'tables') }}

),

renamed as (

    select
        -- keys
        cast(document_id as varchar) as document_id,
        cast(table_index as integer) as table_index,

        -- table
        cast(source_file as varchar) as source_file,
        cast(title as varchar) as table_title,
        cast(table_type as varchar) as table_type,
        cast(unit as varchar) as unit,

        -- layout
        cast(page_first as integer) as page_first,
        cast(page_last as integer) as page_last,
        cast(block_indexes as varchar) as block_indexes,
        cast(n_rows as integer) as n_rows,
        cast(n_cols as integer) as n_cols,
        cast(no_data_note as boolean) as no_data_note,
        cast(continued as boolean) as continued,

        -- reading and its verification by the table's own sums
        cast(reading as varchar) as reading,
        coalesce(cast(identities_tested as integer), 0) as identities_tested,
        coalesce(cast(identities_held as integer), 0) as identities_held,

        -- what the table's heading prints (its title's year, its 部门/单位 line)
        cast(heading_year as integer) as heading_year,
        cast(heading_department as varchar) as heading_department

    from source
    {{ without_quarantined() }}

)

select * from renamed
