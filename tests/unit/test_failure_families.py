"""Failure families seen on documents we do not hold, on synthetic grids.

Each test builds the grid of cell texts the way a PDF reader delivers it (one
list of cell texts per grid row, one Block per page) for a family of layouts —
never for one document — and asserts the line items the contract asks for.
"""
from decimal import Decimal

from pipeline.model import Block, Cell
from pipeline.parse.line_items import parse_document


def _table(page: int, index: int, rows: list[list[str]]) -> Block:
    return Block("table", page, index, rows=[[Cell(t) for t in row] for row in rows])


def _text(page: int, index: int, *lines: str) -> Block:
    return Block("text", page, index, lines=list(lines))


def _facts(result, table_type=None):
    return {
        (result.tables[i.table_index].table_type, i.row_key, i.measure, i.amount)
        for i in result.items
        if table_type is None or result.tables[i.table_index].table_type == table_type
    }


def _keyed(result, row_key):
    return sorted((i.measure, i.amount) for i in result.items if i.row_key == row_key)


# --- 1. the 合计 label fused with the label column's header -------------------------------


def test_total_label_fused_into_the_label_header_cell_starts_the_body():
    # a ruled table whose 科目名称 cell spans the header row and the 合计 row (no rule
    # between them): the reader keeps the merged text in the header row, the 合计 row's
    # amounts follow on a row without a label
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [
            ["科目编码", "科目名称合计", "合计", "基本支出", "项目支出"],
            ["", "", "716.40", "291.73", "424.67"],
            ["201", "一般公共服务支出", "657.15", "232.48", "424.67"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("291.73")), ("project", Decimal("424.67")), ("total", Decimal("716.40"))]
    assert ("expenditure", "201", "basic", Decimal("232.48")) in _facts(result)
    total = next(i for i in result.items if i.row_key == "TOTAL")
    assert total.row_kind == "total" and total.account_name == "合计"
    assert not any("716.40" in h for h in result.items[0].column_header)


def test_total_label_fused_with_the_label_header_in_the_total_row():
    # the same fusion on the other row: the 合计 row's label cell reads '功能分类科目名称 合计'
    # (an unruled table whose header line and 合计 line were read as one cell)
    blocks = [
        _text(1, 0, "收入决算表", "单位：万元"),
        _table(1, 1, [
            ["功能分类科目编码", "", "本年收入合计", "财政拨款收入", "其他收入"],
            ["", "功能分类科目名称 合计", "166.54", "160.00", "6.54"],
            ["201", "一般公共服务支出", "166.54", "160.00", "6.54"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("fiscal_appropriation", Decimal("160.00")), ("other", Decimal("6.54")), ("total", Decimal("166.54"))]
    assert ("income", "201", "other", Decimal("6.54")) in _facts(result)


def test_project_total_fused_label():
    # '项目合计' in the first column (项目 is the label column's header)
    blocks = [
        _text(1, 0, "一般公共预算财政拨款支出决算表", "单位：万元"),
        _table(1, 1, [
            ["项目合计", "", "本年支出", "", ""],
            ["科目编码", "科目名称", "小计", "基本支出", "项目支出"],
            ["", "", "100.00", "60.00", "40.00"],
            ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("60.00")), ("project", Decimal("40.00")), ("total", Decimal("100.00"))]


def test_a_measure_header_ending_in_heji_is_not_a_total_label():
    # 本年收入合计 is a column header, not a fused 合计 row label: no TOTAL from the header row
    blocks = [
        _text(1, 0, "收入决算表", "单位：万元"),
        _table(1, 1, [
            ["科目编码", "科目名称", "本年收入合计", "财政拨款收入"],
            ["201", "一般公共服务支出", "10.00", "10.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == []
    assert ("income", "201", "total", Decimal("10.00")) in _facts(result)


# --- 2. side-by-side 人员经费 | 公用经费 groups in the basic-expenditure table ----------------


def test_side_by_side_groups_with_codes_in_the_name_cells_pair_each_amount_with_its_group():
    # 人员经费 | 公用经费 as two column groups, each '科目名称 | 金额' with the code printed in the
    # name cell: the right half's amounts belong to the right half's codes
    blocks = [
        _text(1, 0, "一般公共预算基本支出表", "单位：万元"),
        _table(1, 1, [
            ["人员经费", "", "公用经费", ""],
            ["科目名称", "金额", "科目名称", "金额"],
            ["301 工资福利支出", "189.54", "302 商品和服务支出", "192.09"],
            ["30101 基本工资", "106.89", "30201 办公费", "4.94"],
            ["303 对个人和家庭的补助", "1.85", "310 资本性支出", "0.00"],
            ["", "", "31002 办公设备购置", "0.00"],
            ["人员经费合计", "191.39", "公用经费合计", "192.09"],
        ]),
    ]
    result = parse_document(blocks, None)
    facts = _facts(result)
    assert ("general_basic_expenditure", "30101", "total", Decimal("106.89")) in facts
    assert ("general_basic_expenditure", "30201", "total", Decimal("4.94")) in facts
    assert ("general_basic_expenditure", "310", "total", Decimal("0.00")) in facts
    assert ("general_basic_expenditure", "31002", "total", Decimal("0.00")) in facts
    assert _keyed(result, "30101") == [("total", Decimal("106.89"))]  # not 4.94 as well
    assert _keyed(result, "303") == [("total", Decimal("1.85"))]
    assert _keyed(result, "TOTAL_PERSONNEL") == [("total", Decimal("191.39"))]
    assert _keyed(result, "TOTAL_PUBLIC_USE") == [("total", Decimal("192.09"))]
    names = {i.row_key: i.account_name for i in result.items}
    assert names["30201"] == "办公费" and names["303"] == "对个人和家庭的补助"


def test_side_by_side_groups_with_separate_code_columns_and_uneven_halves():
    # codes 301/303 on the left half, 302/310 on the right half, the halves of unequal length
    blocks = [
        _text(1, 0, "一般公共预算财政拨款基本支出预算表", "单位：万元"),
        _table(1, 1, [
            ["人员经费", "", "", "公用经费", "", ""],
            ["经济科目编码", "经济科目名称", "预算数", "经济科目编码", "经济科目名称", "预算数"],
            ["301", "工资福利支出", "80.00", "302", "商品和服务支出", "20.00"],
            ["30101", "基本工资", "50.00", "30201", "办公费", "5.00"],
            ["30102", "津贴补贴", "30.00", "30299", "其他商品和服务支出", "15.00"],
            ["303", "对个人和家庭的补助", "2.00", "310", "资本性支出", "1.00"],
            ["30305", "生活补助", "2.00", "", "", ""],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "30102") == [("total", Decimal("30.00"))]
    assert _keyed(result, "30299") == [("total", Decimal("15.00"))]
    assert _keyed(result, "310") == [("total", Decimal("1.00"))]
    assert _keyed(result, "30305") == [("total", Decimal("2.00"))]
    assert not any(i.row_key is None and i.amount == Decimal("5.00") for i in result.items)


def test_personnel_and_public_use_as_the_amount_headers_of_two_groups():
    # one header row: 经济分类科目 | 人员经费 | 经济分类科目 | 公用经费, codes in the name cells
    blocks = [
        _text(1, 0, "一般公共预算基本支出表", "单位：万元"),
        _table(1, 1, [
            ["经济分类科目", "人员经费", "经济分类科目", "公用经费"],
            ["30101基本工资", "50.00", "30201办公费", "5.00"],
            ["30301离休费", "2.00", "31002办公设备购置", "1.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "30101") == [("personnel", Decimal("50.00"))]
    assert _keyed(result, "30201") == [("public_use", Decimal("5.00"))]
    assert _keyed(result, "30301") == [("personnel", Decimal("2.00"))]
    assert _keyed(result, "31002") == [("public_use", Decimal("1.00"))]


def test_a_label_column_after_a_count_column_does_not_start_a_group():
    # a procurement-style table: functional code | 数量 | economic code | 预算金额 is one group
    from pipeline.parse.grids import build_header

    header = build_header([
        ["科目编码", "", "采购项目", "数量", "经济科目编码", "", "预算金额"],
        ["类", "款", "", "", "类", "款", ""],
    ], 7)
    assert [(g.start, g.end) for g in header.groups] == [(0, 7)]
    twice = build_header([["科目名称", "金额", "科目名称", "金额"]], 4)
    assert [(g.start, g.end) for g in twice.groups] == [(0, 2), (2, 4)]


def test_summary_halves_with_differently_named_label_columns_keep_their_sides():
    # 收入 项目名称 | 金额 | 支出 支出用途/项目名称 | 金额: the right half's amounts are expenditure
    blocks = [
        _text(1, 0, "财政拨款收支总表", "单位：万元"),
        _table(1, 1, [
            ["收入", "", "支出", ""],
            ["项目名称", "金额", "支出用途", ""],
            ["", "", "项目名称", "金额"],
            ["一、一般公共预算", "300.00", "一、基本支出", "200.00"],
            ["二、政府性基金预算", "", "二、项目支出", "100.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    sides = {(i.row_label, i.amount): i.side for i in result.items}
    assert sides == {("一、一般公共预算", Decimal("300.00")): "income",
                     ("一、基本支出", Decimal("200.00")): "expenditure",
                     ("二、项目支出", Decimal("100.00")): "expenditure"}


# --- 3. 元 with and without thousands separators; a 万元 table in a 元 document ------------


def test_amounts_with_and_without_thousands_separators_and_a_table_with_its_own_unit():
    blocks = [
        _text(1, 0, "支出决算表", "单位：元"),
        _table(1, 1, [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", "1,234,567.89", "1234567.89", "0.00"],
            ["201", "一般公共服务支出", "1234567.89", "1,234,567.89", ""],
        ]),
        _text(2, 2, "一般公共预算财政拨款支出决算表", "单位：万元"),
        _table(2, 3, [
            ["科目编码", "科目名称", "合计"],
            ["201", "一般公共服务支出", "123.46"],
        ]),
        _text(3, 4, "政府性基金预算财政拨款收入支出决算表"),
        _table(3, 5, [
            ["科目编码", "科目名称", "合计"],
            ["229", "其他支出", "12,000.00"],
        ]),
    ]
    result = parse_document(blocks, "元")
    assert _keyed(result, "TOTAL") == [("basic", Decimal("1234567.89")), ("project", Decimal("0.00")),
                                       ("total", Decimal("1234567.89"))]
    by_table = {(result.tables[i.table_index].table_type, i.row_key, i.measure): (i.amount, i.unit)
                for i in result.items}
    assert by_table[("expenditure", "201", "basic")] == (Decimal("1234567.89"), "元")
    assert by_table[("expenditure", "201", "total")] == (Decimal("1234567.89"), "元")
    assert by_table[("general_expenditure", "201", "total")] == (Decimal("123.46"), "万元")
    # the table after the 万元 one has no 单位 line of its own: the document's unit
    assert by_table[("fund_expenditure", "229", "total")] == (Decimal("12000.00"), "元")


def test_a_unit_line_inside_the_grid_beats_the_document_unit():
    blocks = [
        _text(1, 0, "部门支出总表"),
        _table(1, 1, [
            ["", "", "单位：万元"],
            ["科目编码", "科目名称", "合计"],
            ["201", "一般公共服务支出", "1,023.50"],
        ]),
    ]
    result = parse_document(blocks, "元")
    assert [(i.amount, i.unit) for i in result.items] == [(Decimal("1023.50"), "万元")]


# --- 4. a 合计 row reprinted under the header of every continuation page ------------------

_HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def test_total_reprinted_on_each_continuation_page_is_one_total():
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [_HEADER, ["", "合计", "300.00", "200.00", "100.00"],
                      ["201", "一般公共服务支出", "100.00", "100.00", ""]]),
        _table(2, 2, [_HEADER, ["", "合计", "300.00", "200.00", "100.00"],
                      ["205", "教育支出", "100.00", "", "100.00"]]),
        _table(3, 3, [["", "合计", "300.00", "200.00", "100.00"],  # no header repeated
                      ["208", "社会保障和就业支出", "100.00", "100.00", ""]]),
    ]
    result = parse_document(blocks, None)
    assert len(result.tables) == 1
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("200.00")), ("project", Decimal("100.00")), ("total", Decimal("300.00"))]
    assert {i.page for i in result.items if i.row_key == "TOTAL"} == {1}
    assert {i.row_key for i in result.items} == {"TOTAL", "201", "205", "208"}
    assert not [i for i in result.issues if i.severity != "info"]


def test_a_reprinted_total_that_differs_is_an_issue_not_a_second_fact():
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [_HEADER, ["", "合计", "300.00", "200.00", "100.00"],
                      ["201", "一般公共服务支出", "100.00", "100.00", ""]]),
        _table(2, 2, [_HEADER, ["", "合计", "310.00", "200.00", "110.00"],
                      ["205", "教育支出", "100.00", "", "100.00"]]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("200.00")), ("project", Decimal("100.00")), ("total", Decimal("300.00"))]
    issues = [i for i in result.issues if i.issue_code == "reprinted_total_differs"]
    assert len(issues) == 1 and issues[0].page == 2 and issues[0].severity == "warning"
    assert "310.00" in issues[0].reason


def test_title_header_and_total_repeated_on_the_next_page_continue_the_table():
    # a spreadsheet printed with its title, 单位 line, header and 合计 rows repeated on every page
    page2 = [_HEADER, ["", "合计", "300.00", "200.00", "100.00"], ["205", "教育支出", "100.00", "", "100.00"]]
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [_HEADER, ["", "合计", "300.00", "200.00", "100.00"],
                      ["201", "一般公共服务支出", "100.00", "100.00", ""]]),
        _text(2, 2, "支出决算表", "单位：万元"),
        _table(2, 3, page2),
    ]
    result = parse_document(blocks, None)
    assert len(result.tables) == 1 and result.tables[0].page_last == 2
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("200.00")), ("project", Decimal("100.00")), ("total", Decimal("300.00"))]
    assert {i.row_key for i in result.items} == {"TOTAL", "201", "205"}


def test_one_title_over_the_tables_of_two_units_stays_two_tables():
    # 单位预算: each unit's table under the same title, on consecutive pages, with its own 合计
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [_HEADER, ["", "合计", "300.00", "200.00", "100.00"],
                      ["201", "一般公共服务支出", "300.00", "200.00", "100.00"]]),
        _text(2, 2, "支出决算表", "单位：万元"),
        _table(2, 3, [_HEADER, ["", "合计", "50.00", "50.00", ""],
                      ["201", "一般公共服务支出", "50.00", "50.00", ""]]),
    ]
    result = parse_document(blocks, None)
    assert len(result.tables) == 2
    assert sorted(i.amount for i in result.items if i.row_key == "TOTAL" and i.measure == "total") == [
        Decimal("50.00"), Decimal("300.00")]
    assert not [i for i in result.issues if i.issue_code.startswith("reprinted_total")]


def test_a_total_in_the_body_of_a_continuation_page_is_still_read():
    # a continuation page that starts with account rows and prints the table's 合计 at its end
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [_HEADER, ["201", "一般公共服务支出", "100.00", "100.00", ""]]),
        _table(2, 2, [["205", "教育支出", "100.00", "", "100.00"],
                      ["", "合计", "200.00", "100.00", "100.00"]]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("100.00")), ("project", Decimal("100.00")), ("total", Decimal("200.00"))]


def test_a_total_printed_again_in_a_second_block_of_the_same_page_is_two_rows():
    # a reader that split one page's table into two blocks: the body's rows are read as printed
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [_HEADER, ["", "合计", "100.00", "100.00", ""],
                      ["201", "一般公共服务支出", "100.00", "100.00", ""]]),
        _table(1, 2, [["", "合计", "100.00", "100.00", ""]]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [("basic", Decimal("100.00"))] * 2 + [("total", Decimal("100.00"))] * 2


# --- 5. the Guangdong income columns ----------------------------------------------------------


def test_guangdong_income_columns_split_fiscal_appropriation_and_special_account():
    blocks = [
        _text(1, 0, "部门收入总表", "单位：万元"),
        _table(1, 1, [
            ["科目编码", "科目名称", "总计", "财政拨款收入", "", "", "财政专户拨款收入", "", "事业收入",
             "其他收入"],
            ["", "", "", "一般公共\n预算", "政府性基金\n预算", "国有资本经营\n预算", "教育收费",
             "其他专户收入\n拨款", "", ""],
            ["", "合计", "100.00", "60.00", "10.00", "5.00", "15.00", "4.00", "5.00", "1.00"],
            ["205", "教育支出", "100.00", "60.00", "10.00", "5.00", "15.00", "4.00", "5.00", "1.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == sorted([
        ("total", Decimal("100.00")), ("general_public_budget", Decimal("60.00")),
        ("government_fund_appropriation", Decimal("10.00")), ("state_capital_appropriation", Decimal("5.00")),
        ("fiscal_special_account_education", Decimal("15.00")), ("fiscal_special_account_other", Decimal("4.00")),
        ("business", Decimal("5.00")), ("other", Decimal("1.00")),
    ])


def test_guangdong_income_columns_with_subtotals_under_each_group():
    blocks = [
        _text(1, 0, "收入预算表", "单位：万元"),
        _table(1, 1, [
            ["科目编码", "科目名称", "合计", "财政拨款收入", "", "", "", "财政专户拨款收入", "", ""],
            ["", "", "", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "小计", "其中：教育收费",
             "其他专户收入拨款"],
            ["205", "教育支出", "100.00", "75.00", "60.00", "10.00", "5.00", "25.00", "15.00", "10.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "205") == sorted([
        ("total", Decimal("100.00")), ("fiscal_appropriation", Decimal("75.00")),
        ("general_public_budget", Decimal("60.00")), ("government_fund_appropriation", Decimal("10.00")),
        ("state_capital_appropriation", Decimal("5.00")), ("fiscal_special_account", Decimal("25.00")),
        ("fiscal_special_account_education", Decimal("15.00")), ("fiscal_special_account_other", Decimal("10.00")),
    ])


def test_guangdong_income_group_labels_centred_over_their_parts():
    # an unruled reader puts a group label over the middle of its span, not its first column
    blocks = [
        _text(1, 0, "部门收入总表", "单位：万元"),
        _table(1, 1, [
            ["科目编码", "科目名称", "总计", "", "财政拨款收入", "", "财政专户拨款收入", ""],
            ["", "", "", "一般公共预算", "政府性基金预算", "国有资本经营预算", "教育收费", "其他专户收入拨款"],
            ["205", "教育支出", "100.00", "60.00", "10.00", "5.00", "15.00", "10.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "205") == sorted([
        ("total", Decimal("100.00")), ("general_public_budget", Decimal("60.00")),
        ("government_fund_appropriation", Decimal("10.00")), ("state_capital_appropriation", Decimal("5.00")),
        ("fiscal_special_account_education", Decimal("15.00")), ("fiscal_special_account_other", Decimal("10.00")),
    ])


# --- 6. the header and the 合计 row fused into one grid row --------------------------------


def test_header_words_and_total_amounts_in_one_row_give_the_header_and_the_totals():
    # an unruled table whose last header line and 合计 line were read as one line: each
    # amount cell holds its column's header word and the 合计 amount
    blocks = [
        _text(1, 0, "一般公共预算财政拨款支出决算表", "单位：万元"),
        _table(1, 1, [
            ["科目编码", "科目名称 合计", "小计 716.40", "基本支出 291.73", "项目支出 424.67"],
            ["201", "一般公共服务支出", "657.15", "232.48", "424.67"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("291.73")), ("project", Decimal("424.67")), ("total", Decimal("716.40"))]
    assert _keyed(result, "201") == [
        ("basic", Decimal("232.48")), ("project", Decimal("424.67")), ("total", Decimal("657.15"))]
    total = next(i for i in result.items if i.row_key == "TOTAL" and i.measure == "basic")
    assert total.column_header == "基本支出" and total.amount_text == "291.73"
    assert total.row_index == 0 and total.col_index == 3


def test_fused_header_and_total_row_in_yuan_without_decimals():
    # a 元 table printing whole yuan with thousands separators: '合计\n1,234,567' per cell
    blocks = [
        _text(1, 0, "支出决算表", "单位：元"),
        _table(1, 1, [
            ["科目编码", "科目名称\n合计", "合计\n1,234,567", "基本支出\n1,000,000", "项目支出\n234,567"],
            ["201", "一般公共服务支出", "1,234,567", "1,000,000", "234,567"],
        ]),
    ]
    result = parse_document(blocks, "元")
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("1000000")), ("project", Decimal("234567")), ("total", Decimal("1234567"))]
    assert {i.unit for i in result.items} == {"元"}


def test_label_header_and_total_amounts_in_one_row_under_an_upper_header():
    # the amount columns' header is the row above; the fused row holds the label columns'
    # header words, the 合计 label and the amounts
    blocks = [
        _text(1, 0, "收入决算表", "单位：万元"),
        _table(1, 1, [
            ["项目", "", "本年收入合计", "财政拨款收入", "其他收入"],
            ["科目编码", "科目名称合计", "166.54", "160.00", "6.54"],
            ["201", "一般公共服务支出", "166.54", "160.00", "6.54"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("fiscal_appropriation", Decimal("160.00")), ("other", Decimal("6.54")), ("total", Decimal("166.54"))]
    assert _keyed(result, "201") == [
        ("fiscal_appropriation", Decimal("160.00")), ("other", Decimal("6.54")), ("total", Decimal("166.54"))]


# --- the rules underneath -------------------------------------------------------------------


def test_split_fused_total_reads_label_headers_only():
    from pipeline.vocabulary.rows import split_fused_total

    assert split_fused_total("科目名称合计") == ("科目名称", "合计")
    assert split_fused_total("功能分类科目名称 合计") == ("功能分类科目名称", "合计")
    assert split_fused_total("项目\n合计") == ("项目", "合计")
    assert split_fused_total("经济分类科目编码 科目名称 总计") == ("经济分类科目编码科目名称", "总计")
    assert split_fused_total("单位（科目名称）合计") == ("单位(科目名称)", "合计")
    assert split_fused_total("部门(单位)名称 合计") == ("部门(单位)名称", "合计")
    for text in ("合计", "本年收入合计", "人员经费合计", "项目支出合计", "一般公共服务支出", "科目名称"):
        assert split_fused_total(text) is None, text


def test_unfuse_keeps_rows_that_are_not_fused():
    from pipeline.parse.fused_rows import unfuse_header_total

    rows = [
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["", "合计", "10.00", "10.00"],
        ["201", "一般公共服务支出", "10.00", "10.00"],
    ]
    unfused = unfuse_header_total(rows)
    assert unfused.rows == rows and unfused.header_words == {}
    # a summary table's 合计 row beside its other half's is not header words
    summary = [["本年收入合计", "100.00", "本年支出合计", "100.00"]]
    assert unfuse_header_total(summary).header_words == {}
    # a 栏次 row under a fused header is not the 合计 row
    numbered = [["科目编码", "科目名称合计", "合计"], ["栏次", "", "1"], ["", "", "5.00"]]
    assert unfuse_header_total(numbered).rows[2] == ["", "合计", "5.00"]


# --- the same families in PDFs, as the reader delivers them -----------------------------------

_WIDTHS = [70, 130, 80, 80, 80]
_ROWS = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "300.00", "200.00", "100.00"],
    ["201", "一般公共服务支出", "100.00", "100.00", ""],
    ["205", "教育支出", "200.00", "100.00", "100.00"],
]


def _ruled(rows: list[list[str]], top: float, open_below: set[tuple[int, int]] = frozenset(),
           height: float = 24, size: float = 10) -> list[bytes]:
    """A ruled table whose cell (r, c) in `open_below` has no rule under it: it runs into the row below."""
    from tests.decoys import grid

    return grid(rows, top, _WIDTHS, height, size, open_below)


def _read_pdf_pages(tmp_path, pages: list[list[bytes]]):
    from pipeline.extract.pdf import read_pdf
    from tests.decoys import cjk_pdf

    path = tmp_path / "table.pdf"
    path.write_bytes(cjk_pdf(pages))
    return parse_document(read_pdf(path)[1], None)


def test_pdf_name_header_cell_running_into_the_total_row(tmp_path):
    # family 1: no rule under 科目编码 | 科目名称, so '科目名称\n合计' is one cell of the header row
    from tests.decoys import prose

    result = _read_pdf_pages(tmp_path, [prose(["支出决算表", "单位：万元"]) + _ruled(_ROWS, 150, {(0, 0), (0, 1)})])
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("200.00")), ("project", Decimal("100.00")), ("total", Decimal("300.00"))]
    assert {i.column_header for i in result.items} == {"合计", "基本支出", "项目支出"}


def test_pdf_header_row_and_total_row_in_one_ruled_row(tmp_path):
    # family 6: no rule between the header row and the 合计 row at all ('合计\n300.00' per cell)
    from tests.decoys import prose

    ruled = _ruled(_ROWS, 150, {(0, c) for c in range(5)})
    result = _read_pdf_pages(tmp_path, [prose(["支出决算表", "单位：万元"]) + ruled])
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("200.00")), ("project", Decimal("100.00")), ("total", Decimal("300.00"))]
    assert _keyed(result, "205") == [
        ("basic", Decimal("100.00")), ("project", Decimal("100.00")), ("total", Decimal("200.00"))]
    assert {i.column_header for i in result.items} == {"合计", "基本支出", "项目支出"}


def test_pdf_total_reprinted_under_the_header_of_the_next_page(tmp_path):
    # family 4: the table runs onto page 2, whose header and 合计 row are printed again
    from tests.decoys import prose

    first = prose(["支出决算表", "单位：万元"]) + _ruled(_ROWS[:3], 150)
    second = _ruled([_ROWS[0], _ROWS[1], _ROWS[3]], 90)
    result = _read_pdf_pages(tmp_path, [first, second])
    assert len(result.tables) == 1
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("200.00")), ("project", Decimal("100.00")), ("total", Decimal("300.00"))]
    assert {i.page for i in result.items if i.row_key == "205"} == {2}
    assert [i.issue_code for i in result.issues] == ["reprinted_total"]


def test_pdf_title_header_and_total_repeated_on_the_next_page(tmp_path):
    # family 4 with print titles: page 2 repeats the title and 单位 line as well
    from tests.decoys import prose

    first = prose(["支出决算表", "单位：万元"]) + _ruled(_ROWS[:3], 150)
    second = prose(["支出决算表", "单位：万元"]) + _ruled([_ROWS[0], _ROWS[1], _ROWS[3]], 150)
    result = _read_pdf_pages(tmp_path, [first, second])
    assert len(result.tables) == 1
    assert _keyed(result, "TOTAL") == [
        ("basic", Decimal("200.00")), ("project", Decimal("100.00")), ("total", Decimal("300.00"))]
    assert _keyed(result, "205") == [
        ("basic", Decimal("100.00")), ("project", Decimal("100.00")), ("total", Decimal("200.00"))]


def test_a_fused_total_amount_that_lost_its_point_is_an_issue_not_a_header_word():
    # '合计 716 40': the header word is 合计, the amount an unreadable number (reported, not dropped)
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [
            ["科目编码", "科目名称 合计", "合计 716 40", "基本支出 291.73", "项目支出 424.67"],
            ["201", "一般公共服务支出", "657.15", "232.48", "424.67"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [("basic", Decimal("291.73")), ("project", Decimal("424.67"))]
    assert _keyed(result, "201")[-1] == ("total", Decimal("657.15"))
    assert {i.column_header for i in result.items} == {"合计", "基本支出", "项目支出"}
    issue = next(i for i in result.issues if i.issue_code == "unparseable_amount")
    assert issue.detail == "716 40"


# --- a continuation printed on another grid; a name column under a stray header line ------------


def test_a_headerless_continuation_on_another_grid_takes_the_amount_columns_from_the_left():
    # the table's last rows printed on a grid of their own: the name wraps into an extra column and
    # the empty columns at the right are not printed, so column positions no longer match the header
    blocks = [
        _text(1, 0, "支出经济分类汇总表", "单位：万元"),
        _table(1, 1, [
            ["类", "款", "科目名称", "", "总计", "小计", "其中：财政拨款", "事业收入", "其他收入"],
            ["", "", "合计", "", "300.00", "300.00", "300.00", "", ""],
            ["301", "02", "津贴补贴", "", "100.00", "100.00", "100.00", "", ""],
        ]),
        _table(1, 2, [
            ["301", "99", "其他工资", "福利支出", "", "200.00", "200.00", "200.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "30199") == [
        ("fiscal_appropriation", Decimal("200.00")), ("general_public_budget", Decimal("200.00")),
        ("total", Decimal("200.00"))]
    assert {i.measure for i in result.items if i.row_key == "30102"} == {
        "total", "general_public_budget", "fiscal_appropriation"}


def test_a_headerless_continuation_on_the_same_grid_keeps_its_columns():
    blocks = [
        _text(1, 0, "支出决算表", "单位：万元"),
        _table(1, 1, [_HEADER, ["", "合计", "300.00", "200.00", "100.00"],
                      ["201", "一般公共服务支出", "200.00", "200.00", ""]]),
        _table(2, 2, [["205", "教育支出", "100.00", "", "100.00"]]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "205") == [("project", Decimal("100.00")), ("total", Decimal("100.00"))]


def test_a_name_column_under_a_stray_header_word_is_not_an_amount_column():
    # the department's name printed above an unruled table's header lands over its name column
    blocks = [
        _text(1, 0, "支出经济分类汇总表", "单位：万元"),
        _table(1, 1, [
            ["", "", "某某区政务服务和大数据管理局", "", ""],
            ["类", "款", "", "总计", "财政拨款"],
            ["", "", "合计", "300.00", "300.00"],
            ["301", "02", "津贴补贴", "100.00", "100.00"],
            ["301", "99", "其他工资福利支出", "200.00", "200.00"],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "TOTAL") == [
        ("fiscal_appropriation", Decimal("300.00")), ("total", Decimal("300.00"))]
    assert {i.row_key for i in result.items} == {"TOTAL", "30102", "30199"}
    assert not [i for i in result.issues if i.issue_code == "unparseable_amount"]


def test_a_code_column_under_a_misread_header_is_the_row_code():
    # OCR read 科目编码 as 科自编码: the column of account codes is still the rows' codes, even with
    # one code that lost a digit (21011 read as 1011)
    blocks = [
        _text(1, 0, "部门预算支出总表", "单位：万元"),
        _table(1, 1, [
            ["序号", "科自编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "", "合计", "30.61", "30.61", ""],
            ["1", "210", "卫生健康支出", "30.61", "30.61", ""],
            ["2", "1011", "行政事业单位医疗", "30.61", "30.61", ""],
            ["3", "2101101", "行政单位医疗", "12.16", "12.16", ""],
            ["4", "2101102", "事业单位医疗", "18.45", "18.45", ""],
            ["5", "2101199", "其他行政事业单位医疗支出", "0.00", "0.00", ""],
        ]),
    ]
    result = parse_document(blocks, None)
    assert _keyed(result, "210") == [("basic", Decimal("30.61")), ("total", Decimal("30.61"))]
    assert _keyed(result, "2101102") == [("basic", Decimal("18.45")), ("total", Decimal("18.45"))]
    assert not any(i.measure == "unmapped" for i in result.items)
