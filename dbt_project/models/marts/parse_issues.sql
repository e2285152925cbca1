-- Every problem the pipeline met, visible in the warehouse.

with

parse_issues as (

    select * from {{ ref('stg_parse_issues') }}

),

final as (

    select
        document_id as document_key,
        *
    from parse_issues

)

select * from final
