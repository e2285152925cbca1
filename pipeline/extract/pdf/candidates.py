"""Candidate readings of a table, chosen by the table's own arithmetic.

A ruled table is read from its ruling lines first (the cheap, usual reading). When that
reading fails one of the table's own sums (类 = Σ 款 = Σ 项, 合计 = Σ 类, row total =
Σ its columns: :mod:`pipeline.vocabulary.arithmetic`), the same characters are read
again by how they line up (:mod:`.unruled`), as a table whose rules are missing,
partial or drawn through its cells would be. The other reading is kept only when it
holds at least as many of the sums and fails fewer (``Arithmetic.improves_on``);
otherwise the ruled one stays (it is the cheaper and the usual one). A table whose
first reading adds up is never read twice, so the cost falls only on the tables that
need it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import ParseIssue
from ...vocabulary.arithmetic import Arithmetic, table_arithmetic
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
        out.identities += table_arithmetic([[c.text for c in row] for row in table.rows]).identities
    return out


def text_alignment_reading(table: Table, lines: list[Line]) -> list[Table]:
    """The table's own characters read by how they line up, ignoring its rules."""
    own = []
    for line in lines:
        chars = [c for c in line.chars if id(c) in table.chars]
        if chars:
            own.append(Line(chars))
    return aligned_tables(own, []) if own else []


def choose_reading(table: Table, lines: list[Line]) -> Choice:
    """The ruled reading, or the text-alignment reading of the same characters where that
    one's sums hold better (tried only when the ruled reading fails a sum)."""
    first = arithmetic_of([table])
    if not first.failed:
        return Choice([table], first, first)
    alternative = text_alignment_reading(table, lines)
    if alternative:
        other = arithmetic_of(alternative)
        if other.improves_on(first):
            return Choice(alternative, first, other)
    return Choice([table], first, first)


def choose_readings(tables: list[Table], lines: list[Line], page: int) -> tuple[list[Table], list[ParseIssue]]:
    """Every ruled table of a page with the reading its sums prefer, and an info issue per re-read table."""
    kept: list[Table] = []
    issues: list[ParseIssue] = []
    for table in tables:
        if table.strategy != "lines":
            kept.append(table)
            continue
        choice = choose_reading(table, lines)
        kept.extend(choice.tables)
        if choice.reread:
            issues.append(ParseIssue(
                "extract", "table_reread_by_alignment",
                f"A ruled table on this page did not add up as its rules divide it ({choice.first.held} of "
                f"{choice.first.tested} of its own sums held), so it was read again by how its text lines up; "
                f"{choice.kept.held} of {choice.kept.tested} sums hold in the reading kept.",
                severity="info", page=page,
            ))
    return kept, issues
