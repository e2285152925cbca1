"""Every query of the dashboard: pure functions of a read-only DuckDB connection to the warehouse.

Each function runs one SQL query over the marts (dim_document, dim_department, dim_table,
fct_line_items, fct_other_table_rows, fct_budget_execution, fct_three_public,
fct_audit_findings, document_checks) and returns a pandas DataFrame (or a dict for one
row). Amounts stay exact: DECIMAL columns come back as `decimal.Decimal` objects (not
the float a DataFrame would make of them), and sums are DECIMAL sums in SQL. Convert to
float only to draw a chart. Nothing here imports Streamlit, so the queries are tested on
a warehouse without a browser (tests/unit/test_dashboard.py).

Unless said otherwise, figures count each report once: the documents with
`dim_document.is_preferred` (raw/ may hold the same report as PDF and as text).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd

# the levels the compare page can group by: departments or regions (dim_department's region columns)
COMPARE_GROUPS = {
    "department": "dep.department_name",
    "province": "dep.province",
    "city": "dep.city",
    "county": "dep.county",
}

SEVERITY_ORDER = ("error", "warning", "info")

# every printed amount cell: the line-item fact and the other tables' cells (summary, 三公, unit rows …)
_ALL_CELLS = """(
    select * from fct_line_items
    union all by name
    select * from fct_other_table_rows
)"""


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    """Run `sql` and return its rows as a DataFrame of Python values: DECIMAL as exact `Decimal`, NULL as None."""
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    # dtype=object: an INTEGER column with a NULL stays ints and None (not floats and NaN)
    return pd.DataFrame(cursor.fetchall(), columns=columns, dtype=object)


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
    """Run `sql` and return its first row as a dict (None when there is none)."""
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return dict(zip(columns, row)) if row is not None else None


# ------------------------------------------------------------------ overview 总览


def overview_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Headline counts: documents (files), reports (preferred documents), departments, amount cells, findings.

    Keys: documents, reports, departments, line_items (fct_line_items rows of all documents),
    findings, error_findings, warning_findings, info_findings.
    """
    row = one(
        con,
        """
        select
            (select count(*) from dim_document) as documents,
            (select count(*) from dim_document where is_preferred) as reports,
            (select count(*) from dim_department) as departments,
            (select count(*) from fct_line_items) as line_items,
            (select count(*) from fct_audit_findings) as findings,
            (select count(*) from fct_audit_findings where severity = 'error') as error_findings,
            (select count(*) from fct_audit_findings where severity = 'warning') as warning_findings,
            (select count(*) from fct_audit_findings where severity = 'info') as info_findings
        """,
    )
    return {key: int(value or 0) for key, value in (row or {}).items()}


def documents_by_region(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Documents per province, city, fiscal year and report type (预算 budget / 决算 final).

    Columns: province, city, fiscal_year, report_type, documents (files), reports (preferred).
    An unresolved region is shown as '(unknown)'.
    """
    return frame(
        con,
        """
        select
            coalesce(province, '(unknown)') as province,
            coalesce(city, '(unknown)') as city,
            fiscal_year,
            report_type,
            count(*) as documents,
            count(*) filter (where is_preferred) as reports
        from dim_document
        group by all
        order by province, city, fiscal_year, report_type
        """,
    )


def findings_by_severity(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Audit findings (审核发现) per severity, errors first. Columns: severity, findings, documents."""
    return frame(
        con,
        """
        select severity, count(*) as findings, count(distinct document_key) as documents
        from fct_audit_findings
        group by severity
        order by case severity when 'error' then 0 when 'warning' then 1 else 2 end
        """,
    )


def document_quality(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every document with its quality, the worst first.

    Columns: document_key, source_file, department, fiscal_year, report_type, format, status,
    is_preferred, quality_score (share of 勾稽 checks that pass), check_failed_count,
    failed_document_checks (document_checks not passed), tables, min_table_confidence (the
    least sure table), low_confidence_tables (confidence < 1), errors, warnings, infos
    (audit findings). Worst first: most error findings, then warnings, then failed checks,
    then the lowest quality score and table confidence.
    """
    return frame(
        con,
        """
        with

        tables as (
            select
                document_key,
                count(*) as tables,
                min(confidence) as min_table_confidence,
                count(*) filter (where confidence < 1) as low_confidence_tables
            from dim_table
            group by document_key
        ),

        findings as (
            select
                document_key,
                count(*) filter (where severity = 'error') as errors,
                count(*) filter (where severity = 'warning') as warnings,
                count(*) filter (where severity = 'info') as infos
            from fct_audit_findings
            group by document_key
        ),

        checks as (
            select document_key, count(*) filter (where not passed) as failed_document_checks
            from document_checks
            group by document_key
        )

        select
            d.document_key,
            d.source_file,
            d.department,
            d.fiscal_year,
            d.report_type,
            d.format,
            d.status,
            d.is_preferred,
            d.quality_score,
            coalesce(d.check_failed_count, 0) as check_failed_count,
            coalesce(checks.failed_document_checks, 0) as failed_document_checks,
            coalesce(tables.tables, 0) as tables,
            tables.min_table_confidence,
            coalesce(tables.low_confidence_tables, 0) as low_confidence_tables,
            coalesce(findings.errors, 0) as errors,
            coalesce(findings.warnings, 0) as warnings,
            coalesce(findings.infos, 0) as infos
        from dim_document as d
        left join tables on d.document_key = tables.document_key
        left join findings on d.document_key = findings.document_key
        left join checks on d.document_key = checks.document_key
        order by
            errors desc, warnings desc, check_failed_count desc, failed_document_checks desc,
            d.quality_score asc nulls first, tables.min_table_confidence asc nulls last, d.source_file
        """,
    )


# ------------------------------------------------------------------ department 部门


def departments(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Departments (部门) with their region and years. Columns of dim_department, by name."""
    return frame(
        con,
        """
        select department_key, department_name, scope, province, city, county, document_count,
               first_fiscal_year, last_fiscal_year
        from dim_department
        order by department_name, scope
        """,
    )


def department_documents(con: duckdb.DuckDBPyConnection, department_key: str) -> pd.DataFrame:
    """A department's documents: year, report type, file, format, status, quality score, preferred."""
    return frame(
        con,
        """
        select document_key, fiscal_year, report_type, source_file, format, status, quality_score, is_preferred
        from dim_document
        where department_key = ?
        order by fiscal_year, report_type, is_preferred desc, source_file
        """,
        [department_key],
    )


def department_totals(con: duckdb.DuckDBPyConnection, department_key: str) -> pd.DataFrame:
    """A department's budgets (预算) and final accounts (决算) over the years: the 合计 of its main tables.

    One row per preferred document and table type (income 收入 / expenditure 支出 / the
    general-budget expenditure 一般公共预算支出): the printed 合计 (row TOTAL, measure total)
    as printed — `amount` and `unit` — and in yuan. Columns: fiscal_year, report_type,
    table_type, table_title, amount, unit, amount_yuan, page, line_item_key, source_file.
    """
    return frame(
        con,
        """
        select
            d.fiscal_year,
            d.report_type,
            f.table_type,
            f.table_title,
            f.amount,
            f.unit,
            f.amount_yuan,
            f.page,
            f.line_item_key,
            d.source_file
        from fct_line_items as f
        inner join dim_document as d on f.document_key = d.document_key
        where d.department_key = ?
            and d.is_preferred
            and f.row_key = 'TOTAL'
            and f.measure = 'total'
            and f.table_type in ('income', 'expenditure', 'general_expenditure')
        qualify row_number() over (
            partition by d.document_key, f.table_type order by f.table_index, f.block_index, f.row_index
        ) = 1
        order by d.fiscal_year, d.report_type, f.table_type
        """,
        [department_key],
    )


def department_classes(con: duckdb.DuckDBPyConnection, department_key: str) -> pd.DataFrame:
    """A department's expenditure (支出) by functional class (功能分类 类, 3-digit code), per year and report type.

    From the expenditure table (支出预算表 / 支出决算表), measure total, preferred documents.
    Columns: fiscal_year, report_type, class_code, class_name, amount_yuan (exact DECIMAL sum).
    """
    return frame(
        con,
        """
        select
            d.fiscal_year,
            d.report_type,
            f.row_key as class_code,
            any_value(f.account_name) as class_name,
            sum(f.amount_yuan) as amount_yuan
        from fct_line_items as f
        inner join dim_document as d on f.document_key = d.document_key
        where d.department_key = ?
            and d.is_preferred
            and f.table_type = 'expenditure'
            and f.measure = 'total'
            and f.row_kind = 'account'
            and length(f.row_key) = 3
        group by all
        order by d.fiscal_year, d.report_type, class_code
        """,
        [department_key],
    )


def department_execution(con: duckdb.DuckDBPyConnection, department_key: str) -> pd.DataFrame:
    """Budget vs final (预算 vs 决算) per account of a department, from fct_budget_execution.

    Columns: fiscal_year, table_type, row_key, row_name, classification, measure, budget_amount,
    budget_unit, final_amount, final_unit, difference_yuan, execution_rate (final ÷ budget),
    budget_source.
    """
    return frame(
        con,
        """
        select
            fiscal_year, table_type, row_key, row_name, classification, measure,
            budget_amount, budget_unit, final_amount, final_unit, difference_yuan, execution_rate,
            budget_source
        from fct_budget_execution
        where department_key = ?
        order by fiscal_year, table_type, row_key, measure
        """,
        [department_key],
    )


def department_three_public(con: duckdb.DuckDBPyConnection, department_key: str) -> pd.DataFrame:
    """A department's “三公” expenses (三公经费) over time: item × stage, measure total, preferred documents.

    Repeated printings (is_repeat) are left out. Columns: fiscal_year, report_type, stage
    (budget 预算数 / final 决算数), item_code, item_name_zh, amount, unit, amount_yuan, line_item_key.
    """
    return frame(
        con,
        """
        select
            t.fiscal_year,
            t.report_type,
            t.stage,
            t.item_code,
            coalesce(t.item_name_zh, t.item_label) as item_name_zh,
            t.amount,
            t.unit,
            t.amount_yuan,
            t.line_item_key
        from fct_three_public as t
        inner join dim_document as d on t.document_key = d.document_key
        where d.department_key = ?
            and d.is_preferred
            and t.measure = 'total'
            and not t.is_repeat
        order by t.fiscal_year, t.stage, t.item_code = 'total' desc, t.item_code
        """,
        [department_key],
    )


# ------------------------------------------------------------------ compare 比较


def account_codes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The account codes (科目编码) printed in the line items, with their most printed name and fact count."""
    return frame(
        con,
        """
        select row_key as account_code, mode(account_name) as account_name, count(*) as facts
        from fct_line_items
        where row_kind = 'account' and row_key is not null
        group by row_key
        order by row_key
        """,
    )


def compare_account(
    con: duckdb.DuckDBPyConnection,
    account_code: str,
    group_by: str = "department",
    table_type: str = "expenditure",
    measure: str = "total",
) -> pd.DataFrame:
    """One account code side by side: its amount per department (or region) and year.

    `account_code` is a row key of fct_line_items (功能分类 2080505, a class 201, 经济分类 30101);
    `group_by` one of COMPARE_GROUPS (department, province, city, county); `table_type` and
    `measure` which printed amount (default: the expenditure table's 合计). Preferred documents.
    Columns: group_name, fiscal_year, report_type, amount_yuan (exact DECIMAL sum), documents.
    """
    if group_by not in COMPARE_GROUPS:
        raise ValueError(f"group_by must be one of {', '.join(COMPARE_GROUPS)}, not {group_by!r}")
    group = COMPARE_GROUPS[group_by]
    return frame(
        con,
        f"""
        select
            coalesce({group}, '(unknown)') as group_name,
            d.fiscal_year,
            d.report_type,
            sum(f.amount_yuan) as amount_yuan,
            count(distinct d.document_key) as documents
        from fct_line_items as f
        inner join dim_document as d on f.document_key = d.document_key
        left join dim_department as dep on d.department_key = dep.department_key
        where d.is_preferred
            and f.row_key = ?
            and f.table_type = ?
            and f.measure = ?
        group by all
        order by group_name, d.fiscal_year, d.report_type
        """,
        [account_code, table_type, measure],
    )


def compare_table_types(con: duckdb.DuckDBPyConnection, account_code: str) -> pd.DataFrame:
    """The table types and measures an account code is printed under (for the compare page's pickers)."""
    return frame(
        con,
        """
        select table_type, measure, count(*) as facts
        from fct_line_items
        where row_key = ?
        group by all
        order by facts desc, table_type, measure
        """,
        [account_code],
    )


# ------------------------------------------------------------------ drill-down 溯源


def documents(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every document for a picker: key, file, department, year, report type, format, pages, path."""
    return frame(
        con,
        """
        select document_key, source_file, department, fiscal_year, report_type, format, page_count, source_path
        from dim_document
        order by department, fiscal_year, report_type, source_file
        """,
    )


def document(con: duckdb.DuckDBPyConnection, document_key: str) -> dict[str, Any] | None:
    """One document of dim_document as a dict (None when the key is unknown)."""
    return one(con, "select * from dim_document where document_key = ?", [document_key])


def document_tables(con: duckdb.DuckDBPyConnection, document_key: str) -> pd.DataFrame:
    """A document's tables (表): index, title, type, pages, unit, reading, confidence, amount cells."""
    return frame(
        con,
        """
        select table_key, table_index, table_title, table_type, page_first, page_last, unit, reading,
               identities_tested, identities_held, confidence, amount_cell_count
        from dim_table
        where document_key = ?
        order by table_index
        """,
        [document_key],
    )


def table_amounts(con: duckdb.DuckDBPyConnection, table_key: str) -> pd.DataFrame:
    """Every printed amount (金额) of one table, in reading order, with its row and column.

    Columns: line_item_key, page, block_index, row_index, col_index, row_key, account_code,
    account_name, row_label, column_header, measure, amount_text, amount, unit, verified.
    """
    return frame(
        con,
        f"""
        select line_item_key, page, block_index, row_index, col_index, row_key, account_code, account_name,
               row_label, column_header, measure, amount_text, amount, unit, verified
        from {_ALL_CELLS}
        where table_key = ?
        order by block_index, row_index, col_index
        """,
        [table_key],
    )


def line_item(con: duckdb.DuckDBPyConnection, line_item_key: str) -> dict[str, Any] | None:
    """One printed amount cell with its provenance, or None for an unknown key.

    Everything the drill-down shows: the amount (as printed and exact), its document
    (source_file, source_path, format, department, year, report type), its table, row
    and column, the page, and the cell's box on the page (cell_x0, cell_top, cell_x1,
    cell_bottom in PDF points from the top-left; NULL for text sources).
    """
    return one(
        con,
        f"""
        select
            c.line_item_key, c.document_key, c.table_key, c.table_index, c.table_title, c.table_type,
            c.page, c.block_index, c.row_index, c.col_index,
            c.row_key, c.row_kind, c.account_code, c.account_name, c.row_label, c.column_header, c.measure,
            c.amount, c.unit, c.amount_yuan, c.amount_text, c.is_ocr, c.verified, c.table_confidence,
            c.cell_x0, c.cell_top, c.cell_x1, c.cell_bottom,
            d.source_file, d.source_path, d.format, d.department, d.fiscal_year, d.report_type
        from {_ALL_CELLS} as c
        inner join dim_document as d on c.document_key = d.document_key
        where c.line_item_key = ?
        """,
        [line_item_key],
    )


def row_cells(
    con: duckdb.DuckDBPyConnection, document_key: str, table_index: int, block_index: int, row_index: int
) -> pd.DataFrame:
    """The printed row (行) an amount belongs to: each of its amount cells, left to right.

    What the drill-down shows for a text source, which has no page image. Columns:
    line_item_key, col_index, account_code, account_name, row_label, column_header, amount_text.
    """
    return frame(
        con,
        f"""
        select line_item_key, col_index, account_code, account_name, row_label, column_header, amount_text
        from {_ALL_CELLS}
        where document_key = ? and table_index = ? and block_index = ? and row_index = ?
        order by col_index
        """,
        [document_key, table_index, block_index, row_index],
    )


def page_amounts(con: duckdb.DuckDBPyConnection, document_key: str, page: int) -> pd.DataFrame:
    """The printed amounts of one page of a document (to pick one on the page a finding points to)."""
    return frame(
        con,
        f"""
        select line_item_key, table_index, table_title, row_key, account_name, row_label, column_header,
               amount_text, amount, unit
        from {_ALL_CELLS}
        where document_key = ? and page = ?
        order by table_index, block_index, row_index, col_index
        """,
        [document_key, page],
    )


# ------------------------------------------------------------------ audit 审核


def document_findings(con: duckdb.DuckDBPyConnection, document_key: str) -> pd.DataFrame:
    """A document's audit findings (审核发现), errors first, then warnings, then info; by page within each.

    Columns: finding_key, severity, rule_id, rule_group, label_zh, page, table_index,
    table_type, message_zh, message_en, expected, found, quoted_text.
    """
    return frame(
        con,
        """
        select finding_key, severity, rule_id, rule_group, label_zh, page, table_index, table_type,
               message_zh, message_en, expected, found, quoted_text
        from fct_audit_findings
        where document_key = ?
        order by
            case severity when 'error' then 0 when 'warning' then 1 else 2 end,
            page nulls last, table_index nulls last, rule_id, finding_key
        """,
        [document_key],
    )


def yuan_to_wan(amount_yuan: Decimal | None) -> Decimal | None:
    """An amount in yuan as 万元, exactly (Decimal division by 10000 only moves the decimal point)."""
    if amount_yuan is None:
        return None
    return Decimal(amount_yuan) / Decimal(10000)


def warehouse_build(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    """When the warehouse file was built and from how many documents (the one row of warehouse_build)."""
    return one(con, "select built_at, documents from warehouse_build")
