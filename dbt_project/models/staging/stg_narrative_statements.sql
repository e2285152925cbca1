with

source as (

    select * from {{ source('budget_narrative', 'narrative_statements') }}

),

renamed as (

    select
        -- position of the sentence
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,
        cast(page as integer) as page,
        cast(block_index as integer) as block_index,
        cast(sentence_index as integer) as sentence_index,

        -- the sentence and what it is about
        cast(text as varchar) as text,
        cast(topic as varchar) as topic,

        -- the main figure: as printed, and exactly in 万元
        cast(amount as decimal(18, 2)) as amount,
        cast(amount_unit as varchar) as amount_unit,
        cast(amount_phrase as varchar) as amount_phrase,
        cast(amount_wan as decimal(18, 6)) as amount_wan,

        -- the change it reports
        cast(change_direction as varchar) as change_direction,
        cast(change_amount as decimal(18, 2)) as change_amount,
        cast(change_unit as varchar) as change_unit,
        cast(change_amount_wan as decimal(18, 6)) as change_amount_wan,
        cast(change_percent as decimal(18, 4)) as change_percent,

        -- what it is compared with, the years it names, the reason it gives
        cast(compared_with as varchar) as compared_with,
        cast(compared_year as integer) as compared_year,
        cast(years as varchar) as years,
        cast(reason as varchar) as reason,

        -- every figure of the sentence (JSON, values as printed text)
        cast(amount_count as integer) as amount_count,
        cast(amounts as varchar) as amounts,
        cast(percentages as varchar) as percentages

    from source
    {{ without_quarantined() }}

)

select * from renamed
