{#-
    The two shapes of a 勾稽 reconciliation check. Each int_checks__* model builds
    a CTE of comparisons and ends with one of these macros, which turn it into
    check rows with the columns every check model returns (fct_reconciliation_checks
    unions the models by name and adds the document, label, difference and passed):

      document_key, check_name, table_type, table_index, measure, stage, subject,
      subject_name, inputs, input_count, expected, printed, tolerance, unit, page,
      block_index, row_index, compared_table_type

    The columns the CTE must have are listed with each macro.
-#}


{#-
    sum_check_rows: a printed figure equals the sum of other printed figures
    (类 = Σ款, 合计 = Σ类, 合计 = 基本支出 + 项目支出, …).

    `comparisons` has one row per (checked figure, input):
      what is checked    document_key, check_name, table_type, table_index, measure,
                         stage, subject, subject_name
      the printed figure printed, unit, page, block_index, row_index
      one input          input_name, input_amount, input_order (sorts the inputs in `inputs`)
    Each checked figure gives one row (grouped by all the columns above but the
    inputs): expected = Σ input_amount, tolerance 0.01 per input (each printed
    figure is rounded to 0.01).

    missing_inputs_label: set it when the comparisons come from a left join, so that a
    figure may have no input printed (input_name NULL): it is then compared with 0,
    with this text as `inputs` and a tolerance of 0.01.

    per_printed_cell: set it when one (measure, subject) may be printed in more than
    one cell of a row (two columns read as the same measure): `comparisons` then has
    the printed figure's col_index, which becomes part of the check's grain (and of
    check_key). Models without it are one check per (measure, subject) by
    construction and leave col_index NULL.
-#}
{% macro sum_check_rows(comparisons, missing_inputs_label=none, per_printed_cell=false) -%}
    {%- set inputs = "string_agg(input_name || '=' || cast(input_amount as varchar), ' + ' order by input_order)" -%}
    {%- if missing_inputs_label is none -%}
        {%- set input_count = "count(*)" -%}
        {%- set expected = "sum(input_amount)" -%}
        {%- set tolerance = "0.01 * count(*)" -%}
    {%- else -%}
        {%- set inputs = "coalesce(" ~ inputs ~ " filter (where input_name is not null), '"
            ~ missing_inputs_label ~ "')" -%}
        {%- set input_count = "count(input_name)" -%}
        {%- set expected = "coalesce(sum(input_amount), 0)" -%}
        {%- set tolerance = "0.01 * greatest(count(input_name), 1)" -%}
    {%- endif %}
    select
        document_key,
        check_name,
        table_type,
        table_index,
        measure,
        stage,
        subject,
        subject_name,
        {{ inputs }} as inputs,
        {{ input_count }} as input_count,
        {{ expected }} as expected,
        printed,
        {{ tolerance }} as tolerance,
        unit,
        page,
        block_index,
        row_index,
        {% if per_printed_cell -%} col_index, {%- endif %}
        cast(null as varchar) as compared_table_type
    from {{ comparisons }}
    group by all
{%- endmacro %}


{#-
    pair_check_rows: one printed figure equals another one (the same figure printed
    in two places: a table's total and the summary table's, 收入总计 and 支出总计, …).

    `pairs` has one row per check:
      what is checked    document_key, check_name, table_type, table_index, measure,
                         stage, subject, subject_name, inputs, input_count
      the printed figure printed, unit, page, block_index, row_index
      the other figure   compared_table_type, compared_amount, compared_unit (NULL when
                         it is printed in the same unit, e.g. in the same table),
                         base_tolerance (0 for the same figure printed twice)
    The other figure is converted into the printed figure's unit (万元 ↔ 元, rounded
    to 0.01): expected is that figure; the tolerance widens to what the conversion
    leaves unknown (a 万元 figure compared in 元 is only known to ±50 元). The other
    columns of `pairs` are passed on as they are.
-#}
{% macro pair_check_rows(pairs) -%}
    select
        * exclude (compared_amount, compared_unit, base_tolerance),
        case
            when compared_unit = unit or compared_unit is null or unit is null then compared_amount
            when compared_unit = '元' and unit = '万元' then round(compared_amount / 10000, 2)
            when compared_unit = '万元' and unit = '元' then compared_amount * 10000
            else compared_amount
        end as expected,
        case
            when compared_unit = '万元' and unit = '元' then greatest(base_tolerance * 10000, 50.00)
            when compared_unit = '元' and unit = '万元' then greatest(base_tolerance, 0.01)
            else base_tolerance
        end as tolerance
    from {{ pairs }}
{%- endmacro %}
