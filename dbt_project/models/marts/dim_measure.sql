with

measures as (

    select * from {{ ref('measures') }}

),

final as (

    select
        measure_code,
        header_zh,
        description_en
    from measures

)

select * from final
