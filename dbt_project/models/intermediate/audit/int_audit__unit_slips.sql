-- consistency_unit_slip: a figure printed in two tables is off by a factor of 10⁴ — one
-- table's amounts are in 元 and the other's in 万元 while their 单位 lines say otherwise.
-- One finding instead of the plain failed check (int_audit__check_outcomes).

with

outcomes as (

    select * from {{ ref('int_audit__check_outcomes') }}
    where outcome = 'unit_slip'

),

findings as (

    select
        document_key,
        'consistency_unit_slip' as rule_id,
        check_key as finding_subject,
        page,
        table_index,
        table_type,
        '单位错配：' || coalesce(check_label_zh, check_name) || '（' || coalesce(subject_name, subject, '') || '）'
        || '：表中印数 ' || cast(printed as varchar) || coalesce(unit, '')
        || '，另一表（' || coalesce(compared_table_type, '') || '）为 ' || cast(expected as varchar)
        || '，相差约一万倍，两表单位（元/万元）不一致' as message_zh,
        'Unit slip: ' || check_name || ' (' || coalesce(subject, '') || '): printed ' || cast(printed as varchar)
        || coalesce(' ' || unit, '') || ' vs ' || cast(expected as varchar)
        || ' in the ' || coalesce(compared_table_type, '') || ' table, a factor of 10^4 (元 vs 万元)' as message_en,
        cast(expected as varchar) as expected,
        cast(printed as varchar) as found,
        coalesce(subject_name || '：', '') || inputs as quoted_text,
        check_key,
        false as reading_uncertain
    from outcomes

)

{{ audit_rows('findings') }}
