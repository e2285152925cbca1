with

report_types as (

    select * from {{ ref('report_types') }}

),

final as (

    select
        report_type_code,
        label_zh,
        document_label_zh,
        description
    from report_types

)

select * from final
