"""Quality checks of one parsed document — pure functions over its blocks, tables and line items.

The parse stage writes their outcome per document (dataset ``document_checks``);
the Dagster asset checks, the ``document_checks`` mart and the run summary all
read that, so a check is computed once, where the document is parsed.

- ``table_pages_with_line_items``: of the pages (text sources: table blocks)
  whose financial tables print amounts, the share that produced at least one
  line item (performance, procurement and asset tables do not count).
  A low share means tables were found but not read.
- ``hierarchy_consistent``: in account-coded tables, 类 = Σ 款 and 款 = Σ 项 per
  table and measure, within 0.01 × the number of children (rounding of printed
  figures) — the same rule as the dbt test ``assert_account_hierarchy_adds_up``.
- ``totals_present``: every account-coded table with account rows has a total
  row (合计/总计, or 人员经费合计 + 公用经费合计 in the basic-expenditure table).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Block, LineItem, ParsedTable
from ..vocabulary.account_codes import parent as parent_code
from .table_types import LINE_ITEM_TABLE_TYPES, OTHER_PARSED_TABLE_TYPES

MIN_TABLE_PAGE_SHARE = 0.5
TOTAL_ROW_KINDS = {"total", "total_personnel", "total_public_use"}
CHECK_NAMES = ("table_pages_with_line_items", "hierarchy_consistent", "totals_present")
_AMOUNT = re.compile(r"^[-−]?\d[\d,，]*\.\d{1,2}$")


ACCOUNT_TABLE_TYPES = frozenset(LINE_ITEM_TABLE_TYPES)  # seed table_types, in_line_items_view = true
PARSED_TABLE_TYPES = frozenset(LINE_ITEM_TABLE_TYPES + OTHER_PARSED_TABLE_TYPES)


@dataclass
class CheckOutcome:
    """The outcome of one quality check of a document (a row of document_checks)."""

    check_name: str
    passed: bool
    value: float | None
    threshold: float | None
    detail: str


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.match("".join(text.split())))


def _unit(page: int | None, block_index: int) -> tuple[str, int]:
    """A PDF page, or for sources without pages the table block itself."""
    return ("page", page) if page is not None else ("block", block_index)


def table_pages_with_line_items(blocks: list[Block], items: list[LineItem],
                                tables: list[ParsedTable] | None = None) -> CheckOutcome:
    """Pages whose financial tables print amounts, and how many produced line items.

    With `tables`, only blocks of the tables the parser reads into items count (not
    performance, procurement or asset tables, whose numbers are not amounts).
    """
    name = "table_pages_with_line_items"
    read = None
    if tables is not None:
        read = {i for t in tables if t.table_type in PARSED_TABLE_TYPES for i in t.block_indexes}
    with_amounts = {
        _unit(b.page, b.index) for b in blocks
        if b.kind == "table" and (read is None or b.index in read)
        and any(_is_amount(c.text) for row in b.rows for c in row)
    }
    produced = {_unit(i.page, i.block_index) for i in items}
    if not with_amounts:
        return CheckOutcome(name, False, 0.0, MIN_TABLE_PAGE_SHARE,
                            "No table with printed amounts was found in the document.")
    hit = with_amounts & produced
    share = len(hit) / len(with_amounts)
    kind = "pages" if any(u[0] == "page" for u in with_amounts) else "table blocks"
    missing = sorted(u[1] for u in with_amounts - produced)
    detail = f"{len(hit)} of {len(with_amounts)} {kind} with printed amounts produced line items ({share:.0%})"
    if missing:
        detail += f"; none from {kind[:-1] if len(missing) == 1 else kind} " + ", ".join(map(str, missing[:12]))
        detail += " …" if len(missing) > 12 else ""
    return CheckOutcome(name, share >= MIN_TABLE_PAGE_SHARE, round(share, 4), MIN_TABLE_PAGE_SHARE, detail + ".")


def hierarchy_consistent(tables: list[ParsedTable], items: list[LineItem]) -> CheckOutcome:
    """In account-coded tables, 类 = Σ 款 and 款 = Σ 项 per table and measure (printed rounding allowed)."""
    name = "hierarchy_consistent"
    types = {t.table_index: t.table_type for t in tables}
    first: dict[tuple[int, str, str], tuple[tuple[int, int, int], Decimal]] = {}
    for i in items:
        if i.row_kind != "account" or not i.row_key or types.get(i.table_index) not in ACCOUNT_TABLE_TYPES:
            continue
        key = (i.table_index, i.measure, i.row_key)
        pos = (i.block_index, i.row_index, i.col_index)
        if key not in first or pos < first[key][0]:
            first[key] = (pos, i.amount)
    children: dict[tuple[int, str, str], list[Decimal]] = {}
    for (table, measure, code), (_, amount) in first.items():
        parent = parent_code(code)
        if parent:
            children.setdefault((table, measure, parent), []).append(amount)
    compared, bad = 0, []
    for (table, measure, parent), amounts in sorted(children.items()):
        if (table, measure, parent) not in first:
            continue
        compared += 1
        printed = first[(table, measure, parent)][1]
        total = sum(amounts, Decimal(0))
        if abs(printed - total) > Decimal("0.01") * len(amounts):
            bad.append(f"{parent} ({types[table]}, {measure}): printed {printed}, children add up to {total}")
    if not compared:
        return CheckOutcome(name, True, 0.0, 0.0, "No parent account row with printed children to compare.")
    detail = f"{compared - len(bad)} of {compared} parent account rows equal the sum of their children"
    if bad:
        detail += "; not: " + "; ".join(bad[:5]) + (" …" if len(bad) > 5 else "")
    return CheckOutcome(name, not bad, float(len(bad)), 0.0, detail + ".")


def totals_present(tables: list[ParsedTable], items: list[LineItem]) -> CheckOutcome:
    """Every account-coded table with account rows has a total row."""
    name = "totals_present"
    by_table: dict[int, set[str]] = {}
    for i in items:
        by_table.setdefault(i.table_index, set()).add(i.row_kind)
    account_tables = [t for t in tables
                      if t.table_type in ACCOUNT_TABLE_TYPES and "account" in by_table.get(t.table_index, ())]
    if not account_tables:
        return CheckOutcome(name, False, None, 0.0, "No account-coded table with account rows was found.")
    missing = [t for t in account_tables if not by_table[t.table_index] & TOTAL_ROW_KINDS]
    detail = f"{len(account_tables) - len(missing)} of {len(account_tables)} account-coded tables have a total row"
    if missing:
        detail += "; missing in: " + ", ".join(f"{t.title or t.table_type} (table {t.table_index})" for t in missing)
    return CheckOutcome(name, not missing, float(len(missing)), 0.0, detail + ".")


def document_checks(blocks: list[Block], tables: list[ParsedTable], items: list[LineItem]) -> list[CheckOutcome]:
    """Every quality check of one parsed document, in CHECK_NAMES order."""
    return [
        table_pages_with_line_items(blocks, items, tables),
        hierarchy_consistent(tables, items),
        totals_present(tables, items),
    ]
