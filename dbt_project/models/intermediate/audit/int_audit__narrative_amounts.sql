-- narrative_amount_differs: a figure the 说明 quotes for a topic the tables print (收入总计,
-- 支出总计, 财政拨款, 一般公共预算, 基本支出, 项目支出, 三公经费 and its items, 政府性基金,
-- 国有资本经营) that equals none of the figures the document's tables print for that topic —
-- including a 0 where a total row or a 三公 item prints an amount. (人员经费 / 公用经费 are not
-- held to the tables: regions count 工会经费, 福利费 … on either side.) Compared in 万元, within the
-- rounding of the figure as the 说明 prints it (half its last digit, at least 0.01 万元).
-- Conservative: the figure may equal any of the topic's printed figures (any stage, any
-- measure of the topic's total rows), and a topic whose tables the document does not
-- print is not checked; neither is the 说明's performance part, a figure labelled by an expense
-- item or account inside the topic (培训费, 运行经费, 行政运行（2013201）…), a part of a 三公
-- item, nor a 0 in a final account (its 决算 cell may be blank). A figure whose tables were
-- read by OCR or verify poorly (confidence < 0.9) makes a warning: a misreading is likely.

with

all_statements as (

    select * from {{ ref('stg_narrative_statements') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

-- the 说明's performance part (绩效自评, 绩效评价 …) reports on the scope of its evaluation, not
-- the tables': its figures are not compared; it starts at the first sentence naming it
performance_start as (

    select
        document_id,
        min(block_index * 100000 + sentence_index) as first_position
    from all_statements
    where regexp_matches(text, '绩效自评|自评报告|绩效评价|整体支出绩效|项目支出绩效|绩效目标表|评价得分|绩效目标管理|纳入绩效')
    group by document_id

),

statements as (

    select all_statements.*
    from all_statements
    left join performance_start on all_statements.document_id = performance_start.document_id
    left join documents on all_statements.document_id = documents.document_id
    where
        all_statements.amount_wan is not null
        and (
            performance_start.first_position is null
            or all_statements.block_index * 100000 + all_statements.sentence_index
            < performance_start.first_position
        )
        -- a part of a 三公 item (外宾接待, 国内公务接待 …) is not printed in the tables
        and not (
            all_statements.topic in (
                'overseas_travel', 'official_reception', 'official_vehicles',
                'vehicle_purchase', 'vehicle_operation'
            )
            and regexp_matches(coalesce(all_statements.amount_phrase, ''), '外宾|国内|其他|以外')
        )
        -- a figure labelled by an expense item or an account inside the topic (一般公共预算安排的
        -- 培训费, 人员经费：行政运行（2013201）, 运行经费 …) is that item's, not the topic's
        and not regexp_matches(
            coalesce(all_statements.amount_phrase, ''),
            '培训费|会议费|委托业务费|专项|运行经费|办公费|交通|差旅|工资福利|商品和服务|对个人和家庭|补贴|补助|'
            || '印刷|邮电|物业|行政运行|事业运行|结转|结余|[(（]\d{3,7}[)）]'
        )
        -- a sentence that opens on a bare 预算数为 (年初预算为 …，支出决算为 …) is about the
        -- 类/款/项 named before it, whatever its words say
        and not regexp_matches(all_statements.text, '^\s*(年?初|全年|调整后)?(预算|决算)数?为')
        -- a 0 in a final account may be the 决算 of a figure whose 决算 cell the tables leave
        -- blank (blank is not zero): only a budget's single-stage tables are held to it
        and (all_statements.amount_wan <> 0 or documents.report_type = 'budget')

),

line_items as (

    select * from {{ ref('fct_line_items') }}

),

summary_items as (

    select * from {{ ref('fct_summary_items') }}

),

three_public as (

    select * from {{ ref('fct_three_public') }}

),

-- a 三公 table whose own sums fail was likely misread (a table printing 会议费 and 培训费 beside
-- the 三公 items, two years side by side): its figures make a warning, not an error
three_public_misread as (

    select distinct document_key
    from {{ ref('fct_reconciliation_checks') }}
    where check_name like 'three_public%' and not passed

),

topic_tables as (

    -- which tables print each topic's figures: (topic, table type, row) — a TOTAL row of an
    -- account table, a class row of the basic-expenditure tables, or every item of a summary
    select
        t.topic,
        t.table_type,
        t.row_key
    from (
        values
        ('income_total', 'income', 'TOTAL'),
        ('income_total', 'summary', '*'),
        ('expenditure_total', 'expenditure', 'TOTAL'),
        ('expenditure_total', 'summary', '*'),
        ('income_expenditure_total', 'summary', '*'),
        ('income_expenditure_total', 'income', 'TOTAL'),
        ('income_expenditure_total', 'expenditure', 'TOTAL'),
        ('fiscal_appropriation', 'fiscal_summary', '*'),
        ('fiscal_appropriation', 'summary', '*'),
        ('fiscal_appropriation', 'income', 'TOTAL'),
        ('general_public_budget', 'general_expenditure', 'TOTAL'),
        ('general_public_budget', 'fiscal_summary', '*'),
        ('general_public_budget', 'summary', '*'),
        ('general_public_budget', 'income', 'TOTAL'),
        ('basic_expenditure', 'expenditure', 'TOTAL'),
        ('basic_expenditure', 'general_expenditure', 'TOTAL'),
        ('basic_expenditure', 'general_basic_expenditure', 'TOTAL'),
        ('basic_expenditure', 'economic_summary', 'TOTAL'),
        ('project_expenditure', 'expenditure', 'TOTAL'),
        ('project_expenditure', 'general_expenditure', 'TOTAL'),
        ('government_fund', 'fund_expenditure', 'TOTAL'),
        ('government_fund', 'fiscal_summary', '*'),
        ('state_capital', 'state_capital_expenditure', 'TOTAL'),
        ('state_capital', 'fiscal_summary', '*')
    ) as t (topic, table_type, row_key)

),

three_public_topics as (

    select
        t.topic,
        t.item_code
    from (
        values
        ('three_public', 'total'),
        ('overseas_travel', 'overseas_travel'),
        ('official_reception', 'reception'),
        ('official_vehicles', 'vehicle_total'),
        ('vehicle_purchase', 'vehicle_purchase'),
        ('vehicle_operation', 'vehicle_operation')
    ) as t (topic, item_code)

),

-- every figure the tables print for a topic, in 万元
account_figures as (

    select
        line_items.document_key,
        topic_tables.topic,
        cast(line_items.amount_yuan as decimal(18, 2)) * 0.0001 as amount_wan,
        line_items.is_ocr or coalesce(line_items.table_confidence < 0.9, true) as doubtful,
        true as specific
    from line_items
    inner join topic_tables
        on line_items.table_type = topic_tables.table_type
        and topic_tables.row_key <> '*'
        and line_items.row_key = topic_tables.row_key
        -- 基本支出 and 项目支出 are the figures of their own columns; a table printing one
        -- 金额 column does not print them
        and (
            topic_tables.topic not in ('basic_expenditure', 'project_expenditure')
            or line_items.measure like replace(topic_tables.topic, '_expenditure', '') || '%'
        )

),

summary_figures as (

    select
        summary_items.document_key,
        topic_tables.topic,
        cast(summary_items.amount_yuan as decimal(18, 2)) * 0.0001 as amount_wan,
        summary_items.is_ocr as doubtful,
        false as specific
    from summary_items
    inner join topic_tables
        on summary_items.table_type = topic_tables.table_type
        and topic_tables.row_key = '*'

),

three_public_figures as (

    select
        three_public.document_key,
        three_public_topics.topic,
        cast(three_public.amount_yuan as decimal(18, 2)) * 0.0001 as amount_wan,
        three_public.is_ocr or three_public_misread.document_key is not null as doubtful,
        true as specific
    from three_public
    inner join three_public_topics on three_public.item_code = three_public_topics.item_code
    left join three_public_misread on three_public.document_key = three_public_misread.document_key

),

figures as (

    select * from account_figures
    union all
    select * from summary_figures
    union all
    select * from three_public_figures

),

-- the statement's main figure as printed: its decimals give the rounding it allows
printed as (

    select
        statements.*,
        list_filter(
            from_json(statements.amounts, '[{"value": "VARCHAR", "unit": "VARCHAR", "is_change": "BOOLEAN"}]'),
            x -> not x.is_change
        )[1].value as printed_value
    from statements
    where statements.topic in (
            select distinct topic_tables.topic from topic_tables
            union
            select three_public_topics.topic from three_public_topics
        )

),

topic_keywords as (

    select
        k.topic,
        k.keyword
    from (
        values
        ('income_total', '收入'),
        ('expenditure_total', '支出'),
        ('income_expenditure_total', '收'),
        ('fiscal_appropriation', '财政拨款'),
        ('general_public_budget', '一般公共预算'),
        ('basic_expenditure', '基本支出'),
        ('project_expenditure', '项目支出'),
        ('three_public', '三公'),
        ('overseas_travel', '出国'),
        ('official_reception', '接待'),
        ('official_vehicles', '公务用车'),
        ('vehicle_purchase', '购置'),
        ('vehicle_operation', '运行'),
        ('government_fund', '政府性基金'),
        ('state_capital', '国有资本')
    ) as k (topic, keyword)

),

-- the label before the figure must name its topic: a sentence cut from the one before it
-- (初预算为 …，支出决算为 …) inherits a topic its own words do not carry
named as (

    select
        printed.*,
        t.keyword
    from printed
    inner join topic_keywords as t on printed.topic = t.topic
    where contains(coalesce(printed.amount_phrase, ''), t.keyword)

),

tolerances as (

    select
        named.*,
        greatest(
            0.01,
            0.5 * power(10, -length(split_part(coalesce(named.printed_value, ''), '.', 2)))
            * case named.amount_unit when '元' then 0.0001 when '亿元' then 10000 else 1 end
        ) as tolerance_wan
    from named

),

compared as (

    select
        tolerances.document_id as document_key,
        tolerances.page,
        tolerances.block_index,
        tolerances.sentence_index,
        tolerances.topic,
        tolerances.text,
        tolerances.amount,
        tolerances.amount_unit,
        tolerances.amount_wan,
        count(figures.amount_wan) as n_figures,
        count(*) filter (where abs(figures.amount_wan - tolerances.amount_wan) <= tolerances.tolerance_wan)
            as n_matching,
        string_agg(distinct cast(cast(figures.amount_wan as decimal(18, 2)) as varchar), ' / ') as table_figures,
        count(*) filter (where figures.specific) as n_specific,
        bool_or(figures.doubtful) as any_doubtful
    from tolerances
    inner join figures
        on tolerances.document_id = figures.document_key
        and tolerances.topic = figures.topic
    group by all

),

findings as (

    select
        document_key,
        'narrative_amount_differs' as rule_id,
        cast(block_index as varchar) || ':' || cast(sentence_index as varchar) as finding_subject,
        page,
        null as table_index,
        null as table_type,
        '说明与表不符：说明所述' || topic || ' ' || cast(amount as varchar) || coalesce(amount_unit, '')
        || '，与表中该项数字（' || table_figures || ' 万元）均不一致' as message_zh,
        'The narrative quotes ' || cast(amount as varchar) || coalesce(' ' || amount_unit, '') || ' for ' || topic
        || ', which matches none of the figures the tables print for it (' || table_figures || ' 万元)' as message_en,
        table_figures || ' 万元' as expected,
        cast(amount as varchar) || coalesce(amount_unit, '') as found,
        text as quoted_text,
        null as check_key,
        any_doubtful as reading_uncertain
    from compared
    where
        n_matching = 0
        -- a 0 is held only to a figure printed for the topic itself (a total row, a 三公 item),
        -- not to a summary's items: a fund the department does not have is often left blank
        and (amount_wan <> 0 and n_figures > 0 or amount_wan = 0 and n_specific > 0)

)

{{ audit_rows('findings') }}
