"""Rows of a table as the documents print them: totals (合计/总计), the 栏次 row of column numbers,
the first row of a table body, and what makes a grid a table rather than a laid-out list.

Readers use these to find tables; the parser uses them to read them.
"""
from __future__ import annotations

import re

from .account_codes import is_code_head, split_code_and_name
from .numbers import parse_amount
from .text import squash

# a total label may end in a colon ('总计：', Changchun's 预算表)
_TOTAL = re.compile(r"^(合计|总计|本年(收入|支出)合计|收入总计|支出总计)[:：]?$")
_TOTAL_PERSONNEL = re.compile(r"^人员经费(合计|小计)?[:：]?$")
_TOTAL_PUBLIC_USE = re.compile(r"^(日常)?公用经费(合计|小计)?[:：]?$")
_BODY_TOTAL = re.compile(r"^(合计|总计|(人员|日常公用|公用)经费合计)[:：]?$")
_HEADER_CELL = re.compile(r"^(科目.*|.*代码|.*编码|合计|小计|总计|类|款|项|项目|栏次|序号|行次)$")
# the header of a label column (科目编码, 功能分类科目名称, 项目 …) with the 合计 label of the
# row below fused onto it: '科目名称合计', '项目合计', '功能分类科目名称 合计'
_LABEL_HEADER_WORD = (r"(?:(?:部门预算|政府预算)?(?:支出)?(?:功能|经济)(?:分类)?)?(?:科目)?(?:编码|代码|名称)"
                      r"|项目(?:名称)?|科目|(?:部门[(（]单位[)）]|单位)(?:名称|代码|编码)?"
                      r"|[(（](?:科目)?(?:名称|编码|代码)[)）]")
_FUSED_TOTAL = re.compile(rf"^(?P<header>(?:{_LABEL_HEADER_WORD})+)(?P<total>合计|总计)$")
_PLACEHOLDER = re.compile(r"^\*+$")
_SMALL_INT = re.compile(r"^\d{1,2}$")
_DECIMAL = re.compile(r"\d\s*\.\s*\d")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_TABLE_WORD = re.compile(r"(合计|小计|科目|金额|预算数|决算数|栏次)")


def total_kind(label: str) -> str | None:
    """Row kind named by a total label, or None."""
    label = squash(label)
    if _TOTAL.match(label):
        return "total"
    if _TOTAL_PERSONNEL.match(label):
        return "total_personnel"
    if _TOTAL_PUBLIC_USE.match(label):
        return "total_public_use"
    return None


def split_fused_total(text: str) -> tuple[str, str] | None:
    """A label column's header fused with a 合计/总计 label → (header, total word), else None.

    '科目名称合计' → ('科目名称', '合计'); '功能分类科目名称 合计' → ('功能分类科目名称', '合计');
    '项目合计' → ('项目', '合计'). A measure header ending in 合计 ('本年收入合计') is not one.
    """
    m = _FUSED_TOTAL.match(squash(text))
    return (m.group("header"), m.group("total")) if m else None


def is_column_number_row(row: list[str]) -> bool:
    """The 栏次 row ('栏次 1 2 3 …') or a row of bare column numbers.

    The label columns of that row may be marked ``**`` instead of left blank (Hunan's
    templates: ``** | ** | 1 | 2 | 3``).
    """
    cells = [squash(c) for c in row if squash(c)]
    if not cells:
        return False
    if cells[0].startswith("栏次"):
        return True
    numbers = [c for c in cells if _SMALL_INT.match(c)]
    return len(numbers) >= 3 and all(_SMALL_INT.match(c) or _PLACEHOLDER.match(c) for c in cells)


def is_data_row(row: list[str], limit: int = 6) -> bool:
    """A row that starts the table body: an account code or a total label near the left."""
    words = [c for c in row if squash(c) and parse_amount(c) is None]
    for text in row[:limit]:
        t = squash(text)
        if not t:
            continue
        if is_code_head(t) or split_code_and_name(text.strip()):
            # a header row can hold a stray number; it also holds header words
            return not any(_HEADER_CELL.match(squash(w)) for w in words)
        # a 合计 cell among several header words is the 合计 column's header
        if _BODY_TOTAL.match(t) and len(words) <= 2:
            return True
    return False


def is_real_table(rows: list[list[str]]) -> bool:
    """A grid with amounts, account codes or table header words; a tab-laid-out table of contents is prose."""
    for row in rows:
        for cell in row:
            c = cell.strip()
            if _CODE.match(c) or _TABLE_WORD.search(c) or (_DECIMAL.search(c) and parse_amount(c) is not None):
                return True
    return False
