"""Printed amounts → exact Decimals.

Rules (each tested in tests/unit/test_numbers.py with snippets from the seeds):
- an amount is parsed from the printed string, never through float;
- OCR/extraction spaces around the decimal point are tolerated: ``738. 05`` → 738.05;
- thousands separators are removed: ``1,234.56`` → 1234.56;
- a blank cell is *absent* (None), a printed ``0.00`` or ``0`` is zero;
- a dash (``-``, ``—``, ``－``) is not a number: absent;
- negatives may be printed ``-12.30`` or ``(12.30)``.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DASHES = {"-", "—", "–", "－", "——", "--", "/", "\\", "…"}
_AMOUNT = re.compile(r"^(?P<neg>[-−－]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")
_SPACED_POINT = re.compile(r"(\d)\s*\.\s*(\d)")


def normalize_amount_text(text: str | None) -> str:
    """Printed cell text with the spacing quirks of extraction removed."""
    if text is None:
        return ""
    t = text.strip().replace("，", ",").replace("．", ".").replace("。", ".")
    t = _SPACED_POINT.sub(r"\1.\2", t)
    t = re.sub(r"(?<=\d)\s*,\s*(?=\d{3}\b)", ",", t)
    return t.strip()


def is_blank(text: str | None) -> bool:
    """True for a missing or whitespace-only cell (an absent amount)."""
    return text is None or text.strip() == ""


def is_dash(text: str | None) -> bool:
    """True for a cell holding only a dash, slash or ellipsis (an absent amount, not zero)."""
    return text is not None and text.strip() in DASHES


def parse_amount(text: str | None) -> Decimal | None:
    """The printed amount as an exact Decimal; None when blank, a dash, or not a number."""
    if text is None:
        return None
    negative = False
    m = _AMOUNT.match(text)  # most cells print a clean amount, which normalizing leaves as it is
    if m is None:
        if is_blank(text) or is_dash(text):
            return None
        t = normalize_amount_text(text)
        if t.startswith("(") and t.endswith(")"):
            t, negative = t[1:-1].strip(), True
        m = _AMOUNT.match(t) or _AMOUNT.match(_unwrapped(t))
        if not m:
            return None
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None
    if m.group("neg") or negative:
        value = -value
    return value


_WRAP = re.compile(r"^[-−－]?[\d,.]*\d\s+\d[\d,.]*$")


def _unwrapped(text: str) -> str:
    """An amount wrapped onto a second line of a narrow cell, joined again: '1682.7⏎6' → '1682.76',
    '114,185.1 1' → '114,185.11'. Only a printed decimal amount (one decimal point) broken once,
    whose join shows at most two decimals; '52 27' (no point) and '12.00 3' are left as they are."""
    if not _WRAP.match(text) or text.count(".") != 1:
        return text
    joined = re.sub(r"\s+", "", text)
    return joined if len(joined.rsplit(".", 1)[1]) <= 2 else text


_LOST_DECIMAL_POINT = re.compile(r"^(?P<int>-?\d[\d,]*)\s*(?:[:：;；]|\.\.|\s)\s*(?P<frac>\d{2})$")


def parse_ocr_amount(text: str | None) -> Decimal | None:
    """An amount OCR read: as printed, or with the decimal point OCR lost or doubled
    ('52 27', '52:21', '12..15' → 52.27, 52.21, 12.15: two digits after a gap, a colon or
    two dots are the cents of a table printed to two decimals)."""
    amount = parse_amount(text)
    if amount is None and text:
        m = _LOST_DECIMAL_POINT.match(text.strip())
        if m:
            amount = parse_amount(f"{m.group('int')}.{m.group('frac')}")
    return amount


def fits_amount_column(amount: Decimal) -> bool:
    """The amount can be stored exactly as DECIMAL(18,2) (the contract's `amount`): at
    most two decimal places and sixteen integer digits. A printed 12.3456 or an OCR
    misreading like 2.715 cannot, and is reported rather than rounded."""
    exponent = amount.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -2 and amount.adjusted() < 16


def looks_numeric(text: str | None) -> bool:
    """True when the cell holds a number (amount, code, row number)."""
    return parse_amount(text) is not None


UNIT_FACTOR = {"万元": Decimal(10000), "元": Decimal(1)}


def to_yuan(amount: Decimal, unit: str | None) -> Decimal | None:
    """Exact conversion to yuan; None when the unit is unknown."""
    if unit not in UNIT_FACTOR:
        return None
    return (amount * UNIT_FACTOR[unit]).quantize(Decimal("0.01"))
