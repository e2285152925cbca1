"""Tables without ruling lines read by text alignment (pipeline/extract/pdf/unruled.py).

The characters are laid out as a narrow layout prints them (measured on a generated
narrow PDF): 7.5 pt type, CJK characters 7.5 pt wide and digits 4.16 pt, the
characters of one word touching, and no padding between cells but a 1.5 pt gap on the
left of each, so neighbouring cell texts nearly touch.
"""
from __future__ import annotations

from pipeline.extract.pdf.geometry import Char
from pipeline.extract.pdf.lines import group_lines
from pipeline.extract.pdf.unruled import aligned_tables, line_words

H = 7.5  # type size
GAP = 1.5  # the left padding of each cell: the gap between neighbouring cell texts


def _width(ch: str) -> float:
    return 4.16 if ch.isascii() else H


def _text(text: str, x: float, top: float) -> list[Char]:
    chars = []
    for ch in text:
        chars.append(Char(ch, x, top, x + _width(ch), top + H))
        x += _width(ch)
    return chars


def _layout(rows: list[list[str]], edges: list[float], header_rows: int) -> list[Char]:
    """Cells between column `edges`: header texts centred, amounts right-aligned, labels left-aligned
    after the gap; a row every 12 pt."""
    chars = []
    for r, row in enumerate(rows):
        top = 100 + 12 * r
        for c, text in enumerate(row):
            if not text:
                continue
            left, right = edges[c] + GAP, edges[c + 1]
            width = sum(_width(ch) for ch in text)
            if r < header_rows:
                x = (left + right - width) / 2
            elif text[0].isdigit() and "." in text:
                x = right - width
            else:
                x = left
            chars += _text(text, x, top)
    return chars


def _grid(chars: list[Char]) -> list[list[str]]:
    tables = aligned_tables(group_lines(chars), [])
    assert len(tables) == 1
    return [[c.text for c in row] for row in tables[0].rows]


def test_cells_of_a_narrow_layout_are_parted_at_the_small_gaps_between_them():
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["204", "公共安全支出", "87267272.44", "16726725.44", "70540547.00"],
        ["20406", "司法", "87267272.44", "16726725.44", "70540547.00"],
        ["2040601", "行政运行", "16726725.44", "16726725.44", "0.00"],
        ["2040604", "基层司法业务", "21703947.00", "0.00", "21703947.00"],
        ["合计", "", "96282213.44", "25741666.44", "70540547.00"],
    ]
    # each amount column just as wide as its widest amount plus the gap: amounts nearly touch
    chars = _layout(rows, [40, 75, 125, 172.25, 219.5, 266.75], header_rows=1)
    assert _grid(chars) == rows


def test_an_amount_and_the_label_of_the_next_column_that_nearly_touch_are_two_cells():
    rows = [
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "411.91", "一、公共安全支出", "300.00"],
        ["二、事业收入", "0.00", "二、卫生健康支出", "111.91"],
        ["收入总计", "411.91", "支出总计", "411.91"],
    ]
    edges = [40, 101.5, 130.5, 192.0, 221.0]  # '411.91' ends 1.5 pt before '一、公共安全支出' starts
    chars = _layout(rows, edges, header_rows=1)
    words = [w.text for w in line_words(group_lines(chars)[1])[0]]
    assert words == ["一、财政拨款收入", "411.91", "一、公共安全支出", "300.00"]
    assert _grid(chars) == rows


def test_justified_prose_is_not_cut_at_its_small_gaps():
    chars = []
    x = 40.0
    for ch in "本部门2026年收入预算合计411.91万元，比上年增加。":
        chars.append(Char(ch, x, 100, x + _width(ch), 100 + H))
        x += _width(ch) + 1.5  # justified: every character 1.5 pt apart
    words, kind = line_words(group_lines(chars)[0])
    assert kind == "prose" and len(words) == 1


def test_an_amount_printed_with_a_space_after_its_point_stays_one_word():
    chars = _text("30113", 40, 100) + _text("住房公积金", 70, 100) + _text("26.", 160, 100) \
        + _text("14", 160 + 3 * 4.16 + 2.0, 100) + _text("26.14", 200, 100)
    words, kind = line_words(group_lines(chars)[0])
    assert kind == "row" and [w.text for w in words] == ["30113", "住房公积金", "26. 14", "26.14"]


def test_a_header_line_of_labels_that_nearly_touch_is_not_prose():
    labels = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    chars, x = [], 40.0
    for label in labels:
        chars += _text(label, x, 100)
        x += len(label) * H + 2.0
    words, kind = line_words(group_lines(chars)[0])
    assert kind == "cells" and [w.text for w in words] == labels


def test_the_total_label_in_the_gap_left_of_its_amounts_labels_them():
    # a 基本支出表 page whose rows all leave 人员经费 blank (characters as placed on the page): the
    # 合计 label, printed at the left of its cell, sits in the open gap left of the right-aligned
    # 合计 amounts, under a header line that prints one stray number (an OCR'd 序号)
    placed = [
        [("序号", 43), ("支出部门经济分类科目", 65), ("一般公共预算基本支出", 229)],
        [("12.4", 43.5), ("科目编码", 65), ("科目名称", 151), ("合计", 229), ("人员经费", 315), ("公用经费", 353)],
        [("栏次", 43), ("1", 65), ("2", 151), ("3", 229), ("4", 315), ("5", 353)],
        [("20", 43), ("30217", 65), ("公务接待费", 151), ("1.20", 292.4), ("1.20", 368.4)],
        [("21", 43), ("30231", 65), ("公务用车运行维护费", 151), ("3.20", 292.4), ("3.20", 368.4)],
        [("22", 43), ("30239", 65), ("其他交通费用", 151), ("11.82", 288.2), ("11.82", 364.2)],
    ]
    chars = [ch for r, row in enumerate(placed) for text, x in row for ch in _text(text, x, 100 + 12 * r)]
    grid = _grid(chars)
    assert grid[1] == ["12.4", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]
    assert grid[3:] == [["20", "30217", "公务接待费", "1.20", "", "1.20"],
                        ["21", "30231", "公务用车运行维护费", "3.20", "", "3.20"],
                        ["22", "30239", "其他交通费用", "11.82", "", "11.82"]]


def test_header_labels_beside_one_stray_number_are_a_header_line():
    chars = _text("12.4", 43, 100)
    for text, x in [("科目编码", 65), ("科目名称", 151), ("合计", 229), ("人员经费", 315), ("公用经费", 353)]:
        chars += _text(text, x, 100)
    assert line_words(group_lines(chars)[0])[1] == "cells"


def test_code_rows_with_blank_amounts_at_the_end_of_a_table_stay_in_it():
    edges = [40, 110, 230, 270, 340, 460, 500]
    rows = [
        ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
        ["30101", "基本工资", "80.00", "30201", "办公费", "1.00"],
        ["30102", "津贴补贴", "20.00", "30226", "劳务费", "138.30"],
        ["30310", "个人农业生产补贴", "", "30231", "公务用车运行维护费", ""],
        ["30399", "其他对个人和家庭的补助", "", "30240", "税金及附加费用", ""],
    ]
    assert _grid(_layout(rows, edges, header_rows=1)) == rows


def test_a_header_label_and_the_column_number_printed_right_after_it_are_one_column():
    # ``上年结转 12`` printed 2 pt apart over the right-aligned amounts of the last column: the
    # small gap between the label and its number does not make a column of its own
    placed = [
        [("科目名称", 80), ("合计", 200), ("上年结转", 280), ("12", 280 + 4 * H + 2.0)],
        [("一般公共服务支出", 80), ("419.39", 222), ("19.40", 319.3)],
        [("政务公开审批", 80), ("419.39", 222), ("19.40", 319.3)],
        [("合计", 80), ("738.05", 222), ("30.74", 319.3)],
    ]
    chars = [ch for r, row in enumerate(placed) for text, x in row for ch in _text(text, x, 100 + 12 * r)]
    assert _grid(chars) == [["科目名称", "合计", "上年结转 12"], ["一般公共服务支出", "419.39", "19.40"],
                            ["政务公开审批", "419.39", "19.40"], ["合计", "738.05", "30.74"]]


def test_a_header_line_of_short_labels_that_run_together_is_not_prose():
    # 类 款 科目名称 … then 总计 小计 其中：财政拨款基金国有资本 … printed with no gap between the
    # amount-column labels: as one word it is longer than a sentence's run of characters
    chars = _text("类", 40, 100) + _text("款", 70, 100) + _text("科目名称", 100, 100) \
        + _text("类", 180, 100) + _text("款", 200, 100) + _text("科目名称", 220, 100)
    x = 300.0
    for label in ["总计", "小计", "其中:", "财政拨款", "基金", "国有资本", "经营预算", "管理资金", "收入",
                  "事业收入", "助", "收入", "附属单位", "上缴收入", "位", "经营收", "入", "其他收入"]:
        chars += _text(label, x, 100)
        x += sum(_width(ch) for ch in label) + 1.0
    words, kind = line_words(group_lines(chars)[0])
    assert kind == "cells"
    assert [w.text for w in words][:8] == ["类", "款", "科目名称", "类", "款", "科目名称", "总计", "小计"]


def test_a_line_of_justified_prose_naming_column_labels_stays_prose():
    chars, x = [], 40.0
    for ch in "支出按经济分类科目的类款项列示合计总计小计均按预算数填列，以万元为单位":
        chars.append(Char(ch, x, 100, x + _width(ch), 100 + H))
        x += _width(ch) + 1.5
    words, kind = line_words(group_lines(chars)[0])
    assert kind == "prose" and len(words) == 1


def test_rows_on_another_grid_right_under_a_table_are_a_table_of_their_own():
    # the last rows of a table continued right under it with other column widths (a continuation
    # laid out afresh): its amounts right-align with none of the first grid's
    first = _layout([
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["30101", "基本工资", "164.82", "164.82", "0.00"],
        ["30102", "津贴补贴", "50.39", "50.39", "0.00"],
    ], [40, 80, 160, 200, 240, 280], header_rows=1)
    second = [Char(c.text, c.x0, c.top + 36, c.x1, c.bottom + 36) for c in _layout([
        ["30103", "奖金", "89.26", "89.26", "0.00"],
        ["30107", "绩效工资", "60.56", "60.56", "0.00"],
    ], [40, 70, 130, 175, 220, 265], header_rows=0)]
    tables = aligned_tables(group_lines(first + second), [])
    assert [len(t.rows) for t in tables] == [3, 2]
    assert [c.text for c in tables[1].rows[0]] == ["30103", "奖金", "89.26", "89.26", "0.00"]


def test_rows_whose_amounts_share_a_column_stay_one_table():
    # rows printing amounts in different columns still share their total column: one grid
    chars = _layout([
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["30101", "基本工资", "164.82", "164.82", ""],
        ["30227", "委托业务费", "99.80", "", "99.80"],
        ["30201", "办公费", "46.16", "20.00", "26.16"],
    ], [40, 80, 160, 200, 240, 280], header_rows=1)
    assert len(_grid(chars)) == 4
