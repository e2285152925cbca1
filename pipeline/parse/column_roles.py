"""Which columns of a grid hold amounts, and which labels: the header's word, checked against the body.

A header names each column; where it is garbled (OCR), missing (a continuation printed without
it) or lent a stray word (a line printed above it), the body tells what a column holds. Each rule
here takes back the measure of a column whose header names no known measure (``unmapped``) when
its body shows it is a label column — a 序号 count, 款/项 code parts, names, account codes — and
:func:`fit_header` lays the header of the table a headerless block continues over that block's
columns.
"""
from __future__ import annotations

import re

from ..vocabulary.account_codes import is_code_head, is_code_part
from ..vocabulary.numbers import is_dash, parse_amount
from ..vocabulary.text import squash
from . import grids as G
from .measures import UNMAPPED


def settle_column_roles(spec: G.HeaderSpec, body: list[list[str]]) -> None:
    """Take back the measure of every column one of :data:`LABEL_COLUMN_RULES` finds to be a label
    column (in place), given the block's body rows; the rules run in order, each over every
    column, and the column groups are recomputed once at the end."""
    changed = False
    for is_label_column in LABEL_COLUMN_RULES:
        for c in range(len(spec.measures)):
            if is_label_column(spec, body, c):
                spec.measures[c] = None
                changed = True
    if changed:
        spec.regroup()


def _values(body: list[list[str]], c: int) -> list[str]:
    """The non-blank body cells of column `c`, squashed."""
    return [squash(r[c]) for r in body if c < len(r) and squash(r[c])]


def is_row_number_column(spec: G.HeaderSpec, body: list[list[str]], c: int) -> bool:
    """A column counting rows 1, 2, 3, … is a 序号 column even when its header is garbled."""
    if not spec.measures[c]:
        return False
    values = _values(body, c)
    return len(values) >= 3 and all(v.isdigit() for v in values) and all(
        int(b) == int(a) + 1 for a, b in zip(values, values[1:]))


def is_code_part_column(spec: G.HeaderSpec, body: list[list[str]], c: int) -> bool:
    """A column of 1–2 digit numbers right of the account-code column is a 款/项 part
    column even when its header is unreadable (an OCR'd 类 | 款 | 项 header row read as
    'x | | em'): it is not an amount column. Only columns whose header names no
    known measure are reconsidered."""
    if spec.measures[c] != UNMAPPED or c == 0:
        return False
    values, left = _values(body, c), _values(body, c - 1)
    if len(values) < 2 or not left:
        return False
    parts = sum(1 for v in values if is_code_part(v))
    codes = sum(1 for v in left if is_code_head(v) or is_code_part(v))
    return parts >= 0.8 * len(values) and codes >= 0.8 * len(left)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_name_column(spec: G.HeaderSpec, body: list[list[str]], c: int) -> bool:
    """A column whose header names no known measure and whose body prints names (Chinese text
    in at least two rows, no amount anywhere) is a label column, not a column of amounts: a
    line printed above the header (部门名称 and the department's name) can lend an unruled
    table's name column a header of its own, which makes it look like an amount column."""
    if spec.measures[c] != UNMAPPED:
        return False
    values = _values(body, c)
    if len(values) < 2 or any(parse_amount(v) is not None or is_dash(v) for v in values):
        return False
    return sum(1 for v in values if _CJK.search(v)) >= 0.8 * len(values)


def is_code_column(spec: G.HeaderSpec, body: list[list[str]], c: int) -> bool:
    """A column whose header names no known measure (科目编码 misread by OCR as 科自编码) and
    whose body prints account codes (201, 20103, 2010306: digits only, at least 80 % of them 3,
    5 or 7 digits — OCR may drop one — and a code's 类 or 款 among them) right left of a label
    column is the code column, not a column of amounts. Amounts never stand left of the row
    names."""
    if spec.measures[c] != UNMAPPED or c + 1 >= spec.n_cols or spec.measures[c + 1] is not None:
        return False
    values = _values(body, c)
    if len(values) < 2 or not all(v.isdigit() for v in values) or \
            sum(1 for v in values if is_code_head(v)) < 0.8 * len(values):
        return False
    present = set(values)
    return any(len(v) > 3 and (v[:3] in present or v[:5] in present) for v in values)


# in this order: a name column taken back lets the code column left of it be seen
LABEL_COLUMN_RULES = (is_row_number_column, is_code_part_column, is_name_column, is_code_column)


def fit_header(spec: G.HeaderSpec, n_cols: int, body: list[list[str]] | None = None) -> G.HeaderSpec:
    """The header of the table a headerless block continues, fitted to the block's columns.

    A block with as many columns keeps the header as it is. One laid out on another grid (a
    continuation printed with other column widths, its empty columns not printed) is read by
    :func:`realigned_header` where its amounts allow; else extra columns get no header."""
    if body is not None and n_cols != spec.n_cols:
        realigned = realigned_header(spec, body)
        if realigned is not None:
            return realigned
    if n_cols <= spec.n_cols:
        return spec
    extra = n_cols - spec.n_cols
    return G.HeaderSpec(
        n_cols, spec.headers + [""] * extra, spec.measures + [None] * extra,
        spec.groups, spec.pending_total,
    )


def realigned_header(spec: G.HeaderSpec, body: list[list[str]]) -> G.HeaderSpec | None:
    """A one-group table's header laid over a continuation block printed on another grid.

    The block's label columns are those left of its first column of amounts; its columns of
    amounts take the header's amount columns in order from the left (the total column first:
    a continuation leaves out the columns it prints empty at its right, never its total).
    None when the header has side-by-side groups, the block prints amounts left of a label or
    more columns of amounts than the header names."""
    if len(spec.groups) != 1 or not body:
        return None
    n_cols = max(len(r) for r in body)
    amount_cols = [c for c in range(n_cols) if any(
        c < len(r) and "." in squash(r[c]) and parse_amount(squash(r[c])) is not None for r in body)]
    known = [c for c in spec.groups[0].amount_columns if spec.measures[c] not in (None, UNMAPPED)]
    if not known:
        return None
    label_end = known[0]  # a column of the header's own stray words left of it is no amount column
    targets = [c for c in spec.groups[0].amount_columns if c >= label_end]
    if not amount_cols or len(amount_cols) > len(targets):
        return None
    first = amount_cols[0]
    if amount_cols != list(range(first, first + len(amount_cols))):
        return None
    source = list(range(min(first, label_end))) + [None] * max(0, first - label_end) + targets[:len(amount_cols)]
    source += [None] * (n_cols - len(source))

    def pick(values: list, c: int | None, blank):
        return values[c] if c is not None and c < len(values) else blank

    realigned = G.HeaderSpec(
        n_cols,
        [pick(spec.headers, c, "") for c in source],
        [pick(spec.measures, c, None) for c in source],
        [],
        spec.pending_total,
        stages=[pick(spec.stages, c, None) for c in source],
        spans=[pick(spec.spans, c, []) for c in source],
        leaves=[pick(spec.leaves, c, "") for c in source],
    )
    realigned.regroup()
    if len(realigned.groups) != 1:
        return None
    return realigned
