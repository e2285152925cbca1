-- in_table / cross_table findings from the 勾稽 checks (int_audit__check_outcomes): a check
-- failed beyond rounding is its rule's finding (error; warning when a misreading is likely);
-- a difference within rounding (尾数) is an info finding in_table_rounding_gap /
-- cross_table_rounding_gap. Unit slips are int_audit__unit_slips'.

with

outcomes as (

    select * from {{ ref('int_audit__check_outcomes') }}
    where outcome in ('failed', 'rounding_gap')

),

findings as (

    select
        document_key,
        case
            when outcome = 'failed' then rule_id
            when rule_group = 'cross_table' then 'cross_table_rounding_gap'
            else 'in_table_rounding_gap'
        end as rule_id,
        check_key as finding_subject,
        page,
        table_index,
        table_type,
        case when outcome = 'failed' then '勾稽不符' else '尾数差异' end
        || '：' || coalesce(check_label_zh, check_name)
        || '（' || coalesce(subject_name, subject, '') || '，' || coalesce(stage, '') || ' ' || measure || '）'
        || '：表中印数 ' || cast(printed as varchar) || '，应为 ' || cast(expected as varchar)
        || '，相差 ' || cast(difference as varchar) || coalesce(unit, '')
        || case
            when outcome = 'failed' and reading_uncertain
                then '。可能是读表有误（OCR、表内勾稽多处不符、原表自身勾稽成立或同类表不止一张），请核对原文'
            else ''
        end as message_zh,
        case when outcome = 'failed' then 'Check failed' else 'Rounding gap' end
        || ': ' || check_name || ' (' || coalesce(subject, '') || ', ' || coalesce(stage, '') || ' ' || measure || ')'
        || ': printed ' || cast(printed as varchar) || ', expected ' || cast(expected as varchar)
        || ', difference ' || cast(difference as varchar)
        || case
            when outcome = 'failed' and reading_uncertain
                then '; likely a misreading (OCR, the table fails many sums, its own grid adds up, '
                || 'or several tables of the compared type), check the PDF'
            else ''
        end as message_en,
        cast(expected as varchar) as expected,
        cast(printed as varchar) as found,
        coalesce(subject_name || '：', '') || inputs as quoted_text,
        check_key,
        outcome = 'failed' and reading_uncertain as reading_uncertain
    from outcomes

)

{{ audit_rows('findings') }}
