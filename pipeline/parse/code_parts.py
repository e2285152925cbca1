"""Account codes printed by omission in split 类 | 款 | 项 columns.

Some layouts (Shandong's 公开表: 烟台) print a code's higher parts only once, on the
row that opens them, and leave them blank below::

    类  | 款 | 项 | 科目名称
    205 |    |    | 教育支出
        | 08 |    | 进修及培训        → 20508
        |    | 03 | 培训支出          → 2050803
    207 |    |    | 文化旅游体育与传媒支出
        | 01 |    | 文化和旅游        → 20701

A row printing only its 款 part takes the 类 of the last account read in the table
(column group); a row printing only its 项 part takes the 类 and 款. This is how the
layout is read, not a guess: the blank higher parts are the ones above, as in a
merged cell. A row printing its 类 is left as it is.
"""
from __future__ import annotations

from ..vocabulary.account_codes import is_code_head, is_code_part


def inherit_code_parts(label_cells: list[str], leaves: list[str], last_code: str | None) -> list[str]:
    """The label cells of a row with the blank 类 (and 款) filled from `last_code`, the
    last account code read above it, where the row prints only a 款 or 项 part.

    `leaves`: the lowest header cell of each label column ('类', '款', '项', '科目名称' …).
    Returns `label_cells` unchanged when the table has no split 类/款 columns, the row
    prints its 类, or nothing above gives the missing parts.
    """
    if "类" not in leaves or "款" not in leaves or not last_code or not is_code_head(last_code):
        return label_cells
    lei, kuan = leaves.index("类"), leaves.index("款")
    xiang = leaves.index("项") if "项" in leaves else None
    if max(lei, kuan, xiang or 0) >= len(label_cells) or label_cells[lei].strip():
        return label_cells
    kuan_text = label_cells[kuan].strip()
    xiang_text = label_cells[xiang].strip() if xiang is not None else ""
    filled = list(label_cells)
    if is_code_part(kuan_text) and (not xiang_text or is_code_part(xiang_text)):
        filled[lei] = last_code[:3]
    elif not kuan_text and xiang is not None and is_code_part(xiang_text) and len(last_code) >= 5:
        filled[lei], filled[kuan] = last_code[:3], last_code[3:5]
    else:
        return label_cells
    return filled
