"""Class rows of tables that print names without codes (杭州)."""
from pipeline.parse.class_names import class_code_for_name

NAME_ONLY = ["功能分类科目名称"]


def test_a_row_named_as_a_functional_class_is_that_class():
    assert class_code_for_name("社会保障和就业支出", NAME_ONLY, None, "expenditure") == "208"
    assert class_code_for_name("自然资源海洋气象等支出", NAME_ONLY, "208", "general_expenditure") == "220"


def test_not_a_class():
    # a 款 named as its class, just read; a table with a code column; an economic table (其他支出 is 399)
    assert class_code_for_name("其他支出", NAME_ONLY, "229", "expenditure") is None
    assert class_code_for_name("社会保障和就业支出", ["科目编码", "科目名称"], None, "expenditure") is None
    assert class_code_for_name("其他支出", ["经济分类科目名称"], None, "general_basic_expenditure") is None
    assert class_code_for_name("行政事业单位养老支出", NAME_ONLY, "208", "expenditure") is None
