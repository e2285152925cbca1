-- Quality checks per document (pipeline/parse/checks.py; the same results as the
-- Dagster asset checks): share of table pages that produced line items,
-- hierarchy consistency (类 = Σ 款, 款 = Σ 项), totals present.

with

checks as (

    select * from {{ ref('stg_document_checks') }}

),

final as (

    select
        -- keys
        document_id as document_key,

        -- document
        source_file,

        -- check
        check_name,
        passed,
        value,
        threshold,
        detail

    from checks

)

select * from final
