"""万元 tables printed to more than two decimals, read exactly in 元.

Some producers print a 万元 table to six decimals, every amount of it
(Beijing's 预算报表: ``5,131.706333``, ``0.500000``): the figures are kept to the
元 and fen, shown in 万元. The contract's ``amount`` is DECIMAL(18,2), which cannot
hold 5,131.706333; but a 万元 amount with at most six decimals is exactly an amount
in 元 with at most two (5,131.706333 万元 = 51,317,063.33 元). Such a table is
therefore read in 元: every amount of it multiplied by 10,000 (Decimal, exact),
its unit and its items' unit ``元``, the printed text kept in ``amount_text``, and
an info issue says so.

The rule is about the table, not the cell: it applies when most of the table's
printed decimal amounts carry three to six decimals. A lone ``166.545`` among
two-decimal amounts is a misreading, not a finer table: it is reported
(``amount_precision``) and not loaded, as before.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import LineItem, ParsedTable
from ..vocabulary.numbers import fits_amount_column, normalize_amount_text

WAN = Decimal(10000)
_CENT = Decimal("0.01")


def in_yuan_exactly(amount: Decimal) -> Decimal | None:
    """A 万元 amount as an exact 元 amount with two decimals, None when it has more
    than six decimals (or would not fit DECIMAL(18,2))."""
    yuan = amount * WAN
    cents = yuan.quantize(_CENT)
    if cents != yuan or not fits_amount_column(cents):
        return None
    return cents


def printed_decimals(text: str) -> int:
    """How many decimals a printed amount shows ('5,131.706333' → 6, '12' → 0)."""
    t = normalize_amount_text(text).strip("()")
    return len(t.rsplit(".", 1)[1]) if "." in t else 0


def could_be_fine(amount: Decimal, unit: str | None, is_ocr: bool) -> bool:
    """True for an amount that does not fit DECIMAL(18,2) as printed but would, read in 元
    (a digital 万元 table only: in a scan, extra decimals are a misreading)."""
    return unit == "万元" and not is_ocr and not fits_amount_column(amount) \
        and in_yuan_exactly(amount) is not None


@dataclass
class FineTableDecision:
    """What :func:`settle_fine_tables` decided for a table holding finer-than-cent amounts."""

    table_index: int
    converted: bool  # True: read in 元; False: its finer amounts are misreadings
    fine_count: int  # amounts printed with 3–6 decimals
    plain_count: int  # amounts printed with 1–2 decimals


def settle_fine_tables(tables: list[ParsedTable], items: list[LineItem]) -> tuple[list[LineItem],
                                                                                   list[FineTableDecision],
                                                                                   list[LineItem]]:
    """Read in 元 the 万元 tables whose amounts are mostly printed with 3–6 decimals.

    `items` may hold amounts that do not fit DECIMAL(18,2) (kept by the reader
    because :func:`could_be_fine`). Returns (the items to keep, one decision per table
    that had such amounts, the items that were dropped because their table is not a
    finer one — to be reported as ``amount_precision``).
    """
    by_table: dict[int, list[LineItem]] = {}
    for item in items:
        by_table.setdefault(item.table_index, []).append(item)
    decisions: list[FineTableDecision] = []
    dropped: list[LineItem] = []
    drop_ids: set[int] = set()
    for index, table_items in by_table.items():
        if not any(not fits_amount_column(i.amount) for i in table_items):
            continue
        fine = sum(1 for i in table_items if printed_decimals(i.amount_text) > 2)
        plain = sum(1 for i in table_items if 0 < printed_decimals(i.amount_text) <= 2)
        convert = fine > plain
        decisions.append(FineTableDecision(index, convert, fine, plain))
        if convert:
            for item in table_items:
                yuan = in_yuan_exactly(item.amount)
                if yuan is None:  # not expected: the reader keeps only amounts that convert
                    dropped.append(item)
                    drop_ids.add(id(item))
                    continue
                item.amount = yuan
                item.unit = "元"
            table = next((t for t in tables if t.table_index == index), None)
            if table is not None:
                table.unit = "元"
        else:
            for item in table_items:
                if not fits_amount_column(item.amount):
                    dropped.append(item)
                    drop_ids.add(id(item))
    kept = [i for i in items if id(i) not in drop_ids]
    return kept, decisions, dropped
