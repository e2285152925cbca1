{#-
    audit_rows: the end of every int_audit__* model. It turns a CTE of findings into
    the columns every audit model returns, typed, so that fct_audit_findings unions
    them by name and adds the document, the rule's group, severity and label (seed
    audit_rules) and the key.

    `findings` has one row per finding, with the columns:
      document_key       the document (= document_id)
      rule_id            a rule of the seed audit_rules
      finding_subject    what the finding is about within the document and rule (a check_key,
                         a table type, a table index …): part of finding_key, unique per rule
      page, table_index, table_type   where it applies (NULL when the whole document)
      message_zh, message_en          the finding in plain Chinese and its English gloss
      expected, found    the figures or facts compared (text)
      quoted_text        the document's own words or figures it rests on
      check_key          the fct_reconciliation_checks row it comes from, else NULL
      reading_uncertain  true when a misreading is the likely cause (the rule's error
                         becomes a warning)
-#}
{% macro audit_rows(findings) -%}
    select
        cast(document_key as varchar) as document_key,
        cast(rule_id as varchar) as rule_id,
        cast(finding_subject as varchar) as finding_subject,
        cast(page as integer) as page,
        cast(table_index as integer) as table_index,
        cast(table_type as varchar) as table_type,
        cast(message_zh as varchar) as message_zh,
        cast(message_en as varchar) as message_en,
        cast(expected as varchar) as expected,
        cast(found as varchar) as found,
        cast(quoted_text as varchar) as quoted_text,
        cast(check_key as varchar) as check_key,
        coalesce(cast(reading_uncertain as boolean), false) as reading_uncertain
    from {{ findings }}
{%- endmacro %}


{#-
    is_unit_slip: true when `printed` is `expected` × 10⁴ or ÷ 10⁴ (within 0.1 %): the same
    figure printed in 元 in one table and in 万元 in another while the 单位 lines say otherwise.
-#}
{% macro is_unit_slip(printed, expected) -%}
    (
        {{ expected }} <> 0 and {{ printed }} <> 0
        and (
            abs(cast({{ printed }} as double) / cast({{ expected }} as double) / 10000 - 1) < 0.001
            or abs(cast({{ expected }} as double) / cast({{ printed }} as double) / 10000 - 1) < 0.001
        )
    )
{%- endmacro %}


{#-
    rounding_gap_limit: the largest difference a check may show and still be rounding (尾数):
    its tolerance (0.01 per summed printed figure), and never less than 0.05 in the printed
    unit (a total printed twice, each rounded from figures the document does not print).
-#}
{% macro rounding_gap_limit(tolerance, input_count) -%}
    greatest({{ tolerance }}, 0.01 * greatest(coalesce({{ input_count }}, 1), 1), 0.05)
{%- endmacro %}
