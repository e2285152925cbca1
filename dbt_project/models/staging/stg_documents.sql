with

source as (

    select * from {{ source('budget_parquet', 'documents') }}

),

renamed as (

    select
        -- keys
        cast(document_id as varchar) as document_id,

        -- file
        cast(source_file as varchar) as source_file,
        cast(source_path as varchar) as source_path,
        cast(sha256 as varchar) as sha256,
        cast(size_bytes as bigint) as size_bytes,
        cast(format as varchar) as format,
        cast(page_count as integer) as page_count,

        -- detected metadata
        cast(report_type as varchar) as report_type,
        cast(fiscal_year as integer) as fiscal_year,
        cast(department as varchar) as department,
        cast(scope as varchar) as scope,
        cast(unit as varchar) as unit,

        -- parse outcome
        cast(table_count as integer) as table_count,
        cast(line_item_count as integer) as line_item_count,
        cast(status as varchar) as status,
        cast(extracted_at as timestamptz) as extracted_at,
        cast(parser_version as varchar) as parser_version,

        -- region (行政区划), from the department name
        cast(province as varchar) as province,
        cast(city as varchar) as city,
        cast(county as varchar) as county,
        cast(division_code as varchar) as division_code

    from source

)

select * from renamed
