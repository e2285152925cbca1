"""The sums a printed table carries — the documents' own arithmetic, over a grid of cell texts.

A published budget table adds up; when our reading of it does not, the reading is
almost always wrong (a shifted column, a split row, a misread digit). These identities
need no header and no measure, only the grid, so the PDF reader can use them to choose
between readings of a table and the parser to say how far each fact is verified:

- **hierarchy** (类 = Σ 款, 款 = Σ 项): in each amount column, a row whose account code
  is the parent of other rows' codes equals the sum of those rows;
- **total** (合计 = Σ 类): a 合计/总计 row equals the sum of the 类 (3-digit) rows of
  the same code segment;
- **row sum** (合计 = 基本 + 项目, 小计 = Σ sources …): an amount column that equals the
  sum of the contiguous columns to its right in most rows that print it is a row total
  of those columns, and every row is tested against it.

A table printed with two code columns side by side (人员经费 301/303 on the left,
公用经费 302/310 on the right) is split into segments at its second code column; each
segment is summed on its own.

Each identity compares a printed amount with a sum of printed amounts, within one
hundredth per summed cell (each printed figure is rounded to the cent). Blank and
dash cells count as zero in a sum. :func:`table_arithmetic` returns how many
identities could be tested, how many hold, and the cells that take part in one that
holds (verified cells).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .account_codes import is_code_head, is_code_part, is_unit_code, parent, split_code_and_name
from .numbers import is_blank, is_dash, parse_amount, parse_ocr_amount
from .rows import is_column_number_row, total_kind
from .text import squash

CENT = Decimal("0.01")
_DECIMAL_AMOUNT = re.compile(r"^-?[\d,]*\d\.\d{1,2}$")  # printed to decimals: not a code or a row number
MIN_ROW_SUM_ROWS = 2  # a row-sum pattern needs this many rows where it holds …
ROW_SUM_SHARE = 0.6  # … and must hold in this share of the rows that print the total column

Cell = tuple[int, int]  # (row, column) in the grid


@dataclass(frozen=True)
class Identity:
    """One tested identity: the printed cell, the cells it should be the sum of, and whether it holds."""

    kind: str  # hierarchy | total | row_sum
    whole: Cell
    parts: tuple[Cell, ...]
    printed: Decimal
    summed: Decimal

    @property
    def holds(self) -> bool:
        """The printed amount equals the sum, within a cent per summed cell."""
        return abs(self.printed - self.summed) <= CENT * max(len(self.parts), 1)


@dataclass
class Arithmetic:
    """The identities a reading of a table satisfies."""

    identities: list[Identity] = field(default_factory=list)
    fused_cells: int = 0  # cells printing two or more amounts side by side: a reading that failed to part them
    amount_cells: int = 0  # cells that read as an amount

    @property
    def tested(self) -> int:
        """Identities the reading could be tested against."""
        return len(self.identities)

    @property
    def held(self) -> int:
        """Identities that hold."""
        return sum(1 for i in self.identities if i.holds)

    @property
    def failed(self) -> int:
        """Identities that do not hold."""
        return self.tested - self.held

    @property
    def confidence(self) -> float | None:
        """Share of the tested identities that hold; None when none could be tested."""
        return self.held / self.tested if self.tested else None

    @property
    def verified(self) -> frozenset[Cell]:
        """Cells that take part in an identity that holds."""
        out: set[Cell] = set()
        for i in self.identities:
            if i.holds:
                out.add(i.whole)
                out.update(i.parts)
        return frozenset(out)

    def score(self) -> tuple[int, int]:
        """Rank of a reading: identities held minus failed and minus cells of fused amounts, then
        held (higher is better)."""
        return (self.held - self.failed - self.fused_cells, self.held)

    def improves_on(self, other: Arithmetic) -> bool:
        """This reading is better than `other`: it holds at least as many identities, ranks higher,
        and either verifies something or parts amounts the other left fused. A reading that
        tests less is not better for failing less: it has to keep what the other verifies, and
        every amount the other reads."""
        return (self.held >= other.held and self.amount_cells >= other.amount_cells
                and self.score() > other.score() and (self.held > 0 or self.fused_cells < other.fused_cells))


def amount_of(text: str, ocr: bool = False) -> Decimal | None:
    """A cell's amount for the sums: the printed amount, zero for a dash, None when blank or not a number.
    With `ocr` (a table OCR read), also an amount whose decimal point OCR lost or doubled ('52:21')."""
    if is_blank(text):
        return None
    if is_dash(text):
        return Decimal(0)
    return parse_ocr_amount(text) if ocr else parse_amount(text)


def _is_code_cell(row: list[str], c: int) -> bool:
    """A code cell: a code and its name, or a bare 3/5/7-digit cell followed by a name or a
    code part (not a 元 amount printed without decimals, which amounts follow)."""
    text = row[c]
    if split_code_and_name(text.strip()):
        return True
    if not is_code_head(squash(text)):
        return False
    after = [squash(t) for t in row[c + 1:] if squash(t)][:1]
    return bool(after) and (amount_of(after[0]) is None or is_code_part(after[0]))


def code_columns(rows: list[list[str]]) -> list[int]:
    """Columns that print account codes (a code, or a code and its name) in at least two rows."""
    counts: dict[int, int] = {}
    for row in rows:
        for c in range(len(row)):
            if _is_code_cell(row, c):
                counts[c] = counts.get(c, 0) + 1
    return sorted(c for c, n in counts.items() if n >= 2)


def segments(rows: list[list[str]]) -> list[tuple[int, int]]:
    """Column ranges [start, end) of the side-by-side halves of a table: split at each code column
    after the first that sits right of an amount column."""
    n = max((len(r) for r in rows), default=0)
    cols = code_columns(rows)
    if len(cols) < 2:
        return [(0, n)]
    starts = [cols[0]]
    for c in cols[1:]:
        between = range(starts[-1] + 1, c)
        if any(any(amount_of(r[k]) is not None for r in rows if k < len(r)) and not _mostly_codes(rows, k)
               for k in between):
            starts.append(c)
    bounds = [0] + starts[1:] + [n]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _mostly_codes(rows: list[list[str]], k: int) -> bool:
    cells = [squash(r[k]) for r in rows if k < len(r) and squash(r[k])]
    return bool(cells) and sum(1 for t in cells if is_code_head(t)) > len(cells) / 2


@dataclass
class _Row:
    index: int
    code: str | None
    total: bool
    amounts: dict[int, Decimal]  # column → amount (dash = 0)


def _read_rows(rows: list[list[str]], start: int, end: int, ocr: bool = False) -> list[_Row]:
    """Each row's account code (split 类/款/项 parts joined), whether it is the 合计 row, and its
    amounts by column; the 栏次 row of column numbers is left out."""
    out = []
    for r, row in enumerate(rows):
        if is_column_number_row(row):
            continue
        code: str | None = None
        named = total = in_amounts = False
        amounts: dict[int, Decimal] = {}
        for c in range(start, min(end, len(row))):
            text = row[c]
            t = squash(text)
            if not t:
                continue
            if not in_amounts:
                if code is None and not named and _is_code_cell(row, c):
                    pair = split_code_and_name(text.strip())
                    code, named = (pair[0], True) if pair else (t, False)
                    continue
                if code is not None and not named and is_code_part(t) and len(code) < 7:
                    code += t.zfill(2)
                    continue
                if is_unit_code(t):
                    continue
                if amount_of(text, ocr) is None:
                    named = True
                    total = total or total_kind(text) == "total"
                    continue
                if code is None and not named and _is_small_int(text):
                    continue  # a 序号 row number before the label
            amount = amount_of(text, ocr)
            if amount is not None:
                in_amounts = True
                amounts[c] = amount
        out.append(_Row(r, code, total, amounts))
    return out


def _is_small_int(text: str) -> bool:
    t = squash(text)
    return t.isdigit() and len(t) <= 2


def _sum(rows: list[_Row], col: int) -> tuple[Decimal, tuple[Cell, ...]]:
    cells = tuple((r.index, col) for r in rows if col in r.amounts)
    return sum((r.amounts[col] for r in rows if col in r.amounts), Decimal(0)), cells


def _hierarchy(rows: list[_Row], columns: list[int]) -> list[Identity]:
    """类 = Σ 款 and 款 = Σ 项, per amount column, over the first row printing each code."""
    out = []
    by_code: dict[str, _Row] = {}
    for r in rows:
        if r.code and r.code not in by_code:
            by_code[r.code] = r
    children: dict[str, list[_Row]] = {}
    for code, r in by_code.items():
        p = parent(code)
        if p and p in by_code:
            children.setdefault(p, []).append(r)
    for p, kids in children.items():
        whole = by_code[p]
        for col in columns:
            summed, parts = _sum(kids, col)
            printed = whole.amounts.get(col, Decimal(0))
            if col not in whole.amounts and not summed:
                continue  # nothing printed on either side
            out.append(Identity("hierarchy", (whole.index, col), parts or tuple((k.index, col) for k in kids),
                                printed, summed))
    return out


def _totals(rows: list[_Row], columns: list[int]) -> list[Identity]:
    """合计 = Σ 类 per amount column (the first 合计 row: a reprint on a continuation page is the same)."""
    classes = [r for r in rows if r.code and len(r.code) == 3]
    totals = [r for r in rows if r.total and r.amounts]
    if not classes or not totals:
        return []
    total = totals[0]  # a 合计 reprinted on a continuation page is the same total
    out = []
    for col in columns:
        summed, parts = _sum(classes, col)
        printed = total.amounts.get(col, Decimal(0))
        if col not in total.amounts and not summed:
            continue
        out.append(Identity("total", (total.index, col), parts, printed, summed))
    return out


def _row_sum_patterns(rows: list[_Row], columns: list[int]) -> list[tuple[int, list[int]]]:
    """(total column, part columns) pairs that hold in most rows printing a non-zero total or part."""
    patterns = []
    for i, j in enumerate(columns):
        best: tuple[int, list[int]] | None = None
        for k in range(i + 2, len(columns)):
            parts = columns[i + 1:k + 1]
            printed = [r for r in rows if r.amounts.get(j) or any(r.amounts.get(p) for p in parts)]
            holds = [r for r in printed
                     if abs(r.amounts.get(j, Decimal(0)) - sum((r.amounts.get(p, Decimal(0)) for p in parts),
                                                                Decimal(0))) <= CENT * len(parts)]
            if len(holds) >= MIN_ROW_SUM_ROWS and len(holds) >= ROW_SUM_SHARE * len(printed):
                if best is None or len(holds) >= best[0]:  # the widest range that holds
                    best = (len(holds), parts)
        if best:
            patterns.append((j, best[1]))
    return patterns


def _row_sums(rows: list[_Row], columns: list[int]) -> list[Identity]:
    """Every row that prints the total or a part, tested against each row-sum pattern of the table."""
    out = []
    for j, parts in _row_sum_patterns(rows, columns):
        for r in rows:
            present = [p for p in parts if p in r.amounts]
            summed = sum((r.amounts[p] for p in present), Decimal(0))
            printed = r.amounts.get(j, Decimal(0))
            if j not in r.amounts and not summed:
                continue
            out.append(Identity("row_sum", (r.index, j), tuple((r.index, p) for p in present), printed, summed))
    return out


def fused_amounts(text: str) -> list[str] | None:
    """The amounts of a cell that prints two or more side by side ('46.16 46.16'), else None."""
    parts = text.split()
    if len(parts) < 2 or not all(_DECIMAL_AMOUNT.match(p) and parse_amount(p) is not None for p in parts):
        return None
    return parts


def table_arithmetic(rows: list[list[str]], ocr: bool = False) -> Arithmetic:
    """Every identity the grid's rows can be tested against (hierarchy, total, row sums), per segment,
    and the cells that print amounts side by side.
    `ocr`: the grid was OCR'd, so an amount whose decimal point OCR lost ('52 27', '52:21') counts too."""
    cells = [text for row in rows for text in row if squash(text)]
    result = Arithmetic(fused_cells=sum(1 for text in cells if fused_amounts(text)),
                        amount_cells=sum(1 for text in cells if amount_of(text, ocr) is not None))
    for start, end in segments(rows):
        read = _read_rows(rows, start, end, ocr)
        columns = sorted({c for r in read for c in r.amounts})
        result.identities += _hierarchy(read, columns)
        result.identities += _totals(read, columns)
        result.identities += _row_sums(read, columns)
    return result
