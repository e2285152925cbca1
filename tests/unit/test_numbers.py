from decimal import Decimal

import pytest

from pipeline.vocabulary.numbers import parse_amount, to_yuan


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("166.54", Decimal("166.54")),  # 000: 收入决算表
        ("738. 05", Decimal("738.05")),  # 003: space after the point
        ("883. 50", Decimal("883.50")),  # 001
        ("0.00", Decimal("0.00")),  # printed zero is a zero
        ("0", Decimal("0")),
        ("96,282,213.44", Decimal("96282213.44")),  # thousands separators (元 tables)
        ("-12.30", Decimal("-12.30")),
        ("(12.30)", Decimal("-12.30")),
    ],
)
def test_printed_amounts_parse_exactly(printed, expected):
    assert parse_amount(printed) == expected
    assert str(parse_amount(printed)) == str(expected)  # scale kept as printed


@pytest.mark.parametrize("printed", ["", "   ", None, "-", "—", "－", "款", "883 50", "小计"])
def test_blank_dash_and_words_are_not_amounts(printed):
    assert parse_amount(printed) is None


def test_wan_yuan_converts_exactly():
    assert to_yuan(Decimal("166.54"), "万元") == Decimal("1665400.00")
    assert to_yuan(Decimal("87267272.44"), "元") == Decimal("87267272.44")
    assert to_yuan(Decimal("1.00"), None) is None


def test_amount_wrapped_onto_a_second_line_of_a_narrow_cell_is_joined():
    # 长春 预算表5 prints '1682.7⏎6' and '0.0⏎0' in narrow cells; 杭州 '114,185.1 1'
    assert parse_amount("1682.7\n6".replace("\n", " ")) == Decimal("1682.76")
    assert parse_amount("0.0 0") == Decimal("0.00")
    assert parse_amount("114,185.1 1") == Decimal("114185.11")
    # not a wrapped decimal amount: two numbers, or a gap without a decimal point
    assert parse_amount("12.00 3") is None
    assert parse_amount("1 2") is None
    assert parse_amount("52 27") is None
