-- One row per administrative division (行政区划) that a department in the
-- warehouse belongs to — province, prefecture-level city, county-level unit and
-- the 6-digit division code — with how many departments and documents it has.
-- Departments whose region is unknown are counted in one extra row with
-- region_level = 'unresolved' and NULL division code (dim_department lists them).

with

departments as (

    select * from {{ ref('dim_department') }}

),

final as (

    select
        division_code,
        min(province) as province,
        min(city) as city,
        min(county) as county,
        min(region_level) as region_level,
        left(division_code, 2) || '0000' as province_code,
        case when min(city) is not null then left(division_code, 4) || '00' end as city_code,
        count(*) as department_count,
        sum(document_count) as document_count
    from departments
    where division_code is not null
    group by division_code

    union all

    select
        cast(null as varchar) as division_code,
        cast(null as varchar) as province,
        cast(null as varchar) as city,
        cast(null as varchar) as county,
        'unresolved' as region_level,
        cast(null as varchar) as province_code,
        cast(null as varchar) as city_code,
        count(*) as department_count,
        coalesce(sum(document_count), 0) as document_count
    from departments
    where division_code is null

)

select * from final
