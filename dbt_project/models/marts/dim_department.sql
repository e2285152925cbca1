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
        max(fiscal_year) as last_fiscal_year
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

        -- region (行政区划): reserved, filled in later
        cast(null as varchar) as province,
        cast(null as varchar) as city,
        cast(null as varchar) as county,
        cast(null as varchar) as division_code,

        -- coverage
        document_count,
        first_fiscal_year,
        last_fiscal_year

    from departments

)

select * from final
