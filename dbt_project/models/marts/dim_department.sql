with

documents as (

    select * from {{ ref('stg_documents') }}

),

departments as (

    select
        department,
        scope,
        count(*) as document_count,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        -- the region found in the name (the same for every document of the name)
        arg_max(province, division_code is not null) as province,
        arg_max(city, division_code is not null) as city,
        arg_max(county, division_code is not null) as county,
        max(division_code) as division_code
    from documents
    group by department, scope

),

final as (

    select
        -- keys
        {{ make_key(['department', 'scope']) }} as department_key,

        -- department
        department as department_name,
        scope,

        -- region (行政区划), from the department name (pipeline/parse/regions.py); NULL when unknown
        province,
        city,
        county,
        division_code,
        case
            when division_code is null then 'unresolved'
            when county is not null then 'county'
            when city is not null then 'city'
            else 'province'
        end as region_level,

        -- coverage
        document_count,
        first_fiscal_year,
        last_fiscal_year

    from departments

)

select * from final
