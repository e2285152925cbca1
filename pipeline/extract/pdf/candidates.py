"""Candidate readings of a table, chosen by the table's own arithmetic.

A table is read once, the cheap and usual way (a ruled table from its ruling lines).
When that reading fails one of the table's own sums (类 = Σ 款 = Σ 项, 合计 = Σ 类, row
total = Σ its columns: :mod:`pipeline.vocabulary.arithmetic`) or prints two amounts in
one cell, other readings of the same characters are tried, cheapest first:

- the amounts printed side by side in one cell (columns too narrow for the reader to
  part them) spread over the blank cells beside them;
- for a ruled table, its characters read by how they line up (:mod:`.unruled`), as a
  table whose rules are missing, partial or drawn through its cells would be.

Another reading is kept only when it holds at least as many of the sums and fails fewer
(``Arithmetic.improves_on``); otherwise the first stays. A table whose first reading
adds up is never read twice, so the cost falls only on the tables that need it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...model import Cell, ParseIssue
from ...vocabulary.arithmetic import Arithmetic, fused_amounts, table_arithmetic
from .geometry import Line, Table
from .unruled import aligned_tables


@dataclass
class Choice:
    """The reading kept for one table region, the first reading's sums and the kept one's."""

    tables: list[Table]
    first: Arithmetic
    kept: Arithmetic

    @property
    def reread(self) -> bool:
        """True when the kept reading is not the first one."""
        return self.kept is not self.first


def arithmetic_of(tables: list[Table]) -> Arithmetic:
    """The identities of one or more tables read from the same region, together."""
    out = Arithmetic()
    for table in tables:
        one = table_arithmetic([[c.text for c in row] for row in table.rows])
        out.identities += one.identities
        out.fused_cells += one.fused_cells
        out.amount_cells += one.amount_cells
    return out


def text_alignment_reading(table: Table, lines: list[Line]) -> list[Table]:
    """The table's own characters read by how they line up, ignoring its rules."""
    own = []
    for line in lines:
        chars = [c for c in line.chars if id(c) in table.chars]
        if chars:
            own.append(Line(chars))
    return [split_fused_amounts(t) for t in aligned_tables(own, [])] if own else []


def has_fused_amounts(table: Table) -> bool:
    """Some cell of the table prints two amounts side by side (columns too narrow to part them)."""
    return any(fused_amounts(c.text) for row in table.rows for c in row)


def split_fused_amounts(table: Table) -> Table:
    """The table with each cell of side-by-side amounts spread over the blank cells right of it
    (the columns its text overflowed); a cell without enough blank neighbours stays as it is."""
    rows = []
    for row in table.rows:
        row = list(row)
        for c, cell in enumerate(row):
            parts = fused_amounts(cell.text)
            if not parts or c + len(parts) > len(row):
                continue
            if any(row[k].text.strip() for k in range(c + 1, c + len(parts))):
                continue
            for k, part in enumerate(parts):
                row[c + k] = Cell(part, cell.bbox)
        rows.append(row)
    return replace(table, rows=rows)


def choose_reading(table: Table, lines: list[Line]) -> Choice:
    """The first reading, or another reading of the same characters where that one's sums hold
    better: side-by-side amounts parted into the blank cells beside them, and, for a ruled
    table, the text-alignment reading. Tried only when the first reading fails a sum or
    prints two amounts in one cell, cheapest first."""
    first = arithmetic_of([table])
    fused = has_fused_amounts(table)
    if not first.failed and not fused:
        return Choice([table], first, first)
    kept, best = [table], first
    makers = [lambda: [split_fused_amounts(table)] if fused else []]
    if table.strategy == "lines":
        makers.append(lambda: text_alignment_reading(table, lines))
    for make in makers:
        alternative = make()
        if not alternative:
            continue
        other = arithmetic_of(alternative)
        if other.improves_on(best):
            kept, best = alternative, other
    return Choice(kept, first, best)


def choose_readings(tables: list[Table], lines: list[Line], page: int) -> tuple[list[Table], list[ParseIssue]]:
    """Every table of a page with the reading its sums prefer, and an info issue per re-read table."""
    kept: list[Table] = []
    issues: list[ParseIssue] = []
    for table in tables:
        choice = choose_reading(table, lines)
        kept.extend(choice.tables)
        if choice.reread:
            how = ("by how its text lines up" if any(t.strategy != table.strategy for t in choice.tables)
                   else "with the amounts printed side by side in one cell parted into the blank cells beside them")
            issues.append(ParseIssue(
                "extract", "table_reread",
                f"A table on this page did not add up as first read ({choice.first.held} of "
                f"{choice.first.tested} of its own sums held), so it was read again {how}; "
                f"{choice.kept.held} of {choice.kept.tested} sums hold in the reading kept.",
                severity="info", page=page,
            ))
    return kept, issues
