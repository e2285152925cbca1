"""Table titles → table_type codes (see ../shared/spec/line_items.md).

The same code is used for a budget table and its final-account counterpart so
that budget and final can be joined. Tables outside the line-item view (summary,
三公, project, performance, procurement, assets) get codes of their own.
"""
from __future__ import annotations

import re

from ..vocabulary.titles import title_name
from .reference import line_item_table_types

# Tables whose rows are keyed by account codes and that feed line_items_flat (seed table_types).
LINE_ITEM_TABLE_TYPES = line_item_table_types()

# Tables read into items keyed by their row label (summary tables, 三公, projects).
OTHER_PARSED_TABLE_TYPES = ("summary", "fiscal_summary", "three_public", "project_expenditure")


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
        # Shaanxi: 一般公共预算支出明细表（按支出经济分类科目） beside the one by functional account
        (r"一般公共预算支出.*按.*经济(分类)?科目", "economic_summary"),
        (r"一般公共预算.*支出", "general_expenditure"),
        (r"财政拨款收(入)?支(出)?", "fiscal_summary"),
        (r"收(入)?支(出)?.*(总表|汇总表|预算表|决算表|总体情况表)", "summary"),
        (r"收入", "income"),
        (r"支出", "expenditure"),
    ]
]


def table_types_of_rules() -> frozenset[str]:
    """Every table type a title can be classified as (each must be a row of the seed table_types.csv)."""
    return frozenset({t for _, t in _RULES} | {"other"} | set(OTHER_PARSED_TABLE_TYPES))


def table_type_for_title(title: str) -> str:
    """The table_type code of a table title: the first rule that matches, else 'other'."""
    t = title_name(title)
    for rule, table_type in _RULES:
        if rule.search(t):
            return table_type
    return "other"
