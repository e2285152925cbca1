"""The documents' own arithmetic over a grid (pipeline/vocabulary/arithmetic.py): 类 = Σ 款 = Σ 项,
合计 = Σ 类, row total = Σ its columns — with snippets in the layouts the seeds print."""
from __future__ import annotations

from pipeline.vocabulary.arithmetic import segments, table_arithmetic

EXPENDITURE = [  # 支出表: 合计 | 基本支出 | 项目支出, codes and names in one cell pair
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "300.00", "200.00", "100.00"],
    ["201", "一般公共服务支出", "300.00", "200.00", "100.00"],
    ["20103", "政府办公厅（室）及相关机构事务", "300.00", "200.00", "100.00"],
    ["2010301", "行政运行", "200.00", "200.00", ""],
    ["2010302", "一般行政管理事务", "100.00", "", "100.00"],
]


def _copy(rows):
    return [list(r) for r in rows]


def test_a_table_that_adds_up_verifies_every_amount():
    result = table_arithmetic(EXPENDITURE)
    kinds = {i.kind for i in result.identities}
    assert kinds == {"hierarchy", "total", "row_sum"}
    assert result.tested == result.held == 14
    assert result.confidence == 1.0
    amounts = {(r, c) for r, row in enumerate(EXPENDITURE) for c, t in enumerate(row) if "." in t}
    assert result.verified == amounts


def test_a_misread_digit_fails_the_identities_it_takes_part_in():
    rows = _copy(EXPENDITURE)
    rows[4][2] = "260.00"  # 行政运行 200.00 read as 260.00
    result = table_arithmetic(rows)
    failed = {(i.kind, i.whole) for i in result.identities if not i.holds}
    assert failed == {("hierarchy", (3, 2)), ("row_sum", (4, 2))}
    assert (4, 2) not in result.verified
    assert result.confidence < 1


def test_a_shifted_column_scores_lower_than_the_right_reading():
    shifted = _copy(EXPENDITURE)
    shifted[4] = ["2010301", "行政运行", "200.00", "", "200.00"]  # 基本 amount read into 项目
    assert table_arithmetic(shifted).score() < table_arithmetic(EXPENDITURE).score()


def test_codes_split_into_lei_kuan_xiang_columns_are_joined():
    rows = [["类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "", "", "合计", "300.00", "200.00", "100.00"],
            ["201", "", "", "一般公共服务支出", "300.00", "200.00", "100.00"],
            ["201", "03", "", "政府办公厅", "300.00", "200.00", "100.00"],
            ["201", "03", "01", "行政运行", "200.00", "200.00", ""],
            ["201", "03", "02", "一般行政管理事务", "100.00", "", "100.00"]]
    result = table_arithmetic(rows)
    assert {i.kind for i in result.identities} == {"hierarchy", "total", "row_sum"}
    assert result.tested == result.held == 14


def test_side_by_side_groups_are_summed_on_their_own():
    rows = [["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"],
            ["301", "工资福利支出", "100.00", "302", "商品和服务支出", "50.00"],
            ["30101", "基本工资", "60.00", "30201", "办公费", "20.00"],
            ["30102", "津贴补贴", "40.00", "30202", "印刷费", "30.00"]]
    assert segments(rows) == [(0, 3), (3, 6)]
    result = table_arithmetic(rows)
    assert result.tested == result.held == 2


def test_amounts_in_yuan_without_decimals_are_not_codes():
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["201", "一般公共服务支出", "30000", "20000", "10000"],
            ["20103", "政府办公厅（室）及相关机构事务", "30000", "20000", "10000"]]
    result = table_arithmetic(rows)
    assert result.tested == result.held == 5  # 3 hierarchy, 2 row sums


def test_the_column_number_row_tests_nothing_and_printed_zeros_are_tested():
    rows = [["项目", "合计", "基本支出", "项目支出"], ["栏次", "1", "2", "3"],
            ["合计", "0.00", "0.00", "0.00"], ["小计", "5.00", "3.00", "2.00"],
            ["其他", "4.00", "4.00", ""], ["备注", "", "", ""]]
    result = table_arithmetic(rows)
    assert result.tested == result.held == 3  # not the 栏次 row 1 | 2 | 3
    assert (1, 1) not in result.verified and (2, 1) in result.verified


def test_a_reading_that_tests_less_is_not_better_for_failing_less():
    good = table_arithmetic(EXPENDITURE)
    nothing = table_arithmetic([["科目名称", "合计"], ["一般公共服务支出", "300.00"]])
    misread = _copy(EXPENDITURE)
    misread[4][2] = "260.00"
    worse = table_arithmetic(misread)
    assert good.improves_on(worse) and not worse.improves_on(good)
    assert nothing.tested == 0 and not nothing.improves_on(worse)


def test_cells_of_side_by_side_amounts_count_against_a_reading():
    fused = table_arithmetic([["科目名称", "合计", "小计", "财政拨款"], ["办公费", "46.16", "46.16 46.16", ""]])
    parted = table_arithmetic([["科目名称", "合计", "小计", "财政拨款"], ["办公费", "46.16", "46.16", "46.16"]])
    assert fused.fused_cells == 1 and parted.fused_cells == 0
    assert parted.improves_on(fused) and not fused.improves_on(parted)


def test_a_reading_that_loses_amounts_is_not_better_for_failing_less():
    misread = _copy(EXPENDITURE)
    misread[4][2] = "260.00"  # one sum fails in the first reading …
    first = table_arithmetic(misread)
    shorter = table_arithmetic(EXPENDITURE[:4])  # … the other adds up, but lost two rows
    assert shorter.failed == 0 and shorter.amount_cells < first.amount_cells
    assert not shorter.improves_on(first)


def test_an_ocr_grid_counts_amounts_whose_decimal_point_ocr_lost():
    # 003 scanned at 200 dpi: the 项 printed 52.27 came out as '52:21' (point read as a colon, 7 as 1)
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["208", "社会保障和就业支出", "52.27", "52. 27"],
        ["20805", "行政事业单位养老支出", "52.27", "52. 27"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "52:21", "52 27"],
    ]
    printed = {(i.whole, i.holds) for i in table_arithmetic(rows).identities}
    assert ((2, 2), False) in printed  # as printed text, '52:21' is no amount: 52.27 vs 0
    ocr = {(i.whole, i.printed, i.summed, i.holds) for i in table_arithmetic(rows, ocr=True).identities}
    assert ((2, 2), 52.27, 52.21, False) in {(w, float(p), float(s), h) for w, p, s, h in ocr}
    assert all(i.holds for i in table_arithmetic(rows, ocr=True).identities if i.whole[1] == 3)  # '52 27' is 52.27
