-- 勾稽 reconciliation: one row per check of one document — what was compared,
-- the inputs, the figure they should give (expected), the figure the document
-- prints (printed), the difference (printed − expected) and whether it passes.
--
-- Tolerance: printed figures are rounded, so a figure compared with a sum of n
-- printed figures may be off by 0.01 per summed item (tolerance 0.01 × n, in the
-- printed unit). The same figure printed in two tables (summary vs account table)
-- must be identical (tolerance 0), unless one side is itself a sum.
--
-- The checks are computed by one model per family, models/intermediate/checks/
-- int_checks__*.sql (seed reconciliation_check_types describes each check_name):
-- a rule in an existing family is a few lines there; a new family is a new model
-- ending with the macro sum_check_rows or pair_check_rows (macros/check_rows.sql),
-- named in `check_models` below.
{%- set check_models = [
    'int_checks__account_hierarchy',
    'int_checks__account_totals',
    'int_checks__row_columns',
    'int_checks__summary_tables',
    'int_checks__cross_table_totals',
    'int_checks__cross_table_classes',
    'int_checks__three_public',
    'int_checks__projects',
] %}

with

-- the check models, unioned by column name
all_checks as (
    {{ union_models(check_models) }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

check_types as (

    select * from {{ ref('reconciliation_check_types') }}

),

final as (

    select
        -- keys
        {{ make_key([
            'all_checks.document_key', 'all_checks.check_name', 'all_checks.table_index',
            'all_checks.measure', 'all_checks.stage', 'all_checks.subject',
            'all_checks.block_index', 'all_checks.row_index', 'all_checks.col_index'
        ]) }} as check_key,
        all_checks.document_key,

        -- document
        documents.source_file,
        documents.department,
        documents.fiscal_year,
        documents.report_type,

        -- check
        all_checks.check_name,
        check_types.label_zh as check_label_zh,
        all_checks.table_type,
        all_checks.table_index,
        all_checks.measure,
        all_checks.stage,
        all_checks.subject,
        all_checks.subject_name,
        all_checks.compared_table_type,

        -- numbers
        all_checks.inputs,
        cast(all_checks.input_count as integer) as input_count,
        cast(all_checks.expected as decimal(18, 2)) as expected,
        cast(all_checks.printed as decimal(18, 2)) as printed,
        cast(all_checks.printed - all_checks.expected as decimal(18, 2)) as difference,
        cast(all_checks.tolerance as decimal(18, 2)) as tolerance,
        abs(all_checks.printed - all_checks.expected) <= all_checks.tolerance as passed,
        all_checks.unit,

        -- where the printed figure is
        all_checks.page,
        all_checks.block_index,
        all_checks.row_index,
        cast(all_checks.col_index as integer) as col_index

    from all_checks
    left join documents
        on all_checks.document_key = documents.document_id
    left join check_types
        on all_checks.check_name = check_types.check_name

)

select * from final
