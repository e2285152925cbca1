"""Grid → line items, on small grids cut from the seeds."""
from decimal import Decimal

from pipeline.extract.text import blocks_from_lines
from pipeline.model import Block, Cell
from pipeline.parse.line_items import parse_document


def _blocks(text: str):
    return blocks_from_lines(text.split("\n"), None, 0)


def _facts(result, table_type=None):
    return {
        (result.tables[i.table_index].table_type, i.row_key, i.measure, i.amount)
        for i in result.items
        if table_type is None or result.tables[i.table_index].table_type == table_type
    }


INCOME_000 = """收入决算表
公开02表
部门：温县政务服务和大数据管理局
单位：万元
项目\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入
功能分类科目编码\t科目名称\t\t\t\t\t\t\t
\t栏次\t1\t2\t3\t4\t5\t6\t7
\t合计\t166.54\t166.54\t0.00\t0.00\t0.00\t0.00\t0.00
201\t一般公共服务支出\t166.54\t166.54\t0.00\t0.00\t0.00\t0.00\t0.00
2010301\t行政运行\t166.54\t166.54\t\t\t\t\t"""


def test_income_table_rows_and_measures():
    result = parse_document(_blocks(INCOME_000), "万元")
    facts = _facts(result)
    assert ("income", "TOTAL", "total", Decimal("166.54")) in facts
    assert ("income", "201", "superior_subsidy", Decimal("0.00")) in facts  # printed zero kept
    assert ("income", "2010301", "fiscal_appropriation", Decimal("166.54")) in facts
    # blanks are not zeros
    assert not any(f[1] == "2010301" and f[2] == "superior_subsidy" for f in facts)
    assert result.tables[0].unit == "万元"


def test_total_label_in_the_column_number_row():
    # 002 公开05表: '栏次 合计' and the amounts on the next row without a label
    text = """一般公共预算财政拨款支出决算表
部门：曾都区政务服务和大数据管理局（汇总）\t\t公开05表 单位：万元\t\t
项目\t\t本年支出\t\t
科目代码\t科目名称\t小计\t基本支出\t项目支出
栏次 合计\t\t1\t2\t3
\t\t716.40\t291.73\t424.67
201\t一般公共预算服务支出\t657.15\t232.48\t424.67"""
    facts = _facts(parse_document(_blocks(text), None))
    assert ("general_expenditure", "TOTAL", "total", Decimal("716.40")) in facts
    assert ("general_expenditure", "TOTAL", "project", Decimal("424.67")) in facts
    assert ("general_expenditure", "201", "basic", Decimal("232.48")) in facts


def test_side_by_side_groups_and_shifted_personnel_totals():
    # 004 公开06表: three (code, name, amount) groups; totals printed off their columns
    text = """一般公共预算财政拨款基本支出决算明细表
人员经费\t\t\t公用经费\t\t\t\t\t
经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数
301\t工资福利支出\t189.54\t302\t商品和服务支出\t192.09\t307\t债务利息及费用支出\t
30101\t基本工资\t106.89\t30201\t办公费\t4.94\t30701\t国内债务付息\t
人员经费合计\t\t\t191.39\t公用经费合计\t\t\t\t192.09"""
    facts = _facts(parse_document(_blocks(text), "万元"))
    assert ("general_basic_expenditure", "30201", "total", Decimal("4.94")) in facts
    assert ("general_basic_expenditure", "TOTAL_PERSONNEL", "total", Decimal("191.39")) in facts
    assert ("general_basic_expenditure", "TOTAL_PUBLIC_USE", "total", Decimal("192.09")) in facts
    assert not any(f[1] == "30701" for f in facts)



def test_side_by_side_group_with_an_unreadable_amount_header_takes_the_others_measure():
    # 000 公开06表 as OCR read it from a scan: the first 决算数 came out as 'REX'
    text = """一般公共预算财政拨款基本支出决算明细表
经济分类科目编码\t科目名称\tREX\t经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数
301\t工资福利支出\t134.18\t302\t商品和服务支出\t36.78\t307\t债务利息及费用支出\t0.00
30101\t基本工资\t77.68\t30201\t办公费\t36.67\t30701\t国内债务付息\t0.00"""
    facts = _facts(parse_document(_blocks(text), "万元"))
    assert ("general_basic_expenditure", "30101", "total", Decimal("77.68")) in facts
    assert ("general_basic_expenditure", "30201", "total", Decimal("36.67")) in facts
    assert not any(f[2] == "unmapped" for f in facts)


def test_two_halves_do_not_lend_each_other_a_measure():
    # with only two groups there is no majority: the unreadable column stays unmapped
    text = """一般公共预算财政拨款基本支出决算明细表
经济分类科目编码\t科目名称\tREX\t经济分类科目编码\t科目名称\t决算数
301\t工资福利支出\t134.18\t302\t商品和服务支出\t36.78"""
    facts = _facts(parse_document(_blocks(text), "万元"))
    assert ("general_basic_expenditure", "301", "unmapped", Decimal("134.18")) in facts



def test_side_by_side_groups_with_codes_split_into_lei_and_kuan_columns():
    # 000 公开06表 as the split_codes layout family prints it: each group's economic code in
    # 类 | 款 columns; the 302 and 307 groups keep their own codes
    text = """一般公共预算财政拨款基本支出决算明细表
经济分类科目编码\t\t科目名称\t决算数\t经济分类科目编码\t\t科目名称\t决算数\t经济分类科目编码\t\t科目名称\t决算数
类\t款\t\t\t类\t款\t\t\t类\t款\t\t
301\t\t工资福利支出\t134.18\t302\t\t商品和服务支出\t36.78\t307\t\t债务利息及费用支出\t0.00
301\t02\t津贴补贴\t0.00\t302\t02\t印刷费\t1.50\t307\t02\t国外债务付息\t0.00
\t\t人员经费合计\t134.18\t\t\t\t\t\t\t公用经费合计\t36.78"""
    facts = _facts(parse_document(_blocks(text), "万元"))
    assert ("general_basic_expenditure", "30102", "total", Decimal("0.00")) in facts
    assert ("general_basic_expenditure", "30202", "total", Decimal("1.50")) in facts
    assert ("general_basic_expenditure", "30702", "total", Decimal("0.00")) in facts
    assert ("general_basic_expenditure", "302", "total", Decimal("36.78")) in facts
    assert ("general_basic_expenditure", "TOTAL_PUBLIC_USE", "total", Decimal("36.78")) in facts
    assert sum(1 for f in facts if f[1] == "30102") == 1


def test_split_code_group_after_an_unreadable_amount_header_starts_its_own_group():
    # the 类 column of a split code starts a group after any amount column, as a 科目编码
    # column does: the first group's unreadable 决算数 ('REX') takes the others' measure
    text = """一般公共预算财政拨款基本支出决算明细表
经济分类科目编码\t\t科目名称\tREX\t经济分类科目编码\t\t科目名称\t决算数\t经济分类科目编码\t\t科目名称\t决算数
类\t款\t\t\t类\t款\t\t\t类\t款\t\t
301\t\t工资福利支出\t134.18\t302\t\t商品和服务支出\t36.78\t307\t\t债务利息及费用支出\t0.00
301\t01\t基本工资\t77.68\t302\t01\t办公费\t36.67\t307\t01\t国内债务付息\t0.00"""
    facts = _facts(parse_document(_blocks(text), "万元"))
    assert ("general_basic_expenditure", "30101", "total", Decimal("77.68")) in facts
    assert ("general_basic_expenditure", "30201", "total", Decimal("36.67")) in facts
    assert ("general_basic_expenditure", "30701", "total", Decimal("0.00")) in facts
    assert not any(f[2] == "unmapped" for f in facts)


def test_code_part_column_with_an_unreadable_header_is_not_an_amount_column():
    # the Shanghai 2026 收入预算总表 as OCR read it from a scan: 类 | 款 | 项 came out 'x | | em'
    text = """部门收入预算总表
单位：元
项目\t\t\t\t收入预算\t\t\t\t
功能分类科目编码\t\t\t功能分类科目名称\t合计\t财政拨款收入\t事业收入\t事业单位经营收入\t其他收入
x\t\tem\t\t\t\t\t\t
204\t\t\t公共安全支出\t87267272.44\t87267272.44\t0.00\t0.00\t0.00
204\t06\t\t司法\t87267272.44\t87267272.44\t0.00\t0.00\t0.00
204\t06\t01\t行政运行\t16726725.44\t16726725.44\t0.00\t0.00\t0.00
204\t06\t04\t基层司法业务\t21703947.00\t21703947.00\t0.00\t0.00\t0.00"""
    facts = _facts(parse_document(_blocks(text), "元"))
    assert ("income", "2040601", "total", Decimal("16726725.44")) in facts
    assert ("income", "2040604", "fiscal_appropriation", Decimal("21703947.00")) in facts
    assert not any(f[2] == "unmapped" for f in facts)


def test_table_continued_after_a_break_keeps_its_header():
    # 001 支出经济分类汇总表: the continuation starts with a wrapped name and has no header
    text = """## 2022 年支出经济分类汇总表
类\t款\t科目名称\t类\t款\t科目名称\t总计\t小计\t其中: 财政拨款
\t\t合计\t\t\t\t883.5\t883.5\t883.5
301\t12\t其他社会\t501\t2\t社会保障缴费\t1.79\t1.79\t1.79

\t\t保障缴费\t\t\t\t\t\t
301\t99\t其他工资 福利支出\t501\t1\t工资奖金津补贴\t88.8\t88.8\t88.8"""
    result = parse_document(_blocks(text), "万元")
    facts = _facts(result)
    assert ("economic_summary", "30112", "general_public_budget", Decimal("1.79")) in facts
    assert ("economic_summary", "30199", "fiscal_appropriation", Decimal("88.8")) in facts
    names = {i.row_key: i.account_name for i in result.items}
    assert names["30112"] == "其他社会保障缴费"
    assert len(result.tables) == 1 and result.tables[0].continued



def test_continuation_narrower_than_its_header_with_an_unreadable_column():
    # the continuation keeps the header of the page before, which is wider than it is
    text = """## 2022 年支出经济分类汇总表
类\t款\t科目名称\t总计\t小计\tXQ
\t\t合计\t883.5\t883.5\t
301\t12\t其他社会保障缴费\t1.79\t1.79\t

301\t99\t其他工资福利支出"""
    result = parse_document(_blocks(text), "万元")
    assert not [i for i in result.issues if i.severity == "error"]
    assert ("economic_summary", "30112", "total", Decimal("1.79")) in _facts(result)


def test_unit_rows_are_kept_but_not_accounts():
    text = """# 2022 年部门支出预算表
类\t款\t项\t单位代码\t单位(科目名称)\t合计
\t\t\t\t合计\t883. 50
\t\t\t146001\t洛阳市孟津区政务服务和大数据管理局\t883.5
201\t03\t01\t\t行政运行\t816.7"""
    result = parse_document(_blocks(text), "万元")
    kinds = {(i.row_kind, i.row_key) for i in result.items}
    assert kinds == {("total", "TOTAL"), ("unit", None), ("account", "2010301")}
    assert next(i for i in result.items if i.row_kind == "total").amount == Decimal("883.50")


def test_unreadable_cell_becomes_an_issue_not_a_silent_skip():
    text = """收入决算表
科目编码\t科目名称\t本年收入合计
201\t一般公共服务支出\t12,3x"""
    result = parse_document(_blocks(text), "万元")
    assert not result.items
    assert [i.issue_code for i in result.issues] == ["unparseable_amount", "table_without_amounts"]


def test_table_before_any_title_is_reported():
    blocks = [Block("table", 3, 0, rows=[[Cell("201"), Cell("一般公共服务支出"), Cell("1.00")]])]
    result = parse_document(blocks, "万元")
    assert result.issues[0].issue_code == "untitled_table"
    assert result.issues[0].page == 3


def test_three_public_row_takes_items_and_stages_from_the_header():
    # 004 公开09表: the extract prints 决算数 over the 4th column instead of the 7th
    text = """一般公共预算财政拨款“三公”经费支出决算表
预算数\t\t\t决算数\t\t\t\t\t\t\t\t
合计\t因公出国 (境) 费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国 (境) 费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t小计\t公务用车购 置费\t公务用车运 行维护费\t\t\t\t小计\t公务用车购 置费\t公务用车运 行维护费\t
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12
1.00\t\t\t\t\t1.00\t0.80\t\t\t\t\t0.80"""
    result = parse_document(_blocks(text), "万元")
    got = {(i.row_key, i.stage, i.amount) for i in result.items}
    assert got == {("total", "budget", Decimal("1.00")), ("reception", "budget", Decimal("1.00")),
                   ("total", "final", Decimal("0.80")), ("reception", "final", Decimal("0.80"))}


def test_summary_table_halves_are_income_and_expenditure_sides():
    text = """收入支出决算总表
收入\t\t\t支出\t\t
项目\t行次\t决算数\t项目\t行次\t决算数
栏次\t\t1\t栏次\t\t2
一、一般公共预算财政拨款收入\t1\t166.54\t一、一般公共服务支出\t32\t170.96
本年收入合计\t27\t166.54\t本年支出合计\t58\t170.96"""
    result = parse_document(_blocks(text), "万元")
    got = {(i.side, i.row_label, i.amount) for i in result.items}
    assert ("income", "本年收入合计", Decimal("166.54")) in got
    assert ("expenditure", "一、一般公共服务支出", Decimal("170.96")) in got
    assert not any(i.amount in (Decimal(27), Decimal(58)) for i in result.items)  # 行次 is not an amount


def test_summary_table_printing_its_expenditure_by_three_classifications():
    # 西安 部门综合预算收支总表: 收入 | 支出 by 功能分类, 部门经济分类 and 政府经济分类, each a
    # label column (…科目(按大类)) with its 预算数: four groups, the income side only the first
    text = """2021年部门综合预算收支总表
收 入\t\t支 出\t\t\t\t\t
项 目\t预算数\t支出功能分科目 (按大类)\t预算数\t部门预算支出经济 科目(按大类)\t预算数\t政府预算支出经 济分类科目(按 大类)\t预算数
一、部门预算\t258596001.79\t一、部门预算\t258596001.79\t一、部门预算\t258596001.79\t一、部门预算\t258596001.79
1、财政拨款\t258596001.79\t1、一般公共服务 支出\t48615794.92\t1、人员经费和 公用经费支出\t23174401.79\t1、机关工资 福利支出\t20790689.48
本年收入合计\t258596001.79\t本年支出合计\t258596001.79\t本年支出合计\t258596001.79\t本年支出合计\t258596001.79"""
    result = parse_document(_blocks(text), "元")
    got = {(i.col_index, i.side, i.column_group, i.row_label) for i in result.items}
    assert {(c, s, g) for c, s, g, _ in got} == {
        (1, "income", 0), (3, "expenditure", 1), (5, "expenditure", 2), (7, "expenditure", 3)}
    assert (3, "expenditure", 1, "1、一般公共服务支出") in got
    assert (5, "expenditure", 2, "1、人员经费和公用经费支出") in got
    assert not result.issues  # no label read as an amount


def test_amount_with_more_than_two_decimals_is_reported_not_rounded_or_fatal():
    # an OCR misreading (2.715) in the 收入决算表: reported, the rest of the table loads
    text = INCOME_000.replace("166.54\t166.54\t0.00\t0.00\t0.00\t0.00\t0.00\n2010301",
                              "166.54\t166.545\t0.00\t0.00\t0.00\t0.00\t0.00\n2010301")
    result = parse_document(_blocks(text), "万元")
    facts = _facts(result)
    assert ("income", "201", "total", Decimal("166.54")) in facts
    assert not any(f[1] == "201" and f[2] == "fiscal_appropriation" for f in facts)
    issue = next(i for i in result.issues if i.issue_code == "amount_precision")
    assert issue.detail == "166.545"


def test_code_part_letters_are_read_as_digits_in_ocr_tables_only():
    # scanned Shanghai 2026 budget: 款 11 of 行政事业单位医疗 read as 'LI'
    text = """一般公共预算支出预算表
单位：元
类\t款\t项\t科目名称\t合计
210\t\t\t卫生健康支出\t1149678.00
210\tLI\t\t行政事业单位医疗\t1149678.00"""

    def keys(is_ocr: bool):
        blocks = _blocks(text)
        for block in blocks:
            block.is_ocr = is_ocr
        return {row_key for _, row_key, _, _ in _facts(parse_document(blocks, "元"))}

    assert "21011" in keys(True)
    assert "21011" not in keys(False)


def test_ocr_table_with_an_unreadable_row_number_header_and_lost_decimal_points():
    # 003 部门预算支出总表 scanned: 序号 read as '序', decimal points read as a gap or a colon
    text = """部门预算一般公共预算财政拨款支出表
单位：万元
序\t科目编码\t科目名称\t合计\t基本支出
栏/人\t1\t\t3\t4
\t2080505\t机关事业单位基本养老保险缴费支出\t52:21\t52. 27
10\t2101101\t行政单位医疗\t12 15\t12..15"""

    def facts(is_ocr: bool):
        blocks = _blocks(text)
        for block in blocks:
            block.is_ocr = is_ocr
            if block.kind == "table":
                block.rows[1][0].text = "栏\n/人"  # 栏次 garbled over two lines of its cell
        return _facts(parse_document(blocks, "万元"))

    ocr_facts = facts(True)
    assert ("general_expenditure", "2080505", "total", Decimal("52.21")) in ocr_facts
    assert ("general_expenditure", "2101101", "total", Decimal("12.15")) in ocr_facts
    assert ("general_expenditure", "2101101", "basic", Decimal("12.15")) in ocr_facts
    # a printed text layer is taken as printed: '12 15' is not a number there
    assert ("general_expenditure", "2101101", "total", Decimal("12.15")) not in facts(False)


def test_a_blank_kuan_under_its_lei_takes_the_kuan_of_the_row_above():
    # scanned Shanghai 2026 一般公共预算支出表: the 款 cell '11' of 行政单位医疗 came out blank
    text = """一般公共预算支出预算表
单位：元
类\t款\t项\t科目名称\t合计
210\t11\t\t行政事业单位医疗\t1149678.00
210\t\t01\t行政单位医疗\t1149678.00
221\t\t01\t住房公积金\t2087959.00"""
    result = parse_document(_blocks(text), "元")
    keys = {row_key for _, row_key, _, _ in _facts(result)}
    assert "2101101" in keys and "21001" not in keys
    assert "22101" in keys  # another 类 above: nothing to take, read as printed
    inferred = [i for i in result.issues if i.issue_code == "code_part_inferred"]
    assert len(inferred) == 1 and "2101101" in inferred[0].reason


def test_administrative_operating_table_is_read():
    # Jiangsu 一般公共预算机关运行经费支出预算表 (a whole family of provincial budgets)
    text = """一般公共预算机关运行经费支出预算表
单位：万元
科目编码\t科目名称\t机关运行经费支出
\t合计\t5,619.31
302\t商品和服务支出\t5,560.31
30201\t办公费\t770.50"""
    result = parse_document(_blocks(text), "万元")
    facts = _facts(result)
    assert ("general_expenditure", "TOTAL", "administrative_operating", Decimal("5619.31")) in facts
    assert ("general_expenditure", "30201", "administrative_operating", Decimal("770.50")) in facts
    assert not result.issues


def test_table_whose_headers_name_no_known_measure_keeps_its_amounts():
    # Xi'an 部门综合预算财政拨款结转资金支出表: 结转资金 is no measure of the vocabulary
    text = """部门综合预算财政拨款结转资金支出表
单位：元
科目编码\t科目名称\t结转资金
\t合计\t1,200.00
201\t一般公共服务支出\t1,200.00"""
    continued = """20103\t行政运行\t800.00"""
    blocks = _blocks(text) + blocks_from_lines(continued.split("\n"), 2, 10)
    result = parse_document(blocks, "元")
    facts = _facts(result)
    assert ("expenditure", "TOTAL", "unmapped", Decimal("1200.00")) in facts
    assert ("expenditure", "201", "unmapped", Decimal("1200.00")) in facts
    assert ("expenditure", "20103", "unmapped", Decimal("800.00")) in facts  # the continuation too
    assert {i.column_header for i in result.items} == {"结转资金"}
    # reported once, as a warning: a reviewer sees the table was not fully understood
    assert [(i.issue_code, i.severity) for i in result.issues] == [("no_measure_columns", "warning")]


def test_table_whose_header_has_no_amount_column_is_an_error():
    text = """一般公共预算支出表
科目编码\t科目名称\t
201\t一般公共服务支出\t12.00"""
    result = parse_document(_blocks(text), "万元")
    assert not result.items
    assert ("no_measure_columns", "error") in [(i.issue_code, i.severity) for i in result.issues]


def test_fiscal_appropriation_subtotal_is_not_a_second_total():
    # Yantai 基本支出预算情况表: 合计 | 财政拨款 (小计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算) |
    # 财政专户管理资金 | 单位资金 | 使用非财政拨款结余 | 上年结转
    text = """基本支出预算情况表
单位：万元
科目编码\t\t部门预算支出经济分类科目\t合计\t财政拨款\t\t\t\t财政专户管理资金\t单位资金\t使用非财政拨款结余\t上年结转
类\t款\t\t\t小计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t\t\t
\t\t合计\t14,128.98\t13,589.04\t13,589.04\t\t\t\t539.94\t\t
301\t\t工资福利支出\t2,234.64\t2,234.64\t2,234.64\t\t\t\t\t\t
302\t07\t邮电费\t10.00\t5.00\t4.00\t1.00\t\t\t2.00\t3.00\t"""
    result = parse_document(_blocks(text), "万元")
    facts = _facts(result)
    assert ("general_basic_expenditure", "TOTAL", "total", Decimal("14128.98")) in facts
    assert ("general_basic_expenditure", "TOTAL", "fiscal_appropriation", Decimal("13589.04")) in facts
    assert ("general_basic_expenditure", "TOTAL", "general_public_budget", Decimal("13589.04")) in facts
    assert ("general_basic_expenditure", "TOTAL", "unit_funds", Decimal("539.94")) in facts
    assert ("general_basic_expenditure", "30207", "government_fund_appropriation", Decimal("1.00")) in facts
    assert ("general_basic_expenditure", "30207", "non_fiscal_balance_used", Decimal("3.00")) in facts
    totals = [i for i in result.items if i.row_key == "TOTAL" and i.measure == "total"]
    assert len(totals) == 1
    assert not any(i.measure == "unmapped" for i in result.items)


def test_basic_expenditure_parts_under_other_names():
    # Yantai 一般公共预算支出情况表: 合计 | 基本支出 (小 计 | 人员支出 | 日常公用支出) | 项目支出
    text = """一般公共预算支出情况表
科目编码\t\t\t科目名称\t合 计\t基本支出\t\t\t项目支出
类\t款\t项\t\t\t小 计\t人员支出\t日常公用支出\t
\t\t\t合 计\t20,332.46\t13,589.04\t12,721.38\t867.66\t6,743.42
205\t\t\t教育支出\t9.50\t3.40\t\t3.40\t6.10"""
    facts = _facts(parse_document(_blocks(text), "万元"))
    assert {f[2] for f in facts if f[1] == "TOTAL"} == {"total", "basic", "personnel", "public_use", "project"}
    assert ("general_expenditure", "205", "public_use", Decimal("3.40")) in facts


def test_column_number_row_with_placeholders_is_not_header_text():
    # Changsha 部门收入总体情况表: '** | ** | ** | ** | 1 | 2 | 3' under the header
    text = """部门收入总体情况表
类\t款\t项\t功能科目\t合计\t本级财政拨款\t\t上年结转
\t\t\t\t\t金额\t其中:经费拨款\t
**\t**\t**\t**\t1\t2\t3\t4
\t\t\t合计\t68,632.12\t68,632.12\t50,370.61\t
201\t\t\t一般公共服务支出\t3.00\t3.00\t3.00\t"""
    result = parse_document(_blocks(text), "万元")
    facts = _facts(result)
    assert ("income", "TOTAL", "total", Decimal("68632.12")) in facts
    assert ("income", "TOTAL", "fiscal_appropriation", Decimal("68632.12")) in facts
    assert ("income", "201", "fiscal_appropriation", Decimal("3.00")) in facts
    headers = {i.column_header for i in result.items}
    assert headers == {"合计", "本级财政拨款金额", "其中:经费拨款"}  # no '2', no '**'
    assert next(i for i in result.items if i.row_key == "201").account_name == "一般公共服务支出"  # 功能科目
    assert not result.issues


def test_codes_in_a_unit_code_column_are_units_not_accounts():
    # Xi'an 部门综合预算收入总表: the department is 204, its unit 204001 (单位编码), not account 204
    text = """部门综合预算收入总表
单位：元
序号\t单位编码\t单位名称\t部门预算\t\t\t
\t\t\t合计\t一般公共预算拨款\t政府性基金拨款\t用事业基金弥补收支差额
1\t\t合计\t943865000\t936647884.3\t0\t0
2\t204\t西安市科学技术局\t943865000\t936647884.3\t0\t0
3\t204001\t西安市科学技术局\t905922346.9\t898705231.2\t0\t0"""
    result = parse_document(_blocks(text), "元")
    kinds = {(i.row_kind, i.row_key) for i in result.items}
    assert kinds == {("total", "TOTAL"), ("unit", None)}
    assert {i.measure for i in result.items} == {
        "total", "fiscal_appropriation", "government_fund_appropriation", "non_fiscal_balance_used"}
    assert not any(i.amount == Decimal("204") for i in result.items)  # a code is not an amount


BEIJING_GENERAL_EXPENDITURE = """预算05表 一般公共预算支出表
金额单位：万元
功能分类科目\t\t预算数\t\t\t\t\t
科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\t
\t\t\t小计\t人员经费\t公用经费\t项目支出总数\t扣除基建项目后预算数
2130201\t行政运行\t958.957491\t950.088291\t865.117476\t84.970815\t8.869200\t8.869200
2130202\t一般行政管理事务\t243.690000\t\t\t\t243.690000\t243.690000
\t合 计\t1,202.647491\t950.088291\t865.117476\t84.970815\t252.559200\t252.559200"""


def test_wan_table_printed_to_six_decimals_is_read_exactly_in_yuan():
    """北京 预算报表 print 万元 to six decimals: 958.957491 万元 is exactly 9,589,574.91 元, so the
    table is read in 元 (never through float), the printed text kept; nothing is dropped."""
    result = parse_document(_blocks(BEIJING_GENERAL_EXPENDITURE), "万元")
    facts = _facts(result, "general_expenditure")
    assert ("general_expenditure", "2130201", "total", Decimal("9589574.91")) in facts
    assert ("general_expenditure", "TOTAL", "total", Decimal("12026474.91")) in facts
    assert ("general_expenditure", "2130202", "project", Decimal("2436900.00")) in facts
    assert {i.unit for i in result.items} == {"元"} and result.tables[0].unit == "元"
    item = next(i for i in result.items if i.row_key == "2130201" and i.measure == "total")
    assert item.amount_text == "958.957491"
    assert all(i.amount.as_tuple().exponent == -2 for i in result.items)
    assert not any(i.issue_code == "amount_precision" for i in result.issues)
    assert any(i.issue_code == "amounts_read_in_yuan" for i in result.issues)


CHANGCHUN_EXPENDITURE = """支出总表（预算表 3）
预算单位：长春市信访局\t\t\t\t\t\t\t\t\t\t单位：万元
科目编码\t功能分类科目名称\t合计\t当年预算\t\t\t\t上年结转结余\t\t\t
\t\t\t小计\t基本支出\t项目支出\t事业单位经营支出\t小计\t基本支出\t项目支出\t事业单位经营支出
总计：\t\t1682.7 6\t1682.76\t1208.2\t474.56\t0.00\t0.00\t0.00\t0.00\t0.00
201\t一般公共服务支出\t1378.41\t1378.41\t903.85\t474.56\t0.00\t0.00\t0.00\t0.00\t0.00
20140\t信访事务\t1378.41\t1378.41\t903.85\t474.56\t0.00\t0.00\t0.00\t0.00\t0.00"""


def test_changchun_expenditure_table_total_with_a_colon_and_this_years_budget_column():
    """长春 预算表: the title carries its number in brackets, the total row reads '总计：', an amount
    wraps in its narrow cell ('1682.7⏎6'), and 当年预算 / 小计 is this year's part, not a second 合计."""
    result = parse_document(_blocks(CHANGCHUN_EXPENDITURE), "万元")
    assert result.tables[0].table_type == "expenditure"
    facts = _facts(result)
    assert ("expenditure", "TOTAL", "total", Decimal("1682.76")) in facts
    assert ("expenditure", "TOTAL", "current_year_total", Decimal("1682.76")) in facts
    assert ("expenditure", "20140", "basic", Decimal("903.85")) in facts
    assert not any(f[1] == "201" and f[2] == "total" and f[3] != Decimal("1378.41") for f in facts)
    assert sum(1 for f in facts if f[1] == "201" and f[2] == "total") == 1


def test_carryover_group_parts_are_not_a_second_basic_and_project():
    """长春 预算表: 当年预算 and 上年结转结余 each over 小计 | 基本支出 | 项目支出 | 经营支出. The spec has
    measures for the current year's parts and for the carry-over's 小计 only: the carry-over's
    parts stay unmapped, their group label kept in the header."""
    result = parse_document(_blocks(CHANGCHUN_EXPENDITURE), "万元")
    total = {i.col_index: (i.measure, i.column_header) for i in result.items if i.row_key == "TOTAL"}
    assert total[4] == ("basic", "基本支出") and total[5] == ("project", "项目支出")
    assert total[7] == ("prior_year_carryover", "上年结转结余小计")
    assert total[8] == ("unmapped", "上年结转结余基本支出")
    assert total[9] == ("unmapped", "上年结转结余项目支出")
    assert total[10] == ("unmapped", "上年结转结余事业单位经营支出")
    assert sum(1 for i in result.items if i.row_key == "20140" and i.measure == "basic") == 1


YANTAI_INCOME_PAGE_10 = """公开表2
收入总体情况表
部门（单位）：烟台市文化和旅游局
单位：万元
科目编码\t\t\t科目名称\t合计\t财政拨款收入\t\t财政专户管理资金收入\t其他收入
类\t款\t项\t\t\t小计\t一般公共预算收入\t\t
\t\t\t合 计\t23,873.40\t20,332.46\t20,332.46\t2,500.00\t31.00
205\t\t\t教育支出\t9.50\t9.50\t9.50\t\t
\t08\t\t进修及培训\t9.50\t9.50\t9.50\t\t
\t\t03\t培训支出\t9.50\t9.50\t9.50\t\t
207\t\t\t文化旅游体育与传媒支出\t19,276.03\t15,735.10\t15,735.10\t2,500.00\t31.00
\t01\t\t文化和旅游\t12,548.00\t11,532.06\t11,532.06\t\t6.00"""

YANTAI_INCOME_PAGE_11 = """公开表2
收入总体情况表
部门（单位）：烟台市文化和旅游局
单位：万元
科目编码\t\t\t科目名称\t合计\t财政拨款收入\t\t财政专户管理资金收入\t其他收入
类\t款\t项\t\t\t小计\t一般公共预算收入\t\t
\t\t14\t文化和旅游管理事务\t698.30\t698.30\t698.30\t\t
\t02\t\t文物\t5,743.03\t3,218.03\t3,218.03\t2,500.00\t25.00"""


def test_yantai_table_repeating_its_title_on_the_next_page_with_codes_printed_by_omission():
    """烟台 公开表: a table reprints its number, title, 部门 and 单位 lines and its header on every
    page; codes are printed once per level (205 | | , | 08 | , | | 03). One table, full codes."""
    blocks = blocks_from_lines(YANTAI_INCOME_PAGE_10.split("\n"), 10, 0)
    blocks += blocks_from_lines(YANTAI_INCOME_PAGE_11.split("\n"), 11, len(blocks))
    result = parse_document(blocks, "万元")
    assert len(result.tables) == 1 and result.tables[0].table_type == "income"
    assert (result.tables[0].page_first, result.tables[0].page_last) == (10, 11)
    facts = _facts(result)
    assert ("income", "20508", "total", Decimal("9.50")) in facts
    assert ("income", "2050803", "total", Decimal("9.50")) in facts
    assert ("income", "20701", "total", Decimal("12548.00")) in facts
    # page 11 opens with a 项 of 20701 and then a 款 of 207
    assert ("income", "2070114", "total", Decimal("698.30")) in facts
    assert ("income", "20702", "fiscal_special_account", Decimal("2500.00")) in facts
    assert not any(i.row_kind in ("item", "unlabelled") for i in result.items)


def test_the_same_title_over_another_unit_is_a_new_table():
    page_11 = YANTAI_INCOME_PAGE_11.replace("烟台市文化和旅游局", "烟台市博物馆")
    blocks = blocks_from_lines(YANTAI_INCOME_PAGE_10.split("\n"), 10, 0)
    blocks += blocks_from_lines(page_11.split("\n"), 11, len(blocks))
    assert len(parse_document(blocks, "万元").tables) == 2


HANGZHOU_THREE_PUBLIC = """表7：2026年市级部门一般公共预算“三公”经费预算表
部门名称：杭州市气象局
单位：万元
单位名称\t“三公”经费合计\t因公出国(境)费用\t公务用车购置及运行费\t\t\t公务接待费
\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
**\t1\t2\t3\t4\t5\t6
合计\t24.02\t\t18.00\t\t18.00\t6.02
杭州市气象局\t13.13\t\t7.20\t\t7.20\t5.93
杭州市气象服务中心（杭州市预警信息发布中心）\t10.89\t\t10.80\t\t10.80\t0.09"""


def test_three_public_items_as_columns_and_a_row_per_unit():
    """杭州: the items are the columns and the rows are 合计 then each unit: the 合计 row gives
    the items; a unit's row is kept as that unit's (row kind unit), not a second set of items."""
    result = parse_document(_blocks(HANGZHOU_THREE_PUBLIC), "万元")
    items = {(i.row_key, i.amount) for i in result.items if i.row_kind == "item"}
    assert items == {("total", Decimal("24.02")), ("vehicle_total", Decimal("18.00")),
                     ("vehicle_operation", Decimal("18.00")), ("reception", Decimal("6.02"))}
    units = [i for i in result.items if i.row_kind == "unit"]
    assert len(units) == 8 and all(i.row_key is None for i in units)


HANGZHOU_EXPENDITURE = """表3：2026年市级部门支出预算总表
部门名称：杭州市气象局
单位:万元
功能分类科目名称\t总计\t基本支出\t\t项目支出
\t\t人员支出\t日常公用支出\t
**\t1\t2\t3\t4
合计\t5,876.67\t2,906.80\t838.27\t2,131.61
科学技术支出\t28.00\t\t\t28.00
技术研究与开发\t28.00\t\t\t28.00
社会保障和就业支出\t396.67\t395.77\t0.90\t
行政事业单位养老支出\t396.67\t395.77\t0.90\t
自然资源海洋气象等支出\t5,451.99\t2,511.03\t837.37\t2,103.61"""


def test_names_without_codes_class_rows_are_keyed_by_the_class_name():
    """杭州 prints 功能分类科目名称 only: a row named exactly as a 类 is that class (206, 208, 220);
    the 款 and 项 below cannot be told by name and stay rows without a code; said once."""
    result = parse_document(_blocks(HANGZHOU_EXPENDITURE), "万元")
    facts = _facts(result)
    assert ("expenditure", "206", "total", Decimal("28.00")) in facts
    assert ("expenditure", "208", "personnel", Decimal("395.77")) in facts
    assert ("expenditure", "220", "project", Decimal("2103.61")) in facts
    assert {i.row_key for i in result.items if i.row_kind == "account"} == {"206", "208", "220"}
    assert any(i.row_label == "技术研究与开发" and i.row_kind == "item" for i in result.items)
    assert sum(1 for i in result.issues if i.issue_code == "class_code_from_name") == 1


def test_a_class_name_in_a_coded_table_is_not_read_from_its_name():
    text = CHANGCHUN_EXPENDITURE + "\n\t社会保障和就业支出\t1.00\t1.00\t1.00\t\t\t\t\t\t"
    result = parse_document(_blocks(text), "万元")
    assert not any(i.row_key == "208" for i in result.items)


def test_a_note_under_an_empty_table_that_it_has_no_such_expenditure_marks_it_empty():
    # 江苏省人大常委会办公厅 2017: '(无政府性基金支出）' printed under the blank 政府性基金 table
    blocks = [
        Block("text", 15, 0, lines=["财政拨款政府性基金支出预算表", "部门：", "江苏省人大常委会办公厅", "单位：万元"]),
        Block("table", 15, 1, rows=[[Cell("功能科目代码"), Cell("功能科目名称"), Cell("金额")],
                                    [Cell(""), Cell("合计"), Cell("")]]),
        Block("text", 15, 2, lines=["(无政府性基金支出）"]),
        Block("text", 16, 3, lines=["一般公共预算支出预算表", "单位：万元"]),
        Block("table", 16, 4, rows=[[Cell("功能科目代码"), Cell("功能科目名称"), Cell("金额")],
                                    [Cell(""), Cell("合计"), Cell("")]]),
    ]
    result = parse_document(blocks, "万元")
    assert [t.no_data_note for t in result.tables] == [True, False]
    assert [i.table_index for i in result.issues if i.issue_code == "table_without_amounts"] == [1]


def test_a_table_keeps_the_year_of_its_title_and_the_department_of_its_heading():
    # 004: table 六 names the department 政务服务管理局 where the others print 政务信息管理局
    blocks = [
        Block("text", 8, 0, lines=["2024年度一般公共预算财政拨款基本支出决算明细表", "公开06表",
                                   "部门：封丘县行政审批和政务服务管理局", "单位：万元"]),
        Block("table", 8, 1, rows=[[Cell("科目编码"), Cell("科目名称"), Cell("决算数")],
                                   [Cell("301"), Cell("工资福利支出"), Cell("1.00")]]),
        Block("text", 9, 2, lines=["收入决算表", "单位：万元"]),
        Block("table", 9, 3, rows=[[Cell("科目编码"), Cell("科目名称"), Cell("本年收入合计")],
                                   [Cell("201"), Cell("一般公共服务支出"), Cell("1.00")]]),
    ]
    result = parse_document(blocks, "万元")
    assert [(t.heading_year, t.heading_department) for t in result.tables] == [
        (2024, "封丘县行政审批和政务服务管理局"), (None, None),
    ]
