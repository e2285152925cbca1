"""Across pages: a table header cut off at the bottom of a page.

A header-only table fragment at the foot of a page is joined to the table that starts
the next page with the same columns, so the parser sees one header.
"""
from __future__ import annotations

from ...model import Block
from ...vocabulary.rows import is_column_number_row, is_data_row
from ...vocabulary.text import clean_cell, squash
from ...vocabulary.titles import is_title
from ...vocabulary.units import find_unit
from .geometry import DECIMAL_AMOUNT


def join_split_headers(blocks: list[Block], columns: dict[int, list[float]]) -> list[Block]:
    """Join a header-only table fragment ending a page to the table that starts the next page.

    A table can break right inside its header: the group labels print at the foot of one
    page, the leaf labels and the body on the next. The two fragments have the same
    column rules; read apart, neither half names the columns, so they become one grid
    (on the page where the body is).
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = _next_page_table(blocks, i)
        if (
            nxt is not None
            and _is_header_only(block)
            and _same_columns(columns.get(id(block)), columns.get(id(blocks[nxt])))
        ):
            joined = blocks[nxt]
            joined.rows = block.rows + joined.rows
            columns[id(joined)] = columns.get(id(joined), [])
            out.extend(blocks[i + 1:nxt])
            i = nxt
            continue
        out.append(block)
        i += 1
    for k, block in enumerate(out):
        block.index = k
    return out


def _next_page_table(blocks: list[Block], i: int) -> int | None:
    """Index of the first table of the next page when block i is the last table of its page and
    nothing but short running text (page numbers, running heads) lies between them."""
    block = blocks[i]
    if block.kind != "table" or block.page is None:
        return None
    for k in range(i + 1, len(blocks)):
        other = blocks[k]
        if other.kind == "table":
            return k if other.page == block.page + 1 else None
        if other.page not in (block.page, block.page + 1):
            return None
        if any(is_title(line) or find_unit([line]) or len(squash(line)) > 20 for line in other.lines):
            return None
    return None


def _is_header_only(block: Block) -> bool:
    if not block.rows or len(block.rows) > 4:
        return False
    for row in block.rows:
        texts = [clean_cell(c.text) for c in row]
        if is_data_row(texts) or is_column_number_row(texts):
            return False
        if any(DECIMAL_AMOUNT.match(t) for t in texts):
            return False
    return True


def _same_columns(a: list[float] | None, b: list[float] | None) -> bool:
    return bool(a) and bool(b) and len(a) == len(b) and all(abs(x - y) <= 2.0 for x, y in zip(a, b))
