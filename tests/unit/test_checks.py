"""Per-document quality checks (pipeline/parse/checks.py) on small grids and on a seed."""
from decimal import Decimal

from pipeline.extract import extract
from pipeline.model import Block, Cell, LineItem, ParsedTable
from pipeline.parse import checks
from pipeline.parse.document import parse
from tests.conftest import RAW


def _item(table: int, row_key: str, amount: str, kind: str = "account", measure: str = "total",
          page: int | None = 1, block: int = 0, row: int = 0) -> LineItem:
    return LineItem(table, page, block, row, 2, kind, row_key, row_key if kind == "account" else None, None,
                    "x", "x", "合计", measure, Decimal(amount), amount, "万元")


def _table(index: int, table_type: str = "general_expenditure") -> ParsedTable:
    return ParsedTable(index, "一般公共预算财政拨款支出决算表", table_type, "万元", 1, 1, [0], 5, 3)


def test_hierarchy_adds_up_and_flags_a_parent_that_does_not():
    tables = [_table(0)]
    good = [_item(0, "201", "10.00", row=1), _item(0, "20103", "6.00", row=2), _item(0, "20104", "4.00", row=3),
            _item(0, "2010301", "6.00", row=4)]
    assert checks.hierarchy_consistent(tables, good).passed
    bad = good + [_item(0, "20105", "1.00", row=5)]  # 类 201 = 10.00 but 款 add up to 11.00
    outcome = checks.hierarchy_consistent(tables, bad)
    assert not outcome.passed
    assert outcome.value == 1
    assert "201" in outcome.detail


def test_totals_present_per_account_table():
    tables = [_table(0), _table(1, "general_basic_expenditure"), _table(2, "three_public")]
    items = [_item(0, "TOTAL", "5.00", kind="total"), _item(0, "201", "5.00"),
             _item(1, "TOTAL_PERSONNEL", "1.00", kind="total_personnel"), _item(1, "301", "1.00")]
    assert checks.totals_present(tables, items).passed
    missing = checks.totals_present(tables + [_table(3, "income")], items + [_item(3, "201", "2.00")])
    assert not missing.passed and missing.value == 1


def test_share_of_table_pages_that_produced_line_items():
    def table_block(page: int, text: str) -> Block:
        return Block("table", page, page, rows=[[Cell("合计"), Cell(text)]])

    blocks = [table_block(1, "12.50"), table_block(2, "3.00"), table_block(3, "指标"), table_block(4, "1.00")]
    items = [_item(0, "TOTAL", "12.50", kind="total", page=1)]
    outcome = checks.table_pages_with_line_items(blocks, items)
    # pages 1, 2, 4 print amounts (page 3 does not count); only page 1 produced items
    assert outcome.value == round(1 / 3, 4)
    assert not outcome.passed
    assert "pages 2, 4" in outcome.detail
    items.append(_item(0, "TOTAL", "3.00", kind="total", page=2))
    assert checks.table_pages_with_line_items(blocks, items).passed


def test_a_real_disclosure_passes_hierarchy_and_totals():
    path = RAW / "003_ff2ed464ea78daa4.txt"
    parsed = parse(extract(path))
    outcomes = {c.check_name: c for c in
                checks.document_checks(parsed.extracted.blocks, parsed.result.tables, parsed.result.items)}
    assert set(outcomes) == set(checks.CHECK_NAMES)
    assert outcomes["hierarchy_consistent"].passed, outcomes["hierarchy_consistent"].detail
    assert outcomes["totals_present"].passed, outcomes["totals_present"].detail
    assert outcomes["table_pages_with_line_items"].value > 0.5


def test_performance_tables_do_not_count_as_unread_table_pages():
    amounts = [[Cell("合计"), Cell("5.00")]]
    blocks = [Block("table", 1, 0, rows=amounts), Block("table", 2, 1, rows=amounts)]
    items = [_item(0, "TOTAL", "5.00", kind="total", page=1, block=0)]
    finance = ParsedTable(0, "收入决算表", "income", "万元", 1, 1, [0], 1, 2)
    performance = ParsedTable(1, "部门整体支出绩效自评表", "performance", "万元", 2, 2, [1], 1, 2)
    assert checks.table_pages_with_line_items(blocks, items).value == 0.5  # page 2 unread …
    outcome = checks.table_pages_with_line_items(blocks, items, [finance, performance])
    assert outcome.passed and outcome.value == 1.0  # … unless page 2 is a performance table
