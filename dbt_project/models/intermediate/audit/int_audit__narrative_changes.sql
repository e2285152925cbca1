-- narrative_change_inconsistent: a change the 说明 states that its own figures contradict —
-- “2024年收支总计 22066.59万元，增加 5834.37万元，增长 35.74%”: the year before was
-- 22066.59 − 5834.37 = 16232.22, so the increase is 35.94 %, not 35.74 %. The previous
-- figure is the statement's main figure less (or plus) the change it states; the percentage
-- it prints must be the change over that figure, within 0.06 points and the rounding of
-- the figures (0.02 万元 over the previous figure). A warning: the previous year's figure is
-- not printed in the tables, so the sentence is checked only against itself.

with

statements as (

    select * from {{ ref('stg_narrative_statements') }}
    where
        amount_wan is not null
        and change_amount_wan is not null
        and change_percent is not null
        and change_direction in ('increase', 'decrease')

),

previous as (

    select
        statements.*,
        case
            when statements.change_direction = 'increase'
                then statements.amount_wan - statements.change_amount_wan
            else statements.amount_wan + statements.change_amount_wan
        end as previous_wan
    from statements

),

computed as (

    select
        previous.*,
        cast(round(previous.change_amount_wan / previous.previous_wan * 100, 2) as decimal(9, 2)) as computed_percent
    from previous
    where previous.previous_wan > 0

),

findings as (

    select
        document_id as document_key,
        'narrative_change_inconsistent' as rule_id,
        cast(block_index as varchar) || ':' || cast(sentence_index as varchar) as finding_subject,
        page,
        null as table_index,
        null as table_type,
        '说明所述增减幅度与其数字不符：' || cast(cast(amount_wan as decimal(18, 2)) as varchar) || ' 万元，'
        || case change_direction when 'increase' then '增加 ' else '减少 ' end
        || cast(cast(change_amount_wan as decimal(18, 2)) as varchar) || ' 万元，应为 '
        || cast(computed_percent as varchar)
        || '%，文中为 ' || cast(cast(change_percent as decimal(9, 2)) as varchar) || '%' as message_zh,
        'The narrative states a change its own figures contradict: '
        || cast(cast(amount_wan as decimal(18, 2)) as varchar)
        || ' 万元 after a change of ' || cast(cast(change_amount_wan as decimal(18, 2)) as varchar) || ' 万元 is '
        || cast(computed_percent as varchar) || ' %, not '
        || cast(cast(change_percent as decimal(9, 2)) as varchar) || ' %' as message_en,
        cast(computed_percent as varchar) || '%' as expected,
        cast(cast(change_percent as decimal(9, 2)) as varchar) || '%' as found,
        text as quoted_text,
        null as check_key,
        false as reading_uncertain
    from computed
    where abs(computed_percent - change_percent) > greatest(0.06, 100 * 0.02 / previous_wan)

)

{{ audit_rows('findings') }}
