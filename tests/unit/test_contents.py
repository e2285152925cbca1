"""The table of contents (目录): listed tables, and those the document does not print."""
from pipeline.model import Block, ParsedTable
from pipeline.parse.contents import contents_lines, listed_tables, listed_tables_not_found


def _table(index: int, table_type: str) -> ParsedTable:
    return ParsedTable(index, "t", table_type, "万元", 3, 3, [index + 2], 3, 3)


# seed 002's contents (page numbers after dot leaders), then the body
CONTENTS_002 = Block("text", 1, 0, lines=[
    "曾都区政务服务和大数据管理局（汇总）",
    "2023 年度部门决算",
    "目 录",
    "第二部分 曾都区政务服务和大数据管理局(汇总)2023 年度部门决算表",
    "- 一、收入支出决算总表..... 5",
    "- 二、收入决算表..... 5",
    "- 七、政府性基金预算财政拨款收入支出决算表..... 8",
    "- 九、财政拨款“三公”经费支出决算表..... 9",
    "二、收入决算情况说明..... 9",
])


def test_contents_lines_follow_the_heading_on_its_page():
    after = Block("text", 1, 1, lines=["部门预算收支总表 4"])
    next_page = Block("text", 2, 2, lines=["收入决算表"])
    lines = contents_lines([CONTENTS_002, after, next_page])
    assert lines[0] == (1, "第二部分 曾都区政务服务和大数据管理局(汇总)2023 年度部门决算表")
    assert (1, "部门预算收支总表 4") in lines
    assert (2, "收入决算表") not in lines


def test_listed_tables_are_typed_as_printed_titles():
    # 003's page numbers without leaders; a part heading and a 说明 line are no listing
    block = Block("text", 1, 0, lines=[
        "2023 年部门预算信息公开目录", "部门预算收支总表 4", "部门预算政府基金预算财政拨款支出表 15",
        "二、部门预算安排的总体情况 20",
    ])
    assert [(line, t) for _, line, t in listed_tables([block])] == [
        ("部门预算收支总表 4", "summary"), ("部门预算政府基金预算财政拨款支出表 15", "fund_expenditure"),
    ]
    assert [t for _, _, t in listed_tables([CONTENTS_002])] == ["summary", "income", "fund_expenditure", "three_public"]


def test_a_listed_table_not_printed_is_an_issue():
    tables = [_table(0, "summary"), _table(1, "income"), _table(2, "three_public")]
    issues = listed_tables_not_found([CONTENTS_002], tables)
    assert [(i.issue_code, i.severity, i.page, i.detail) for i in issues] == [
        ("listed_table_not_found", "info", 1, "fund_expenditure\t七、政府性基金预算财政拨款收入支出决算表..... 8"),
    ]


def test_every_listed_table_printed_is_no_issue():
    tables = [_table(0, "summary"), _table(1, "income"), _table(2, "fund_expenditure"), _table(3, "three_public")]
    assert listed_tables_not_found([CONTENTS_002], tables) == []
    # no contents: nothing listed
    assert listed_tables_not_found([Block("text", 1, 0, lines=["收入决算表"])], []) == []
