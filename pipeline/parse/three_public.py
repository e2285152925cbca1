"""财政拨款“三公”经费 (the 'three public' expenses) items → canonical codes.

Final accounts print one row of amounts under a two-level header (预算数 | 决算数 ×
合计, 因公出国（境）费, 公务用车购置及运行维护费 {小计, 购置费, 运行维护费}, 公务接待费);
budgets print one row per item. Either way each amount is an item of this list.
"""
from __future__ import annotations

import re

from ..vocabulary.text import squash

_ITEMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), code)
    for p, code in [
        (r"教育科研人员因公出国", "overseas_travel_research"),
        (r"其他因公出国", "overseas_travel_other"),
        (r"因公出国", "overseas_travel"),
        (r"公务用车购置及运[行维]", "vehicle_total"),
        (r"公务用车购置", "vehicle_purchase"),
        (r"公务用车运[行维]", "vehicle_operation"),
        (r"公务接待", "reception"),
        (r"^(合计|总计|三公经费(合计)?|“?三公”?经费(合计)?)$", "total"),
    ]
]


def item_code(label: str, spans: list[str] | None = None) -> str | None:
    """Canonical item of a 三公 row label or column header; a 小计 takes its group's label."""
    text = squash(label).replace('"', "").replace("“", "").replace("”", "")
    text = re.sub(r"^(其中[:：]?|[一二三四五六七八九十]+[、.]|\d+[、.])+", "", text)
    if text in ("小计", "") and spans:
        for upper in reversed(spans):
            code = item_code(upper)
            if code and code != "total":
                return code
    for rx, code in _ITEMS:
        if rx.search(text):
            return code
    return None


def items_in_columns(spec) -> bool:
    """True when the table's amount columns name the items (“三公”经费合计 | 因公出国（境）费 |
    公务用车购置及运行费 {小计, 购置费, 运行维护费} | 公务接待费) and its rows are units (杭州:
    合计, then one row per unit), rather than one row per item.

    `spec`: the table's header (grids.HeaderSpec): at least two amount columns name an item
    other than the total."""
    codes = {item_code(spec.leaves[c], spec.spans[c]) for g in spec.groups for c in g.amount_columns}
    return len(codes - {None, "total"}) >= 2
