{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ delete_documents_to_rebuild('document_key') }}",
    )
}}
-- incremental by document (macros/incremental_documents.sql)
-- depends_on: {{ ref('build_document_versions') }}

-- The sentences of the 说明 (情况说明) narrative as a fact (说明语句事实): one sentence of a
-- document's text that prints a figure or says something about a budget topic, with its
-- topic, its main figure (as printed and exactly in 万元), the change it reports, what the
-- figure is compared with and the reason it gives (pipeline/parse/narrative.py), joined to
-- the document's department, fiscal year and report type.

with

statements as (

    select * from {{ ref('stg_narrative_statements') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

final as (

    select
        -- keys
        {{ make_key(['statements.document_id', 'statements.sentence_index']) }} as statement_key,
        statements.document_id as document_key,
        {{ make_key(['documents.department', 'documents.scope']) }} as department_key,

        -- document
        documents.department,
        documents.fiscal_year,
        documents.report_type,

        -- sentence
        statements.sentence_index,
        statements.text,
        statements.topic,

        -- main figure
        statements.amount,
        statements.amount_unit,
        statements.amount_phrase,
        statements.amount_wan,

        -- change
        statements.change_direction,
        statements.change_amount,
        statements.change_unit,
        statements.change_amount_wan,
        statements.change_percent,

        -- comparison and reason
        statements.compared_with,
        statements.compared_year,
        statements.years,
        statements.reason,

        -- every figure of the sentence
        statements.amount_count,
        statements.amounts,
        statements.percentages,

        -- provenance
        statements.source_file,
        statements.page,
        statements.block_index

    from statements
    left join documents
        on statements.document_id = documents.document_id
    where {{ is_document_to_build('statements.document_id') }}

)

select * from final
