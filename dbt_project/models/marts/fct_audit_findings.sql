-- 审核发现 (document audit): one row per finding a budget reviewer looks for — a table
-- missing, a sum that does not hold, the same figure differing between tables, a unit slip —
-- with the rule (seed audit_rules: group, severity, label), where it applies, a message in
-- Chinese with an English gloss, and the evidence (expected, found, the quoted text).
--
-- Each rule kind is one model in models/intermediate/audit/, ending with the macro
-- audit_rows (macros/audit_rows.sql), named in `audit_models` below. The 勾稽 findings come
-- from fct_reconciliation_checks (int_audit__check_outcomes): the sums are made once, there.
-- Severity: the rule's; an error whose figures may be misread (reading_uncertain) is a warning.
{%- set audit_models = [
    'int_audit__checks',
    'int_audit__unit_slips',
    'int_audit__required_tables',
    'int_audit__listed_tables',
    'int_audit__empty_tables',
    'int_audit__duplicated_tables',
    'int_audit__table_headings',
    'int_audit__narrative_amounts',
    'int_audit__narrative_changes',
] %}

with

all_findings as (
    {{ union_models(audit_models) }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

rules as (

    select * from {{ ref('audit_rules') }}

),

final as (

    select
        -- keys
        {{ make_key(['all_findings.document_key', 'all_findings.rule_id', 'all_findings.finding_subject']) }}
            as finding_key,
        all_findings.document_key,

        -- document
        documents.source_file,
        documents.department,
        documents.fiscal_year,
        documents.report_type,

        -- rule
        all_findings.rule_id,
        rules.rule_group,
        case
            when all_findings.reading_uncertain and rules.severity = 'error' then 'warning'
            else rules.severity
        end as severity,
        rules.label_zh,

        -- where
        all_findings.page,
        all_findings.table_index,
        all_findings.table_type,

        -- the finding and its evidence
        all_findings.message_zh,
        all_findings.message_en,
        all_findings.expected,
        all_findings.found,
        all_findings.quoted_text,
        all_findings.check_key

    from all_findings
    left join documents
        on all_findings.document_key = documents.document_id
    left join rules
        on all_findings.rule_id = rules.rule_id

)

select * from final
