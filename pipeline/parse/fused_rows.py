"""Header rows and 合计 rows that a reader fused together.

When a rule between the header and the 合计 row is missing, or an unruled table's
lines run together, the grid holds the two rows as one:

- the 合计 label fused into a label column's header cell ('科目名称合计', '项目合计',
  '功能分类科目名称 合计') on a header row without amounts: the 合计 row's amounts
  follow on a row with no label, which is given the label back;
- the header words and the 合计 row's amounts on one row ('科目编码 | 科目名称 合计 |
  小计 716.40 | 基本支出 291.73'): the row is read as its header words (kept as a header
  row printed just before it) and as the 合计 row (label and amounts, at the same row
  index, so provenance stays the grid's row and cell).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vocabulary.numbers import parse_amount
from ..vocabulary.rows import is_column_number_row, is_data_row, split_fused_total, total_kind
from ..vocabulary.text import squash

# a header word and an amount in one cell: '基本支出 291.73', '小计716.40', '合计 1,234,567' (元)
_WORD_AND_AMOUNT = re.compile(
    r"^(?P<words>.*?[^\d\s.,，\-−－()（）])\s*(?P<amount>[-−－]?(?:[\d,]+\.\d+|\d{1,3}(?:,\d{3})+|\d+(?:\s+\d+)+))$")


_NUMERIC = re.compile(r"^[-−－]?\d[\d\s,.，]*\d$")


@dataclass
class Unfused:
    """A grid with each fused row replaced by its 合计 row, and the header words those rows also printed."""

    rows: list[list[str]]
    header_words: dict[int, list[str]] = field(default_factory=dict)  # row index → header words printed on it

    def header_rows(self, start: int) -> list[list[str]]:
        """The header rows of a grid whose body starts at `start`: the rows above it, each fused
        row's header words just before it (those of the body's first row included)."""
        out: list[list[str]] = []
        for i in range(min(start, len(self.rows)) + 1):
            if i in self.header_words:
                out.append(self.header_words[i])
            if i < start:
                out.append(self.rows[i])
        return out


def _split_cell(text: str) -> tuple[str, str]:
    """A cell's header words and its amount text ('' when it has none)."""
    t = text.strip()
    if parse_amount(t) is not None or _NUMERIC.match(t):
        return "", t  # a number, read or not ('883 50' lost its point): never a header word
    m = _WORD_AND_AMOUNT.match(t)
    if m:  # the amount as printed, read or not ('716 40' lost its point: an unparseable amount)
        return m.group("words").strip(), m.group("amount")
    return t, ""


def _split_fused_row(row: list[str]) -> tuple[list[str], list[str]] | None:
    """A row that prints header words and the 合计 row's amounts → (header words, 合计 row), else None.

    It must hold an amount printed to decimals or with thousands separators (not a 栏次 number), a total label left of
    the amounts (a bare 合计/总计 cell or one fused to a label header), and header words.
    """
    cells = [_split_cell(t) for t in row]
    amount_cols = [c for c, (_, amount) in enumerate(cells) if amount]
    if not amount_cols or not any("." in cells[c][1] or "," in cells[c][1] for c in amount_cols):
        return None
    header = [words for words, _ in cells]
    total = ["" for _ in row]
    label_col = None
    for c in range(amount_cols[0]):
        fused = split_fused_total(row[c])
        if fused:
            header[c], total[c], label_col = fused[0], fused[1], c
        elif total_kind(row[c]) == "total":
            header[c], total[c], label_col = "", squash(row[c]), c
    if label_col is None or not any(squash(h) for h in header):
        return None
    if any(total_kind(header[c]) for c in range(label_col + 1, len(row)) if not cells[c][1]):
        return None  # a summary row ('本年收入合计 | 100.00 | 本年支出合计 | 100.00') is not a header
    for c in amount_cols:
        total[c] = cells[c][1]
    return header, total


def unfuse_header_total(rows: list[list[str]]) -> Unfused:
    """The grid with its fused header/合计 rows taken apart (see the module docstring).

    Only the rows above the first account row are looked at; a row without a fused
    cell, or without header words, is left as printed.
    """
    out = Unfused([list(r) for r in rows])
    for i, row in enumerate(rows):
        if is_column_number_row(row):
            continue
        split = _split_fused_row(row)
        if split is not None:
            out.header_words[i], out.rows[i] = split
            continue
        if is_data_row(row):
            break
        for c, text in enumerate(row):
            fused = split_fused_total(text)
            if fused is None:
                continue
            out.rows[i][c] = fused[0]
            target = _label_less_amount_row(rows, i + 1)
            if target is not None and not squash(out.rows[target][c]):
                out.rows[target][c] = fused[1]
    return out


def _label_less_amount_row(rows: list[list[str]], start: int) -> int | None:
    """The first row from `start` that prints amounts and no words (a 合计 row whose label
    the header took), skipping 栏次 rows and the header rows below; None when an account
    row or a row of words and amounts comes first."""
    for j in range(start, len(rows)):
        row = rows[j]
        cells = [squash(t) for t in row if squash(t)]
        if is_column_number_row(row) or not cells:
            continue
        amounts = [t for t in cells if parse_amount(t) is not None]
        if not amounts:
            if is_data_row(row):
                return None
            continue  # a lower header row
        if len(amounts) == len(cells) and any("." in t or "," in t for t in amounts):
            return j
        return None
    return None
