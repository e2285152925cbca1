with

documents as (

    select * from {{ ref('stg_documents') }}

),

final as (

    select
        fiscal_year,
        count(*) as document_count,
        count(*) filter (where report_type = 'budget') as budget_document_count,
        count(*) filter (where report_type = 'final') as final_document_count
    from documents
    where fiscal_year is not null
    group by fiscal_year

)

select * from final
