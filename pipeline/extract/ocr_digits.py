"""OCR digit candidates, chosen by the table's own arithmetic (勾稽).

OCR misreads a digit for its look-alike — 264.87 read as 204.87 — and the table
then no longer adds up. For every amount in a sum that fails, the readings that
differ from it in one digit by a usual confusion (0↔6↔8, 1↔7, 3↔8, 5↔6) are
candidates; the sums of :mod:`pipeline.vocabulary.arithmetic` (类 = Σ 款 = Σ 项,
合计 = Σ 类, row sums) choose between them. A candidate is taken only when it is the
one reading of the table that makes a failing sum hold while every sum that held
still holds; when two readings (of one cell or of two cells) would each do that,
the table is left as OCR read it. Each correction is a :class:`DigitCorrection`,
which the reader reports as an info issue in plain language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary.arithmetic import Arithmetic, Identity, amount_of, table_arithmetic
from ..vocabulary.numbers import is_dash

# Digits OCR confuses for one another in printed amounts (both ways).
CONFUSIONS: dict[str, str] = {"0": "68", "6": "085", "8": "063", "1": "7", "7": "1", "3": "8", "5": "6"}
MAX_EVALUATIONS = 1500  # readings of one table tried at most (a table misread wholesale is not a digit's fault)
_KIND_WORDS = {
    "hierarchy": "a parent account equals the sum of its sub-accounts (类 = Σ 款, 款 = Σ 项)",
    "total": "the 合计 row equals the sum of the 类 rows",
    "row_sum": "a total column equals the sum of its part columns in this row",
}


@dataclass(frozen=True)
class DigitCorrection:
    """One cell read again: where (row, column of the grid), what OCR read, what is kept, and why."""

    row: int
    col: int
    read: str
    corrected: str
    fixed: tuple[Identity, ...]  # the sums that fail as read and hold as corrected

    @property
    def reason(self) -> str:
        """Plain-language account of the correction."""
        kinds = sorted({i.kind for i in self.fixed})
        because = "; ".join(_KIND_WORDS[k] for k in kinds)
        how = ("it is the reading without a third decimal OCR added" if len(self.corrected) < len(self.read)
               else "it differs in one digit OCR often confuses")
        return (f"OCR read {self.read!r} in row {self.row + 1}, column {self.col + 1} of this table; "
                f"{self.corrected!r} was kept instead: {how}, and it is "
                f"the only such reading that makes the table add up ({because}) without breaking a sum that held.")


_EXTRA_DECIMAL = re.compile(r"^(?P<whole>[-\d,， ]*\d)\s*[.:]\s*(?P<cents>\d{3})$")


def digit_candidates(text: str) -> list[str]:
    """Readings of an amount's text that differ from it in exactly one digit by a usual OCR confusion
    (amounts as OCR reads them: '52:21' is 52.21 with its decimal point misread), and, for an amount
    read with three decimals where the table prints two ('30.601': OCR saw one glyph twice), the
    readings without one of them."""
    out = []
    for i, ch in enumerate(text):
        for alt in CONFUSIONS.get(ch, ""):
            candidate = text[:i] + alt + text[i + 1:]
            if amount_of(candidate, ocr=True) is not None:
                out.append(candidate)
    extra = _EXTRA_DECIMAL.match(text.strip())
    if extra:
        cents = extra["cents"]
        for i in range(3):
            candidate = f"{extra['whole']}.{cents[:i] + cents[i + 1:]}"
            if candidate not in out and amount_of(candidate, ocr=True) is not None:
                out.append(candidate)
    return out


def _key(identity: Identity) -> tuple:
    return identity.kind, identity.whole, identity.parts


def _improves(before: Arithmetic, after: Arithmetic) -> tuple[Identity, ...] | None:
    """The identities a new reading fixes, when it fixes at least one and breaks none; else None."""
    held_before = {_key(i) for i in before.identities if i.holds}
    failed_before = {_key(i) for i in before.identities if not i.holds}
    if any(not i.holds and _key(i) in held_before for i in after.identities):
        return None  # a sum that held breaks
    if after.failed >= before.failed:
        return None
    fixed = tuple(i for i in after.identities if i.holds and _key(i) in failed_before)
    return fixed or None


def correct_digits(rows: list[list[str]]) -> tuple[list[list[str]], list[DigitCorrection]]:
    """The grid with misread digits corrected by the table's arithmetic, and the corrections made.

    Repeats until no single unambiguous correction is left: each round tries the
    one-digit candidates of every amount taking part in a failing sum, keeps those
    that fix a sum and break none, and applies one only when no other candidate fixes
    any of the same sums. A grid whose sums all hold (or can not be tested) comes back
    unchanged. Pure: `rows` is not modified.
    """
    grid = [list(r) for r in rows]
    corrections: list[DigitCorrection] = []
    evaluations = 0
    while True:
        base = table_arithmetic(grid, ocr=True)
        failing = [i for i in base.identities if not i.holds]
        if not failing:
            break
        suspects = sorted({cell for i in failing for cell in (i.whole, *i.parts)})
        good: list[tuple[int, int, str, tuple[Identity, ...]]] = []
        for r, c in suspects:
            text = grid[r][c]
            if is_dash(text) or amount_of(text, ocr=True) is None:
                continue
            for candidate in digit_candidates(text):
                evaluations += 1
                if evaluations > MAX_EVALUATIONS:
                    return grid, corrections
                grid[r][c] = candidate
                fixed = _improves(base, table_arithmetic(grid, ocr=True))
                grid[r][c] = text
                if fixed:
                    good.append((r, c, candidate, fixed))
        unique = [g for g in good
                  if not any(o is not g and {_key(i) for i in o[3]} & {_key(i) for i in g[3]} for o in good)]
        if not unique:
            break
        r, c, candidate, fixed = max(unique, key=lambda g: len(g[3]))
        corrections.append(DigitCorrection(r, c, grid[r][c], candidate, fixed))
        grid[r][c] = candidate
    return grid, corrections
