"""A table whose title is printed again at the top of the next page goes on there.

Some layouts (Shandong's 公开表: 烟台) repeat a table's number, title, 部门 and 单位
lines on every page it runs over::

    公开表2 / 收入总体情况表 / 部门（单位）：烟台市文化和旅游局 / 单位：万元   (page 10)
    公开表2 / 收入总体情况表 / 部门（单位）：烟台市文化和旅游局 / 单位：万元   (page 11)

The second is the same table continued, not a new one: read as a new table its
rows would lose the 类 and 款 above them and its totals the rows before. A title
marked 续 ('收入决算表(续)') continues its table the same way. The same title
over a different 部门/单位 line (one table per unit) is a new table.
"""
from __future__ import annotations

import re

from ..model import ParsedTable
from ..vocabulary.text import squash
from ..vocabulary.titles import is_title, title_name

_CONTINUED = re.compile(r"[(（]?续(表)?[)）]?$|^续表")
_HEADING = re.compile(r"^(编制|预算|金额)?(部门|单位)(\(单位\))?(名称)?[:：]")


def heading_lines(lines: list[str]) -> tuple[str, ...]:
    """The 部门 / 单位 lines among the prose above a table ('部门（单位）：…', '单位：万元'), squashed."""
    return tuple(t for t in (squash(line) for line in lines) if _HEADING.match(t) and not is_title(t))


def repeats_title(table: ParsedTable, title: str, page: int | None, heading: tuple[str, ...] = (),
                  table_heading: tuple[str, ...] = ()) -> bool:
    """True when `title`, printed on `page`, is the title of `table` printed again on the
    page after the table's last one (or marked 续), over no 部门/单位 line the table's own
    heading did not print (the prose above a document's first table may hold more)."""
    if not table.title or page is None or table.page_last is None or page != table.page_last + 1:
        return False
    if heading and table_heading and not set(heading) <= set(table_heading):
        return False  # a 部门/单位 line the table did not print: another unit's table
    return _base(title) == _base(table.title)


def _base(title: str) -> str:
    return _CONTINUED.sub("", title_name(title)).strip()


def header_signature(header_rows: list[list[str]]) -> list[tuple[str, ...]]:
    """A table's header rows as printed (each cell squashed), to recognise them when repeated."""
    return [_cells(row) for row in header_rows]


def repeated_header_end(signature: list[tuple[str, ...]], rows: list[list[str]]) -> int | None:
    """The number of rows a continued block spends repeating its table's header, None when it
    does not start with it.

    A page that repeats the header of the first page (科目编码 | 科目名称 | 合计 … / 类 | 款 |
    项 …) has its body right below it, whatever the body's first row looks like — in
    Shandong's 公开表 a continued page may open with rows that print only a 项 part
    (`  |  | 14 | 文化和旅游管理事务`), which alone do not look like the start of a body.
    """
    if not signature or len(rows) <= len(signature):
        return None
    for printed, row in zip(signature, rows):
        if _cells(row) != printed:
            return None
    return len(signature)


def _cells(row: list[str]) -> tuple[str, ...]:
    cells = [squash(c) for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)
