"""One table grid → header spec + row readings.

A grid is a list of rows of cleaned cell texts. The header is every row above the
first data row (a row with an account code or a 合计/总计 label); the 栏次 row of
column numbers is not header text. Each column gets a role: a label column (codes,
names, row numbers) or an amount column with a measure. Tables printed as several
side-by-side column groups (the basic-expenditure detail table: code | name |
amount, three times) are read group by group.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vocabulary.numbers import parse_amount
from ..vocabulary.rows import is_column_number_row, is_data_row
from ..vocabulary.text import squash
from . import measures as M

# the header of a group's code column; ``类`` is the first of a code split into 类 | 款 (| 项) columns
_CODE_HEADER = re.compile(r"(科目编码|科目代码|^编码$|^代码$|^项目$|^类$)")
_STAGE = (("budget", re.compile(r"预算数|年初预算")), ("final", re.compile(r"决算数|支出决算|实际支出")))
_YEAR = re.compile(r"(20\d\d)年")
_SIDE = (("income", re.compile(r"^收入$")), ("expenditure", re.compile(r"^支出$")))
_CARRYOVER = re.compile(r"^上年(财政拨款)?结转")


@dataclass
class ColumnGroup:
    """One of a grid's side-by-side column groups: label columns, then amount columns, over [start, end)."""

    start: int  # first column of the group
    end: int  # one past the last column
    amount_columns: list[int] = field(default_factory=list)
    side: str | None = None  # income | expenditure, for the halves of a summary table

    @property
    def label_end(self) -> int:
        """One past the group's last label column: its first amount column, else its end."""
        return self.amount_columns[0] if self.amount_columns else self.end


@dataclass
class HeaderSpec:
    """What a grid's header says about each column: header text, measure, budget/final stage, group."""

    n_cols: int
    headers: list[str]  # squashed header text per column (top-down)
    measures: list[str | None]  # measure per column; None for label/empty columns
    groups: list[ColumnGroup]
    pending_total: bool = False  # the header's last row carried a 合计 label (栏次 合计)
    stages: list[str | None] = field(default_factory=list)  # budget/final figures per column
    spans: list[list[str]] = field(default_factory=list)  # per column: upper labels, spans filled right
    leaves: list[str] = field(default_factory=list)  # per column: the lowest header cell

    def regroup(self, columns_cells: list[list[str]] | None = None) -> None:
        """Recompute the column groups after measures changed."""
        cells = columns_cells or [[h] if h else [] for h in self.leaves]
        sides = {(g.start): g.side for g in self.groups}
        self.groups = _groups(cells, self.measures, self.n_cols)
        for g in self.groups:
            g.side = sides.get(g.start)

    @property
    def known_measures(self) -> int:
        """How many columns have a measure the vocabulary knows (not UNMAPPED)."""
        return sum(1 for m in self.measures if m and m != M.UNMAPPED)


_ITEM_LABEL = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_HEADER_WORDS = re.compile(r"^(项目|行次|栏次|金额|决算数|预算数|合计|收入|支出)$")


def is_item_row(row: list[str]) -> bool:
    """A body row of a summary table: an enumerated item (一、… / （一）…) or a printed amount,
    and no header words."""
    cells = [squash(c) for c in row if squash(c)]
    if not cells or any(_HEADER_WORDS.match(c) for c in cells):
        return False
    return any(_ITEM_LABEL.match(c) for c in cells) or any(
        "." in c and parse_amount(c) is not None for c in cells)


def header_end(rows: list[list[str]], item_rows: bool = False) -> int:
    """Index of the first data row (len(rows) when the grid has no body).

    `item_rows`: the table's rows are items, not accounts (summary tables), so a
    row with an enumerated item or an amount starts the body too.
    """
    for i, row in enumerate(rows):
        if item_rows and is_item_row(row):
            return i
        if is_column_number_row(row):
            # the body starts right after the 栏次 row (its first row may carry no label
            # when the extractor put 合计 into the 栏次 row: '栏次 合计 | 1 | 2')
            return i + 1
        if is_data_row(row):
            return i
    return len(rows)


def build_header(header_rows: list[list[str]], n_cols: int) -> HeaderSpec:
    """The HeaderSpec of a grid's header rows: each column's text, measure, stage and group."""
    text_rows = [r for r in header_rows if not is_column_number_row(r)]
    pending_total = any(
        "合计" in squash(c) for r in header_rows if is_column_number_row(r) for c in r
    )
    columns: list[list[str]] = [[] for _ in range(n_cols)]
    for row in text_rows:
        for c in range(n_cols):
            text = row[c] if c < len(row) else ""
            if squash(text):
                columns[c].append(text)
    headers = ["".join(squash(t) for t in col) for col in columns]
    spans = _spans(text_rows, n_cols)
    measures: list[str | None] = []
    for c, col in enumerate(columns):
        lowest = squash(col[-1]) if col else ""
        if not col or M.is_label_header(lowest) or (
            M.is_label_header("".join(squash(t) for t in col))
            and M.measure_for_column(col) in (None, M.UNMAPPED)
        ):
            measures.append(None)
        else:
            measures.append(_column_measure(columns, c, spans))
    # an unreadable header at the left edge, before the table's label columns, is a label
    # column's too (序号 read as 序), not an amount column's
    first_label = next((c for c, m in enumerate(measures) if m is None and columns[c]), n_cols)
    first_measure = next((c for c, m in enumerate(measures) if m not in (None, M.UNMAPPED)), n_cols)
    if first_label < first_measure:
        for c in range(first_label):
            if measures[c] == M.UNMAPPED:
                measures[c] = None
    measures = M.resolve_subtotals(measures, headers)
    measures = _prior_year_columns(measures, headers)
    measures, headers = _carryover_group_columns(measures, headers, columns, spans)
    groups = _groups(columns, measures, n_cols)
    measures = _repeat_group_measures(measures, groups)
    for g in groups:
        g.side = next((side for c in range(g.start, g.end) for t in spans[c] for side, rx in _SIDE
                       if rx.match(t)), None)
    if len(groups) == 2 and {g.side for g in groups} != {"income", "expenditure"} and any(
        rx.match(t) for sp in spans for t in sp for _, rx in _SIDE
    ):
        # 收入 | 支出 halves whose labels the extractor shifted: the income half comes first
        groups[0].side, groups[1].side = "income", "expenditure"
    stages = [next((stage for t in spans[c] + [squash(x) for x in columns[c][-1:]] for stage, rx in _STAGE
                    if rx.search(t)), None) for c in range(n_cols)]
    leaves = [squash(col[-1]) if col else "" for col in columns]
    stages = _align_stages(stages, spans, leaves)
    return HeaderSpec(n_cols, headers, measures, groups, pending_total, stages, spans, leaves)


def _column_measure(columns: list[list[str]], c: int, spans: list[list[str]]) -> str | None:
    """The measure of column `c` from its header cells (top-down).

    When the column's own label cannot be read (an OCR misreading: 'Att' for 合计), a
    label above it that spans the next column, whose own label names one of its parts,
    is their group's label (一般公共预算基本支出 over 合计 | 人员经费 | 公用经费), not this
    column's: the group's first column is its 合计, any other stays unmapped.
    """
    col = columns[c]
    measure = M.measure_for_column(col)
    if measure in (None, M.UNMAPPED) or len(col) < 2 or M.measure_for_header(col[-1]) != M.UNMAPPED:
        return measure
    label = squash(col[-2])
    spans_next = c + 1 < len(columns) and label in spans[c + 1] and columns[c + 1] \
        and M.is_part_of(M.measure_for_header(columns[c + 1][-1]), measure)
    if not spans_next:
        return measure
    return "total" if c == 0 or label not in spans[c - 1] else M.UNMAPPED


def _prior_year_columns(measures: list[str | None], headers: list[str]) -> list[str | None]:
    """A budget column labelled with an earlier year than another column of the same header
    (2025年预算数 beside 2026年预算数 | 基本支出 | 项目支出) is the previous year's budget,
    printed for comparison: ``prior_year_budget``, not a second row total."""
    years = [[int(y) for y in _YEAR.findall(h)] for h in headers]
    latest = max((y for ys in years for y in ys), default=None)
    out = list(measures)
    for c, (m, ys) in enumerate(zip(measures, years)):
        if m == "total" and ys and max(ys) < latest and "预算" in headers[c]:
            out[c] = "prior_year_budget"
    return out


def _carryover_group_columns(measures: list[str | None], headers: list[str], columns: list[list[str]],
                              spans: list[list[str]]) -> tuple[list[str | None], list[str]]:
    """The columns under a 上年结转 group label (上年结转 | 本年预算, each over 小计 | 基本支出 |
    项目支出) are the carry-over's parts, which no measure of the spec names: its 小计 stays
    ``prior_year_carryover``, its 基本支出 / 项目支出 / … are ``unmapped`` with the group label
    kept in their header (``上年结转基本支出``), not a second ``basic`` / ``project`` beside the
    current year's. The label must head columns below it (a 上年结转 printed as a column's own
    label, spanning no row of labels under it, groups nothing)."""
    out, texts = list(measures), list(headers)
    for c, m in enumerate(measures):
        if m in (None, M.UNMAPPED, "prior_year_carryover"):
            continue
        label = next((t for t in spans[c] if _CARRYOVER.match(t)), None)
        if label is None or not any(squash(t) == label for p in range(c + 1) for t in columns[p][:-1]):
            continue
        out[c] = M.UNMAPPED
        if label not in texts[c]:
            texts[c] = label + texts[c]
    return out, texts


def _repeat_group_measures(measures: list[str | None], groups: list[ColumnGroup]) -> list[str | None]:
    """Side-by-side groups repeat one set of columns (code | name | 决算数, three times):
    an amount column whose header could not be read (an OCR misreading, a garbled
    text layer) takes the measure every other group prints in the same place."""
    if len(groups) < 3:
        return measures
    shapes = [[measures[c] for c in g.amount_columns] for g in groups]
    out = list(measures)
    for g, shape in zip(groups, shapes):
        for i, c in enumerate(g.amount_columns):
            if measures[c] != M.UNMAPPED:
                continue
            others = {s[i] for s in shapes if s is not shape and len(s) == len(shape)}
            if len(others) == 1 and None not in others and M.UNMAPPED not in others \
                    and sum(1 for s in shapes if len(s) == len(shape)) >= 3:
                out[c] = next(iter(others))
    return out


def _align_stages(stages: list[str | None], spans: list[list[str]], leaves: list[str]) -> list[str | None]:
    """预算数 | 决算数 groups that each start with a 合计 column: group by the 合计 columns.

    Extractors often shift an upper group label (决算数 printed over the 4th column
    instead of the 7th); when the header names as many stages as it has 合计 columns,
    each 合计 column starts the next stage's group.
    """
    named: list[str] = []
    for column_spans in spans:
        for text in column_spans:
            for stage, rx in _STAGE:
                if rx.search(text) and (not named or named[-1] != stage):
                    named.append(stage)
    named = list(dict.fromkeys(named))
    starts = [c for c, leaf in enumerate(leaves) if leaf == "合计"]
    if len(named) < 2 or len(starts) != len(named):
        return stages
    out = list(stages)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(leaves)
        for c in range(start, end):
            out[c] = named[n]
    return out


def _spans(text_rows: list[list[str]], n_cols: int) -> list[list[str]]:
    """Upper header labels per column, each label filled right over the blank cells of its span."""
    spans: list[list[str]] = [[] for _ in range(n_cols)]
    for row in text_rows[:-1]:
        current = ""
        for c in range(n_cols):
            text = squash(row[c]) if c < len(row) else ""
            current = text or current
            if current:
                spans[c].append(current)
    return spans


def _groups(columns: list[list[str]], measures: list[str | None], n_cols: int) -> list[ColumnGroup]:
    """Side-by-side column groups, each starting at a code column and holding amounts.

    A code column is one headed 科目编码 (or the like), or the 类 column of a code printed
    in 类 | 款 (| 项) columns. A code column after an amount column of a known measure starts
    the next group. After amount columns whose headers name no known measure (an unreadable
    决算数, a count such as 数量) it starts one only when the group repeats the group before
    (类 | 款 | 科目名称 | one amount, again): a procurement table's economic code after its
    数量 column is a column of the same row, not another group.
    """
    code_cols = [
        c for c, col in enumerate(columns) if col and _CODE_HEADER.search(squash(col[-1]))
    ] + _label_columns_after_amounts(columns, measures)
    code_cols = sorted(set(code_cols))
    leaves = [squash(col[-1]) if col else "" for col in columns]

    def shape(start: int, end: int) -> tuple[list[str], int]:
        """A run of columns as its label leaves and its number of other columns."""
        labels = next((k for k in range(start, end) if measures[k]), end)
        return leaves[start:labels], end - labels

    starts = [0]
    for n, c in enumerate(code_cols):
        if c == 0:
            continue
        prev = starts[-1]
        between = [measures[k] for k in range(prev, c) if measures[k]]
        following = code_cols[n + 1] if n + 1 < len(code_cols) else n_cols
        if any(m != M.UNMAPPED for m in between) or (between and shape(c, following) == shape(prev, c)):
            starts.append(c)
    bounds = starts + [n_cols]
    groups = []
    for a, b in zip(bounds, bounds[1:]):
        amount_cols = [c for c in range(a, b) if measures[c]]
        # label columns sit left of the first amount column; an amount column is
        # only one to the right of a label column
        groups.append(ColumnGroup(a, b, amount_cols))
    return groups


def _label_columns_after_amounts(columns: list[list[str]], measures: list[str | None]) -> list[int]:
    """Label columns printed right after an amount column of a known measure: each starts a
    side-by-side group.

    A group whose code is printed in its name cell (人员经费 | 公用经费 as '科目名称 | 金额'
    twice, '30201 办公费' in the name cell; a summary's 收入 项目名称 | 金额 | 支出 功能科目名称 |
    金额) has no code column to start it; its name column, coming after the left group's
    amounts, does, so that its amounts pair with its own labels. A label column after a count
    (数量, unmapped: a procurement table's economic code after its quantity) is not a group.
    """
    return [
        c for c in range(1, len(columns))
        if columns[c] and measures[c] is None and measures[c - 1] not in (None, M.UNMAPPED)
        and M.is_label_header(squash(columns[c][-1]))
    ]
