"""`python -m pipeline export --format fdp`: the line items as a Fiscal Data Package.

A Fiscal Data Package (FDP, Open Knowledge / frictionless, version 1.0-rc.1 with its
budget taxonomy) is a Tabular Data Package — ``datapackage.json`` plus CSV files —
whose schema fields carry a ``columnType`` naming the fiscal concept of the column
(``value``, ``date:fiscal-year``, ``functional-classification:generic:level1:code``, …).

What is exported: the account rows of the line-item fact (``fct_line_items``, the
cells behind ``line_items_flat``) of the preferred version of each report
(``dim_document.is_preferred``), in three resources, one per grain:

- ``expenditure-functional``: expenditure by functional classification (功能分类 类/款/项)
  — the 支出表, 一般公共预算财政拨款支出表, 政府性基金 and 国有资本经营 tables;
- ``expenditure-economic``: expenditure by economic classification (经济分类 类/款)
  — the 基本支出 table and the budget's 支出经济分类汇总表;
- ``revenue``: revenue by functional classification and source — the 收入表.

Only leaves: a row whose account has a child account printed in the same table and
the same column is left out (its amount is the sum of those children), so the values
of one table and one measure add up to its total without counting a level twice;
``account_level`` says which level (1 类, 2 款, 3 项) each row is. The 合计 rows are
not exported either. Amounts are ``amount_yuan`` (DECIMAL) written as exact decimal
strings, never through a float. The warehouse is opened read-only.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

FDP_SPEC = "https://specs.frictionlessdata.io/fiscal-data-package/"
FDP_VERSION = "1.0-rc.1"
BUDGET_TAXONOMY = "https://specs.frictionlessdata.io/taxonomies/fiscal/budgets.json"
CURRENCY = "CNY"

PHASE_LABELS = {"budget": "预算", "final": "决算"}


@dataclass(frozen=True)
class Column:
    """One CSV column: its field name, Table Schema type, FDP columnType (None: a plain field) and meaning."""

    name: str
    type: str
    column_type: str | None
    description: str


@dataclass(frozen=True)
class FdpResource:
    """One CSV resource of the package: the rows of one direction and one classification."""

    name: str
    title: str
    direction: str  # 'expenditure' | 'revenue'
    classification: str  # 'functional' | 'economic' (dim_account.classification)
    levels: int  # how many levels the classification has (功能分类 3, 经济分类 2)
    description: str

    @property
    def path(self) -> str:
        """The CSV file's name inside the package folder."""
        return f"{self.name}.csv"


RESOURCES: tuple[FdpResource, ...] = (
    FdpResource(
        "expenditure-functional", "Expenditure by functional classification (支出 按功能分类)",
        "expenditure", "functional", 3,
        "Expenditure tables keyed by 支出功能分类科目 (类 201 / 款 20103 / 项 2010301): 支出表 and the "
        "一般公共预算 / 政府性基金 / 国有资本经营 appropriation tables (table_type says which: sum within one).",
    ),
    FdpResource(
        "expenditure-economic", "Expenditure by economic classification (支出 按经济分类)",
        "expenditure", "economic", 2,
        "Expenditure tables keyed by 部门预算支出经济分类科目 (类 301 / 款 30101): the 一般公共预算财政拨款"
        "基本支出 table and the budget's 支出经济分类汇总表 (table_type says which: sum within one).",
    ),
    FdpResource(
        "revenue", "Revenue by functional classification and source (收入)",
        "revenue", "functional", 3,
        "The income table (收入表): each 功能分类 row's amount per source column (measure: 财政拨款收入, "
        "事业收入, …; total = 合计).",
    ),
)

_LEVEL_NAMES = {1: "类", 2: "款", 3: "项"}


def resource_columns(resource: FdpResource) -> list[Column]:
    """The columns of a resource's CSV, in order, with their FDP columnTypes."""
    cls = resource.classification
    cols = [
        Column("line_item_key", "string", "budget-line-id",
               "key of the printed amount cell in fct_line_items (unique)"),
        Column("fiscal_year", "integer", "date:fiscal-year", "the year the figures are for"),
        Column("phase", "string", "phase:id", "budget (预算) or final (决算, the final account)"),
        Column("phase_label", "string", "phase:label", "预算 or 决算"),
        Column("direction", "string", "direction", "expenditure (支出) or revenue (收入)"),
        Column("department_key", "string", "administrative-classification:generic:code",
               "the publishing department (dim_department.department_key)"),
        Column("department", "string", "administrative-classification:generic:label",
               "the department's name as printed (部门)"),
        Column("scope", "string", None, "consolidated (汇总) or own (本级); empty when the document does not say"),
        Column("division_code", "string", "geo:generic:code",
               "administrative division code (行政区划代码) of the department's county, city or province"),
        Column("region", "string", "geo:generic:title", "province, city and county of the department"),
        Column("province", "string", None, "省"),
        Column("city", "string", None, "市 (prefecture level)"),
        Column("county", "string", None, "县/区 (county level)"),
    ]
    for level in range(1, resource.levels + 1):
        zh = _LEVEL_NAMES[level]
        cols.append(Column(f"{cls}_level{level}_code", "string",
                           f"{cls}-classification:generic:level{level}:code",
                           f"{cls} classification level {level} ({zh}) code"))
        cols.append(Column(f"{cls}_level{level}_label", "string",
                           f"{cls}-classification:generic:level{level}:label",
                           f"{cls} classification level {level} ({zh}) name"))
    cols += [
        Column("account_code", "string", f"{cls}-classification:generic:code",
               "the row's own account code (its deepest level)"),
        Column("account_name", "string", f"{cls}-classification:generic:label", "the account name as printed"),
        Column("account_level", "integer", None, "level of the row: 1 类, 2 款, 3 项 (every row is a leaf)"),
    ]
    if cls == "economic":
        cols.append(Column("government_economic_code", "string", None,
                           "政府预算支出经济分类 (5xx) code printed beside the account, if any"))
    cols += [
        Column("measure", "string", "value-kind:code",
               "the amount column (dim_measure): total (合计), basic (基本支出), project (项目支出), "
               "fiscal_appropriation (财政拨款), …; sum within one measure"),
        Column("column_header", "string", None, "the column header as printed"),
        Column("table_type", "string", None, "the table the row is from (line-item contract table types)"),
        Column("table_title", "string", None, "the table's title as printed"),
        Column("value", "number", "value", "the amount in yuan (元), exact (amount_yuan)"),
        Column("currency", "string", "value-currency:code", "ISO 4217 currency: CNY"),
        Column("printed_amount", "number", None, "the amount as printed, in printed_unit"),
        Column("printed_unit", "string", None, "万元 or 元"),
        Column("verified", "boolean", None, "an arithmetic identity of the table includes this amount and holds"),
        Column("source_file", "string", None, "file name of the raw document"),
        Column("page", "integer", None, "1-based page in the source file (empty for text sources)"),
    ]
    return cols


# One query for every resource: account rows of preferred documents, leaves only.
# A row is not a leaf when, in the same table (table_key), measure and stage, an
# account row with a longer code starting with its code was printed.
_ROWS_SQL = """
with facts as (
    select
        f.line_item_key, f.document_key, f.table_key, f.table_type, f.table_title,
        f.account_code, f.account_name, f.secondary_code, f.measure, f.column_header,
        coalesce(f.stage, f.report_type) as phase, f.fiscal_year,
        case when f.table_type = 'income' then 'revenue' else 'expenditure' end as direction,
        f.amount, f.unit, f.amount_yuan, f.page, f.verified,
        a.classification, a.level as account_level,
        d.source_file, d.department_key, d.department, d.scope,
        d.province, d.city, d.county, d.division_code
    from fct_line_items as f
    inner join dim_document as d on f.document_key = d.document_key
    inner join dim_account as a on f.account_key = a.account_key
    where d.is_preferred and f.row_kind = 'account'
),
leaves as (
    select p.*
    from facts as p
    where not exists (
        select 1
        from facts as c
        where c.table_key = p.table_key
          and c.measure = p.measure
          and c.phase is not distinct from p.phase
          and length(c.account_code) > length(p.account_code)
          and starts_with(c.account_code, p.account_code)
    )
)
select
    l.line_item_key, l.fiscal_year, l.phase, l.direction,
    l.department_key, l.department, l.scope, l.division_code,
    l.province, l.city, l.county,
    left(l.account_code, 3) as level1_code, a1.account_name as level1_name,
    case when length(l.account_code) >= 5 then left(l.account_code, 5) end as level2_code,
    a2.account_name as level2_name,
    case when length(l.account_code) >= 7 then left(l.account_code, 7) end as level3_code,
    a3.account_name as level3_name,
    l.account_code, l.account_name, l.account_level, l.secondary_code,
    l.measure, l.column_header, l.table_type, l.table_title,
    l.amount_yuan, l.amount, l.unit, l.verified, l.source_file, l.page
from leaves as l
left join dim_account as a1 on a1.account_code = left(l.account_code, 3)
left join dim_account as a2 on length(l.account_code) >= 5 and a2.account_code = left(l.account_code, 5)
left join dim_account as a3 on length(l.account_code) >= 7 and a3.account_code = left(l.account_code, 7)
where l.direction = ? and l.classification = ?
order by l.source_file, l.table_type, l.table_key, l.measure, l.account_code, l.line_item_key
"""


def format_amount(value: Decimal | None) -> str:
    """An exact amount as a plain decimal string ('1234.50'; '' for NULL); refuses floats."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        raise TypeError(f"amounts must be Decimal, not {type(value).__name__}: {value!r}")
    return format(value, "f")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _region(province: str | None, city: str | None, county: str | None) -> str:
    parts: list[str] = []
    for part in (province, city, county):
        if part and part not in parts:  # 上海市 上海市 普陀区 → 上海市 普陀区
            parts.append(part)
    return " ".join(parts)


def resource_rows(con: duckdb.DuckDBPyConnection, resource: FdpResource) -> list[list[str]]:
    """The CSV rows (strings, in resource_columns order) of one resource."""
    out: list[list[str]] = []
    for r in con.execute(_ROWS_SQL, [resource.direction, resource.classification]).fetchall():
        (line_item_key, fiscal_year, phase, direction, department_key, department, scope, division_code,
         province, city, county, l1, l1_name, l2, l2_name, l3, l3_name, account_code, account_name,
         account_level, secondary_code, measure, column_header, table_type, table_title,
         amount_yuan, amount, unit, verified, source_file, page) = r
        row = [line_item_key, fiscal_year, phase, PHASE_LABELS.get(phase, phase), direction,
               department_key, department, scope, division_code, _region(province, city, county),
               province, city, county]
        levels = ((l1, l1_name), (l2, l2_name), (l3, l3_name))[: resource.levels]
        for code, name in levels:
            # the row's own level is labelled as printed; the levels above it by dim_account's name
            row += [code, (account_name if code == account_code else name) if code else None]
        row += [account_code, account_name, account_level]
        if resource.classification == "economic":
            row.append(secondary_code)
        row += [measure, column_header, table_type, table_title,
                format_amount(amount_yuan), CURRENCY, format_amount(amount), unit, verified, source_file, page]
        out.append([v if isinstance(v, str) else _text(v) for v in row])
    return out


def _field(col: Column) -> dict:
    field: dict = {"name": col.name, "type": col.type, "description": col.description}
    if col.column_type:
        field["columnType"] = col.column_type
    if col.name == "line_item_key":
        field["constraints"] = {"required": True, "unique": True}
    if col.name == "currency":
        field["constraints"] = {"required": True, "enum": [CURRENCY]}
    if col.name in ("value", "fiscal_year", "phase", "direction"):
        field["constraints"] = {"required": True}
    return field


def descriptor(resources: list[tuple[FdpResource, int]], built_at: str | None) -> dict:
    """The datapackage.json descriptor for the resources written (resource, row count)."""
    return {
        "profile": "tabular-data-package",
        "name": "budget-disclosures-line-items",
        "title": "Chinese department budgets and final accounts (部门预算 / 部门决算): line items",
        "description": (
            "Fiscal Data Package of the account-coded line items of the budget-disclosure warehouse: one row "
            "per printed amount cell of a leaf account (功能分类 类/款/项, 经济分类 类/款), of the preferred "
            "version of each report. Amounts in yuan (CNY), exact. Sum within one table_type and one measure."
        ),
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "fiscalDataPackage": {"specification": FDP_SPEC, "version": FDP_VERSION},
        "columnTypes": [BUDGET_TAXONOMY],
        "sources": [{"title": "budget-disclosure warehouse (DuckDB), built " + (built_at or "at an unknown time")}],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": resource.name,
                "title": resource.title,
                "description": resource.description,
                "path": resource.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True},
                "schema": {
                    "fields": [_field(c) for c in resource_columns(resource)],
                    "primaryKey": ["line_item_key"],
                    "missingValues": [""],
                },
                "stats": {"rows": rows},
            }
            for resource, rows in resources
        ],
    }


def _built_at(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        row = con.execute("select max(built_at) from warehouse_build").fetchone()
    except duckdb.Error:
        return None
    return row[0].isoformat() if row and row[0] is not None else None


def write_package(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, int]:
    """Write the CSVs and datapackage.json of the warehouse open on con to out_dir; returns {resource: rows}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[tuple[FdpResource, int]] = []
    for resource in RESOURCES:
        rows = resource_rows(con, resource)
        tmp = out_dir / f".{resource.path}.tmp"
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow([c.name for c in resource_columns(resource)])
            writer.writerows(rows)
        os.replace(tmp, out_dir / resource.path)
        written.append((resource, len(rows)))
    package = descriptor(written, _built_at(con))
    tmp = out_dir / ".datapackage.json.tmp"
    tmp.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / "datapackage.json")
    return {resource.name: rows for resource, rows in written}


def export_fdp(warehouse: Path, out_dir: Path) -> dict[str, int]:
    """Export the published warehouse as a Fiscal Data Package in out_dir; returns {resource: rows}."""
    warehouse = Path(warehouse)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}; build it with `python -m pipeline run`")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return write_package(con, out_dir)
    finally:
        con.close()
