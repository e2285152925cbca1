"""Table titles → table_type codes (see ../shared/spec/line_items.md).

The same code is used for a budget table and its final-account counterpart so
that budget and final can be joined. Tables outside the line-item view (summary,
三公, project, performance, procurement, assets) get codes of their own.
"""
from __future__ import annotations

import re

from .text import squash

# Tables whose rows are keyed by account codes and that feed line_items_flat.
LINE_ITEM_TABLE_TYPES = (
    "income",
    "expenditure",
    "general_expenditure",
    "general_basic_expenditure",
    "fund_expenditure",
    "state_capital_expenditure",
    "economic_summary",
)

# Tables read into items keyed by their row label (summary tables, 三公, projects).
OTHER_PARSED_TABLE_TYPES = ("summary", "fiscal_summary", "three_public", "project_expenditure")

_ENUMERATOR = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\d+[、.．])")
_DISCLOSURE_NO = re.compile(r"公开\s*0?(\d{1,2})\s*表")
_TITLE_END = re.compile(r"(表|表\(续\)|表（续）|表续)$")
_TOC_PAGE = re.compile(r"[.…·]{2,}\s*\d*$|\s\d{1,3}$")

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), t)
    for p, t in [
        (r"三公", "three_public"),
        (r"国有资[本产]经营预算.*(支出|收支)", "state_capital_expenditure"),
        (r"绩效", "performance"),
        (r"政府采购", "procurement"),
        (r"经济分类汇总", "economic_summary"),
        (r"项目支出", "project_expenditure"),
        (r"基本支出", "general_basic_expenditure"),
        (r"政府性?基金", "fund_expenditure"),
        (r"国有资[本产]经营", "state_capital_expenditure"),
        (r"资产", "assets"),
        (r"一般公共预算.*支出", "general_expenditure"),
        (r"财政拨款收(入)?支(出)?", "fiscal_summary"),
        (r"收(入)?支(出)?.*(总表|汇总表|预算表|决算表)", "summary"),
        (r"收入", "income"),
        (r"支出", "expenditure"),
    ]
]


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
    m = _DISCLOSURE_NO.search(squash(text))
    return int(m.group(1)) if m else None


def is_title(text: str) -> bool:
    """A line that names a table: short and ending in 表 (not just '公开05表')."""
    t = normalize_title(text)
    t = _DISCLOSURE_NO.sub("", t)
    if not t or len(t) > 45 or not _TITLE_END.search(t):
        return False
    if re.search(r"[，。；：:,;]", t):
        return False
    return bool(re.search(r"(收|支|经费|绩效|采购|资产|预算|决算)", t))


def table_type_for_title(title: str) -> str:
    t = normalize_title(title)
    t = _DISCLOSURE_NO.sub("", t)
    for rule, table_type in _RULES:
        if rule.search(t):
            return table_type
    return "other"
