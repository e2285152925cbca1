"""How far the documents' own arithmetic verifies each table and each fact read from it.

A table's blocks (one per page it spans) are summed as one grid, so a 类 on one page
and its 款 on the next are compared, and a 合计 reprinted on a continuation page is
the same 合计 (:mod:`pipeline.vocabulary.arithmetic` holds the identities). Each table
gets the number of identities its reading was tested against and how many hold — its
``confidence`` is the share — and each line item is ``verified`` when an identity that
holds includes its cell. A table with no testable identity (a 三公 table of one row, a
收支总表 without codes) has no confidence rather than a perfect one; neither has a table whose
numbers are not money (绩效 targets, asset counts).
"""
from __future__ import annotations

from ..model import Block, LineItem, ParsedTable
from ..vocabulary.arithmetic import Arithmetic, table_arithmetic
from .table_types import LINE_ITEM_TABLE_TYPES, OTHER_PARSED_TABLE_TYPES

AMOUNT_TABLE_TYPES = frozenset(LINE_ITEM_TABLE_TYPES + OTHER_PARSED_TABLE_TYPES)  # tables whose numbers are money

Position = tuple[int, int, int]  # (block_index, row_index, col_index) of a printed cell


def table_grid(table: ParsedTable, blocks: dict[int, Block]) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The rows of a table's blocks, in order, and for each grid row its (block_index, row_index)."""
    rows: list[list[str]] = []
    origin: list[tuple[int, int]] = []
    for index in table.block_indexes:
        block = blocks.get(index)
        if block is None or block.kind != "table":
            continue
        for r, row in enumerate(block.rows):
            rows.append([c.text for c in row])
            origin.append((index, r))
    return rows, origin


def verify_table(table: ParsedTable, blocks: dict[int, Block]) -> tuple[Arithmetic, frozenset[Position]]:
    """The identities of one table's reading and the printed cells they verify."""
    if table.table_type not in AMOUNT_TABLE_TYPES:
        return Arithmetic(), frozenset()  # performance targets, asset counts: not sums of money
    rows, origin = table_grid(table, blocks)
    arithmetic = table_arithmetic(rows)
    verified = frozenset((*origin[r], c) for r, c in arithmetic.verified)
    return arithmetic, verified


def annotate(blocks: list[Block], tables: list[ParsedTable], items: list[LineItem]) -> None:
    """Set each table's reading, identities tested and held, and each line item's ``verified`` flag."""
    by_index = {b.index: b for b in blocks}
    verified: set[Position] = set()
    for table in tables:
        readings = [by_index[i].reading for i in table.block_indexes if i in by_index and by_index[i].reading]
        table.reading = ",".join(dict.fromkeys(readings)) or None
        arithmetic, cells = verify_table(table, by_index)
        table.identities_tested = arithmetic.tested
        table.identities_held = arithmetic.held
        verified |= cells
    for item in items:
        item.verified = (item.block_index, item.row_index, item.col_index) in verified
