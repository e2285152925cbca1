"""Table titles as the documents print them: '三、2024年支出决算表', '公开05表', a line that names a table."""
from __future__ import annotations

import re

from .text import squash

_ENUMERATOR = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\d+[、.．])")
DISCLOSURE_NUMBER = re.compile(r"公开\s*0?(\d{1,2})\s*表")
_TITLE_END = re.compile(r"(表|表\(续\)|表（续）|表续)$")
_TOC_PAGE = re.compile(r"[.…·]{2,}\s*\d*$|\s\d{1,3}$")
# A table's number printed before its name: '公开 01表：', '表1：', '表11.', '预算01表', '表 3-1 '.
_NUMBER_PREFIX = re.compile(
    r"^(?:公开|预算|部门预算)?(?:0?\d{1,2}表|表(?:(?:\d{1,2}(?=(?:19|20)\d\d年)|\d{1,2}(?!\d))(?:[-－—]\d+)?"
    r"|[一二三四五六七八九十]+(?=[:：.．、\s])))"
    r"\s*[:：.．、]?\s*")
# … or after it, in brackets: '收支总表（预算表 1）', '收入总表(表2)'.
_NUMBER_SUFFIX = re.compile(r"[（(](?:公开|预算|部门预算)?\s*表?\s*[\d一二三四五六七八九十]+\s*表?[)）]$")


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


def title_name(text: str) -> str:
    """The name of the table a title line gives, without the table's number printed before or
    after it: '公开 01表：收支预算总表' → '收支预算总表', '表1：2026年市级部门收支预算总表' →
    '市级部门收支预算总表', '收支总表（预算表 1）' → '收支总表'."""
    t = normalize_title(text)
    t = _NUMBER_SUFFIX.sub("", _NUMBER_PREFIX.sub("", t)).strip()
    t = DISCLOSURE_NUMBER.sub("", t).lstrip(":：.．、 ")
    return re.sub(r"^\d{4}年度?", "", t)


# a qualifier in brackets after the name: '…支出明细表（按支出功能分类科目）', '…预算表(汇总)'
_QUALIFIER = re.compile(r"[（(][^（）()]{1,24}[)）]$")


def is_title(text: str) -> bool:
    """A line that names a table: short and ending in 表 (not just '公开05表'), its number and a
    bracketed qualifier after it ('（按支出功能分类科目）') aside."""
    t = title_name(text)
    t = _QUALIFIER.sub("", t) if not _TITLE_END.search(t) else t
    if not t or len(t) > 45 or not _TITLE_END.search(t):
        return False
    if re.search(r"[，。；：:,;]", t):
        return False
    return bool(re.search(r"(收|支|经费|绩效|采购|资产|预算|决算)", t))


def title_lines(lines: list[str]) -> list[str]:
    """The lines among `lines` that name a table, a title wrapped onto a second line joined up.

    A line that starts with a table's number but is not a title by itself, followed by
    a line that completes it, is one title ('公开 09 表：一般公共预算“三公”经费、会议费、培训费'
    + '支出预算表'); the second line alone ('支出预算表') would name another table.
    """
    found: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and not is_title(line) and starts_with_table_number(line):
            joined = squash(line) + squash(lines[i + 1])
            if is_title(joined):
                found.append(joined)
                i += 2
                continue
        if is_title(line):
            found.append(line)
        i += 1
    return found


def starts_with_table_number(text: str) -> bool:
    """True when the line begins with a table's number ('公开 09 表：', '表7：', '预算05表')."""
    t = normalize_title(text)
    return bool(_NUMBER_PREFIX.match(t) or DISCLOSURE_NUMBER.match(t))
