"""The 单位 line of a table: '单位：万元', '金额单位：元', '(万元)'."""
from __future__ import annotations

import re

from .text import clean_cell

UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]?\s*(万元|元)")
_UNIT_PAREN = re.compile(r"[（(](万元|元)[)）]")


def find_unit(lines: list[str]) -> str | None:
    """The unit named by a 单位 line among `lines` (the first one wins)."""
    for line in lines:
        text = clean_cell(line)
        m = UNIT_LINE.search(text) or _UNIT_PAREN.search(text)
        if m:
            return m.group(1)
    return None
