"""OCR digit candidates chosen by the table's own arithmetic (pipeline/extract/ocr_digits.py)."""
from __future__ import annotations

from pipeline.extract.ocr_digits import correct_digits, digit_candidates
from pipeline.extract.pdf.page import correct_ocr_digits
from pipeline.model import Block, Cell

# The 支出决算表 of the Shanghai 2024 决算 (万元), as printed: 类 201 = 款 20139 = Σ 项,
# 合计 = Σ 类, and 合计 = 基本支出 + 项目支出 in every row.
PRINTED = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "307.82", "105.58", "202.24"],
    ["201", "一般公共服务支出", "264.87", "62.63", "202.24"],
    ["20139", "社会工作事务", "264.87", "62.63", "202.24"],
    ["2013901", "行政运行", "51.32", "51.32", ""],
    ["2013950", "事业运行", "11.31", "11.31", ""],
    ["2013999", "其他社会工作事务支出", "202.24", "", "202.24"],
    ["221", "住房保障支出", "42.95", "42.95", ""],
    ["22102", "住房改革支出", "42.95", "42.95", ""],
    ["2210201", "住房公积金", "42.95", "42.95", ""],
]


def _with(rows, row, col, text):
    out = [list(r) for r in rows]
    out[row][col] = text
    return out


def test_candidates_differ_in_one_commonly_confused_digit():
    # 0 → 6/8, 8 → 0/6/3, 7 → 1; 2 and 4 have no usual look-alike
    assert set(digit_candidates("204.87")) == {"264.87", "284.87", "204.07", "204.67", "204.37", "204.81"}
    assert digit_candidates("-") == [] and digit_candidates("合计") == []


def test_a_misread_digit_is_corrected_by_the_sums_it_breaks():
    misread = _with(PRINTED, 2, 2, "204.87")  # 264.87 read as 204.87 (6 → 0)
    grid, corrections = correct_digits(misread)
    assert grid == PRINTED
    assert len(corrections) == 1
    fix = corrections[0]
    assert (fix.row, fix.col, fix.read, fix.corrected) == (2, 2, "204.87", "264.87")
    assert {i.kind for i in fix.fixed} >= {"hierarchy", "total"}
    assert "'204.87'" in fix.reason and "'264.87'" in fix.reason and "only such reading" in fix.reason
    assert misread[2][2] == "204.87"  # pure: the input grid is not modified


def test_an_ambiguous_misreading_is_left_as_read():
    # a 类 with a single 款 and nothing else to tell which of the two OCR misread:
    # 264.87 → 204.87 (the 类) and 204.87 → 264.87 (the 款) each make it add up
    rows = [
        ["科目编码", "科目名称", "金额"],
        ["201", "一般公共服务支出", "204.87"],
        ["20139", "社会工作事务", "264.87"],
    ]
    grid, corrections = correct_digits(rows)
    assert grid == rows and corrections == []


def test_a_table_that_adds_up_is_unchanged():
    grid, corrections = correct_digits(PRINTED)
    assert grid == PRINTED and corrections == []


def test_a_misreading_no_usual_confusion_explains_is_left_as_read():
    rows = _with(PRINTED, 2, 2, "254.87")  # the 类 read 6 → 5: a usual confusion, corrected
    rows = _with(rows, 4, 2, "91.32")  # a 项 read 5 → 9: not one, so it stays as read (and its sums keep failing)
    grid, corrections = correct_digits(rows)
    assert [(c.row, c.col, c.read, c.corrected) for c in corrections] == [(2, 2, "254.87", "264.87")]
    assert grid[4][2] == "91.32"


def test_the_reader_corrects_an_ocr_table_block_and_says_so():
    misread = _with(PRINTED, 2, 2, "204.87")
    block = Block("table", page=9, index=3, rows=[[Cell(t) for t in row] for row in misread], is_ocr=True)
    issues = correct_ocr_digits(block)
    assert block.row_texts() == PRINTED and block.is_ocr
    assert [(i.issue_code, i.severity, i.page) for i in issues] == [("ocr_digit_corrected", "info", 9)]
    assert "204.87 → 264.87" in issues[0].detail


def test_a_digit_is_corrected_in_an_amount_whose_decimal_point_ocr_misread():
    rows = [
        ["科目编码", "科目名称", "合计"],
        ["208", "社会保障和就业支出", "52.27"],
        ["20805", "行政事业单位养老支出", "52.27"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "52:21"],  # 52.27: point read as a colon, 7 as 1
    ]
    grid, corrections = correct_digits(rows)
    assert [(c.row, c.col, c.read, c.corrected) for c in corrections] == [(3, 2, "52:21", "52:27")]
    assert grid[3][2] == "52:27"  # the parser reads the lost point as before: 52.27


def test_an_amount_read_with_a_third_decimal_is_read_without_it_where_the_sums_say_so():
    # OCR saw one glyph twice: 51.32 read as 51.302 breaks 项 → 款 and the row sum
    misread = _with(PRINTED, 4, 3, "51.302")
    assert {"51.02", "51.32", "51.30"} <= set(digit_candidates("51.302"))
    grid, corrections = correct_digits(misread)
    assert grid[4][3] == "51.32"
    assert "third decimal" in corrections[0].reason


def test_two_decimals_give_no_candidates_without_a_digit():
    assert all(len(c) == len("204.87") for c in digit_candidates("204.87"))
