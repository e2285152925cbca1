"""Table titles as the documents print them: '三、2024年支出决算表', '公开05表', a line that names a table."""
from __future__ import annotations

import re

from .text import squash

_ENUMERATOR = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\d+[、.．])")
DISCLOSURE_NUMBER = re.compile(r"公开\s*0?(\d{1,2})\s*表")
_TITLE_END = re.compile(r"(表|表\(续\)|表（续）|表续)$")
_TOC_PAGE = re.compile(r"[.…·]{2,}\s*\d*$|\s\d{1,3}$")


def normalize_title(text: str) -> str:
    """'## 2022 年部门收支预算表' → '部门收支预算表'; '三、支出决算表' → '支出决算表'."""
    t = squash(text).lstrip("#-*>").strip()
    t = _TOC_PAGE.sub("", t) if re.search(r"[.…·]{2,}", t) else t
    t = _ENUMERATOR.sub("", t)
    t = re.sub(r"^\d{4}年度?", "", t)
    t = t.replace('"', "").replace("“", "").replace("”", "")
    return t


def disclosure_number(text: str) -> int | None:
    """'公开 05 表' → 5 (the standard final-account table number)."""
    m = DISCLOSURE_NUMBER.search(squash(text))
    return int(m.group(1)) if m else None


def is_title(text: str) -> bool:
    """A line that names a table: short and ending in 表 (not just '公开05表')."""
    t = normalize_title(text)
    t = DISCLOSURE_NUMBER.sub("", t)
    if not t or len(t) > 45 or not _TITLE_END.search(t):
        return False
    if re.search(r"[，。；：:,;]", t):
        return False
    return bool(re.search(r"(收|支|经费|绩效|采购|资产|预算|决算)", t))
