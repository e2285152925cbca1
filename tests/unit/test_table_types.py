import pytest

from pipeline.parse.table_types import table_type_for_title
from pipeline.vocabulary.titles import disclosure_number, is_title


@pytest.mark.parametrize(
    ("title", "table_type"),
    [
        ("收入决算表", "income"),
        ("# 2022 年部门收入预算表", "income"),
        ("部门预算收入总表", "income"),
        ("三、支出决算表", "expenditure"),
        ("部门预算支出总表", "expenditure"),
        ("一般公共预算财政拨款支出决算表", "general_expenditure"),
        ("## 2022 年一般公共预算支出预算表", "general_expenditure"),
        ("一般公共预算财政拨款基本支出决算明细表", "general_basic_expenditure"),
        ("部门预算一般公共预算财政拨款基本支出表", "general_basic_expenditure"),
        ("政府性基金预算财政拨款收入支出决算表", "fund_expenditure"),
        ("部门预算政府基金预算财政拨款支出表", "fund_expenditure"),
        ("国有资产经营预算财政拨款支出决算表", "state_capital_expenditure"),  # 000's typo
        ("## 2022 年支出经济分类汇总表", "economic_summary"),
        ("收入支出决算总表", "summary"),
        ("收入支出决算汇总表", "summary"),
        ("部门预算收支总表", "summary"),
        ("财政拨款收入支出决算总表", "fiscal_summary"),
        ("# 2022 年财政拨款收支预算表", "fiscal_summary"),
        ("财政拨款“三公”经费支出决算表", "three_public"),
        ("## 2022 年项目支出预算表", "project_expenditure"),
        ("部门整体支出绩效自评情况表", "performance"),
    ],
)
def test_title_to_table_type(title, table_type):
    assert is_title(title)
    assert table_type_for_title(title) == table_type


@pytest.mark.parametrize("line", ["公开05表", "注：本表反映部门本年度取得的各项收入情况。", "单位：万元", "部门：温县政务服务和大数据管理局"])
def test_lines_that_are_not_titles(line):
    assert not is_title(line)


def test_disclosure_number():
    assert disclosure_number("公开 05 表") == 5
    assert disclosure_number("收入决算表") is None


def test_every_table_type_the_rules_produce_is_a_seed_row():
    """The seed table_types.csv is the one list of table types; the title rules use no other code."""
    from pipeline.parse.reference import line_item_table_types, table_type_codes
    from pipeline.parse.table_types import LINE_ITEM_TABLE_TYPES, table_types_of_rules

    assert table_types_of_rules() <= table_type_codes()
    assert LINE_ITEM_TABLE_TYPES == line_item_table_types()
    assert "income" in LINE_ITEM_TABLE_TYPES and "three_public" not in LINE_ITEM_TABLE_TYPES


@pytest.mark.parametrize(
    ("title", "table_type"),
    [
        ("收支总表（预算表 1）", "summary"),  # 长春: the table's number in brackets after its name
        ("收入总表(预算表 2)", "income"),
        ("公开 01表：收支预算总表", "summary"),  # 江苏 2018: the number, a colon, the name
        ("公开 02表：收入预算总表", "income"),
        ("表1：2026年市级部门收支预算总表", "summary"),  # 杭州
        ("表3：2026年市级部门支出预算总表", "expenditure"),
        ("表11.2026年市级部门项目支出绩效表", "performance"),
        ("预算05表一般公共预算支出表", "general_expenditure"),  # 北京
        ("公开表5一般公共预算支出情况表", "general_expenditure"),  # 烟台: 表5, then 一般… (not 表5一)
        ("公开表1收支总体情况表", "summary"),
        ("公开表2收入总体情况表", "income"),
        ("表一：收支总表", "summary"),
        # 西安 部门综合预算: a bracketed qualifier after the name
        ("2019年部门综合预算一般公共预算支出明细表（按支出功能分类科目）", "general_expenditure"),
        ("2022年部门综合预算一般公共预算支出明细表（按经济分类科目分）", "economic_summary"),
        ("2019年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", "general_basic_expenditure"),
        ("2022年部门综合预算一般公共预算基本支出明细表（按功能科目分）", "general_basic_expenditure"),
    ],
)
def test_titles_with_the_table_number_before_or_after_the_name(title, table_type):
    assert is_title(title)
    assert table_type_for_title(title) == table_type


def test_a_title_wrapped_onto_two_lines_is_one_title():
    """江苏 2018: the 三公 title wraps; its second line alone ('支出预算表') names another table."""
    from pipeline.vocabulary.titles import title_lines

    lines = ["公开 09 表：一般公共预算“三公”经费、会议费、培训费", "支出预算表", "部门：", "江苏省人民检察院",
             "单位：万元"]
    titles = title_lines(lines)
    assert len(titles) == 1
    assert table_type_for_title(titles[0]) == "three_public"
    # a line that does not start with a table number is not joined to the next
    assert title_lines(["部门：江苏省人民检察院", "支出预算表"]) == ["支出预算表"]
