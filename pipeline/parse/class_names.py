"""Tables that print account names without codes (杭州's 预算表: 功能分类科目名称 only).

A row of such a table whose name is exactly the name of a 支出功能分类 类 (seed
functional_classes: 社会保障和就业支出, 卫生健康支出 …) is that class: the class
names are national and fixed, so the row is keyed by its class code (208, 210 …)
and the table's total can be checked against its classes. Rows below a class (款,
项) cannot be told apart by name alone and stay rows without a code. A row named
like the class just read (其他支出 under 其他支出) is its child, not the class again.
"""
from __future__ import annotations

import re

from ..vocabulary.text import squash
from .reference import functional_class_names

_CODE_COLUMN = re.compile(r"(编码|代码|^类$|^款$|^项$)")


def has_code_column(label_headers: list[str]) -> bool:
    """True when one of the label columns' headers names a code column (科目编码, 类 …)."""
    return any(_CODE_COLUMN.search(squash(h)) for h in label_headers)


# tables whose rows are economic accounts (经济分类), where 其他支出 is 399, not the functional 229
_ECONOMIC_TABLES = ("general_basic_expenditure", "economic_summary")


def class_code_for_name(name: str, label_headers: list[str], last_code: str | None,
                        table_type: str | None = None) -> str | None:
    """The functional class code of a row named exactly as a 类, in a table of functional
    accounts whose label columns hold no codes; None otherwise (also for the class just
    read, printed again as its own 款)."""
    if table_type in _ECONOMIC_TABLES or has_code_column(label_headers):
        return None
    code = functional_class_names().get(squash(name))
    if code is None or (last_code is not None and last_code[:3] == code):
        return None
    return code
