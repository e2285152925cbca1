"""Column headers → measure codes (see ../shared/spec/line_items.md).

A column's header is read top-down over all header rows and squashed (whitespace
removed, so ``本年收入合\\n计`` reads ``本年收入合计``). Extraction garbage in a header
row is harmless: rules look for known phrases anywhere in the header text.

``小计`` (subtotal) is contextual and resolved by :func:`resolve_subtotals` from the
columns that follow it: the basic-expenditure detail columns make it ``basic``, the
project columns ``project``, a ``其中：财政拨款`` column ``general_public_budget``,
income-source columns ``current_year_total``, and 基本/项目支出 columns ``total``.
A subtotal word printed right under a group label is that group's subtotal
(:func:`group_subtotal`: ``财政拨款 / 小计`` is ``fiscal_appropriation``).

Every code here is a row of the seed ``measures.csv`` (dim_measure), where the
headers of each are listed; a header that fits no rule is ``unmapped``, and its
amount still loads with the printed header in ``column_header``.
"""
from __future__ import annotations

import re

from ..vocabulary.text import squash

UNMAPPED = "unmapped"
SUBTOTAL = "__subtotal__"

# Headers of label (non-amount) columns.
_LABEL_COLUMN = re.compile(
    r"(科目编码|科目代码|功能分类|经济分类|^功能科目$|科目名称|单位代码|单位编码|单位名称|部门\(单位\)|单位\(科目名称\)|"
    r"^项目$|^项目名称$|^序号|^行次|^栏次|^类$|^款$|^项$|^编码$|^名称$|项目单位|^类型$|"
    # a classification's name column: 支出功能分科目(按大类), 部门预算支出经济科目(按大类)
    r"科目[(（]按[^)）]*[)）]$)"
)
_ROW_NUMBER_COLUMN = re.compile(r"(序号|行次)")
_UNIT_CODE_COLUMN = re.compile(r"^(预算)?单位(代码|编码)$")

# (pattern, measure) in priority order; first match wins. The specific names come
# first: a header matching one of them is an amount column even where it reads like
# a label column's (``单位资金`` is not ``单位名称``); the generic words follow.
_SPECIFIC_RULES: list[tuple[str, str]] = [
    (r"本年(收入|支出)合计", "total"),
    (r"年初(财政拨款)?结转(和|与)?结余", "opening_balance"),
    (r"年末(财政拨款)?结转(和|与)?结余", "closing_balance"),
    (r"上年(财政拨款)?结转", "prior_year_carryover"),
    (r"上年预算数?$", "prior_year_budget"),
    # 北京: 项目支出 | 项目支出总数 | 扣除基建项目后预算数 — a part of the projects, not a second total
    (r"扣除基建", "project_excluding_capital_construction"),
    # Jilin's 预算表: 本年预算 = 编制预算 (this year's, 当年预算 in the expenditure tables) + 上年结转
    (r"^本年预算数?$", "total"),
    (r"^(编制预算|当年预算)(数)?$", "current_year_total"),
    (r"上年实户资金余额", "prior_year_account_balance"),  # Shaanxi's 部门综合预算 income source
    # the unit's own balance used this year: 使用非财政拨款结余 (since the 2019 accounting
    # reform), 用事业基金弥补收支差额 (its earlier name); before 财政拨款, which it contains
    (r"使用非财政拨款结余|用事业基金弥补收支差额", "non_fiscal_balance_used"),
    # the parts of 财政拨款 by budget (a column of its own under the 财政拨款 group)
    (r"^(其中[:：])?政府性基金(预算)?(财政)?(拨款)?(收入)?$", "government_fund_appropriation"),
    (r"^(其中[:：])?国有资[本产]经营(预算)?(财政)?(拨款)?(收入)?$", "state_capital_appropriation"),
    # the parts of 财政专户拨款收入
    (r"^(其中[:：])?教育收费(收入)?$", "fiscal_special_account_education"),
    (r"其他专户收入", "fiscal_special_account_other"),
    (r"财政专户", "fiscal_special_account"),
    (r"上级补助", "superior_subsidy"),
    (r"附属单位上缴", "affiliated_remittance"),
    (r"对附属单位补助", "affiliated_subsidy"),
    (r"上(缴|解)上级", "remit_to_superior"),
    (r"(事业单位)?经营(收入|支出)|事业单位经营", "operating"),
    (r"事业收入", "business"),
    (r"其他收入", "other"),
    (r"单位资金", "unit_funds"),
    (r"^其他资金(收入)?$", "other_funds"),
    (r"工资福利", "personnel_wages"),
    (r"对个人和家庭", "personnel_household"),
    (r"商品和服务", "public_goods_services"),
    (r"资本性支出", "public_capital"),
    (r"其他运转类", "project_operating"),
    (r"特定目标类", "project_specific"),
    (r"机关运行经费", "administrative_operating"),
    (r"人员经费|人员支出|^人员类$", "personnel"),
    (r"公用经费|日常公用支出|^公用支出$", "public_use"),
    (r"专项业务经费", "project"),  # Shaanxi's name for 项目支出 (人员经费 | 公用经费 | 专项业务经费)
]
_GENERAL_RULES: list[tuple[str, str]] = [
    (r"财政拨款", "fiscal_appropriation"),
    (r"一般公共预算拨款", "fiscal_appropriation"),
    (r"基本支出", "basic"),
    (r"项目支出", "project"),
    (r"小计", SUBTOTAL),
    (r"合计|总计|决算数|预算数|金额|^预算$|^决算$", "total"),
    (r"本年收入", "income"),
    (r"一般公共预算", "general_public_budget"),
]
_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), m) for p, m in _SPECIFIC_RULES + _GENERAL_RULES]
_N_SPECIFIC = len(_SPECIFIC_RULES)

# A generic subtotal word as a column's own label, right under a group label that spans
# the group's columns (the label is kept in the group's first column): the column is that
# group's subtotal. (group label, subtotal words, measure); 合计 under 基本支出 is not here:
# 一般公共预算基本支出 over 合计 is a basic-expenditure table's row total.
_GROUP_SUBTOTALS: list[tuple[re.Pattern[str], re.Pattern[str], str]] = [
    (re.compile(p), re.compile(w), m)
    for p, w, m in [
        (r"^(本级)?财政拨款(收入)?$", r"^(小计|合计|金额)$", "fiscal_appropriation"),
        (r"^财政专户(管理资金|拨款)?(收入)?$", r"^(小计|合计)$", "fiscal_special_account"),
        (r"^本年收入$", r"^小计$", "current_year_total"),
        (r"^(编制预算|当年预算)$", r"^小计$", "current_year_total"),
        (r"^上年结转(和|与)?(结余)?$", r"^小计$", "prior_year_carryover"),
        (r"^基本支出$", r"^小计$", "basic"),
        (r"^项目支出$", r"^小计$", "project"),
    ]
]

_BASIC_CHILDREN = {"personnel_wages", "personnel_household", "public_goods_services", "public_capital",
                   "personnel", "public_use"}
_PROJECT_CHILDREN = {"project_operating", "project_specific"}
_INCOME_SOURCES = {"fiscal_appropriation", "fiscal_special_account", "business", "operating",
                   "superior_subsidy", "affiliated_remittance", "other", "government_fund_appropriation",
                   "state_capital_appropriation", "fiscal_special_account_education",
                   "fiscal_special_account_other", "non_fiscal_balance_used", "unit_funds", "other_funds",
                   "prior_year_account_balance"}


_PARTS = {"basic": _BASIC_CHILDREN, "project": _PROJECT_CHILDREN,
          "income": _INCOME_SOURCES, "current_year_total": _INCOME_SOURCES}


def measure_codes_of_rules() -> frozenset[str]:
    """Every measure code a header can be mapped to (each must be a row of the seed measures.csv)."""
    codes = {m for _, m in _RULES if m != SUBTOTAL} | {UNMAPPED} | set().union(*_PARTS.values()) | set(_PARTS)
    return frozenset(codes)


def is_part_of(measure: str | None, group: str | None) -> bool:
    """A measure that is one of the parts a group measure adds up (人员经费 of 基本支出)."""
    return measure in _PARTS.get(group or "", ())


def is_label_header(header: str) -> bool:
    """True for the headers of code/name/row-number columns."""
    h = squash(header)
    return bool(h) and bool(_LABEL_COLUMN.search(h)) and not any(
        rule.search(h) for rule, _ in _RULES[:_N_SPECIFIC]
    )


def is_row_number_header(header: str) -> bool:
    """True for the header of a row-number column (序号, 行次)."""
    return bool(_ROW_NUMBER_COLUMN.search(squash(header)))


def is_unit_code_header(header: str) -> bool:
    """True for the header of a unit-code column (单位代码, 单位编码): its numbers are units', not accounts."""
    return bool(_UNIT_CODE_COLUMN.match(squash(header)))


def measure_for_header(header: str) -> str | None:
    """The measure a column header names; SUBTOTAL for 小计; None for an empty header."""
    h = squash(header)
    if not h:
        return None
    for rule, measure in _RULES:
        if rule.search(h):
            return measure
    return UNMAPPED


def measure_for_column(header_cells: list[str]) -> str | None:
    """The measure of a column from its header cells, read top-down.

    The lowest header cell that names a measure wins (a group label above, such
    as 一般公共预算基本支出 over 合计, must not override the column's own label),
    except that a subtotal word under a group label is the group's subtotal
    (:func:`group_subtotal`); a cell that wrapped into the row below is read joined with it.
    """
    cells = [squash(c) for c in header_cells]
    cells = [c for c in cells if c]
    for k in range(len(cells) - 1, -1, -1):
        m = measure_for_header(cells[k])
        if m not in (None, UNMAPPED):
            return (group_subtotal(cells[k - 1], cells[k]) if k > 0 else None) or m
        if k > 0:
            m = measure_for_header(cells[k - 1] + cells[k])
            if m not in (None, UNMAPPED):
                return m
    return UNMAPPED if cells else None


def group_subtotal(group_label: str, label: str) -> str | None:
    """The measure of a subtotal column (小计, 合计, 金额) printed right under a group label.

    ``财政拨款 / 小计`` is the fiscal-appropriation subtotal (its parts 一般公共预算 |
    政府性基金预算 | … follow), not the row's 合计; ``本年收入 / 小计`` is the current-year
    income. None when the label is not a subtotal word or the group label names no such group.
    """
    group_label, label = squash(group_label), squash(label)
    for group_rx, words_rx, measure in _GROUP_SUBTOTALS:
        if words_rx.match(label) and group_rx.match(group_label):
            return measure
    return None


def resolve_subtotals(measures: list[str | None], headers: list[str]) -> list[str | None]:
    """Replace each SUBTOTAL with the measure its following columns imply."""
    out = list(measures)
    for i, m in enumerate(measures):
        if m != SUBTOTAL:
            continue
        following = [x for x in measures[i + 1:] if x and x not in (SUBTOTAL, UNMAPPED)]
        next_header = squash(headers[i + 1]) if i + 1 < len(headers) else ""
        nxt = following[0] if following else None
        if "其中" in next_header:
            out[i] = "general_public_budget"
        elif nxt in _BASIC_CHILDREN:
            out[i] = "basic"
        elif nxt in _PROJECT_CHILDREN:
            out[i] = "project"
        elif nxt in _INCOME_SOURCES:
            out[i] = "current_year_total"
        else:
            out[i] = "total"
    return out
