"""A table whose title is printed again on the next page goes on there."""
from pipeline.model import ParsedTable
from pipeline.parse.continuation import heading_lines, repeated_header_end, repeats_title
from pipeline.vocabulary.titles import title_lines


def _table(title, page):
    return ParsedTable(0, title, "general_expenditure", "元", page, page, [0], 10, 8)


def test_xian_title_reprinted_without_its_number_continues_the_table():
    # 西安 2022: page 46 '表5 / 2022年…（按功能科目分）', page 47 the title alone
    first = title_lines(["表5", "2022年部门综合预算一般公共预算支出明细表（按功能科目分）", "金额单位：元"])[-1]
    table = _table(first, 46)
    again = "2022年部门综合预算一般公共预算支出明细表（按功能科目分）"
    heading = heading_lines(["金额单位：元"])
    assert repeats_title(table, again, 47, heading, heading)
    assert not repeats_title(table, again, 49, heading, heading)  # not the next page
    assert not repeats_title(table, "2022年部门综合预算一般公共预算支出明细表（按经济分类科目分）", 47)


def test_continued_marker_and_another_unit():
    table = _table("收入决算表", 3)
    assert repeats_title(table, "收入决算表(续)", 4)
    assert not repeats_title(table, "收入决算表", 4, ("部门(单位):烟台市博物馆",), ("部门(单位):烟台市文化和旅游局",))


def test_repeated_header_rows_are_skipped_whatever_the_first_body_row_looks_like():
    header = [["科目编码", "", "", "科目名称", "合计"], ["类", "款", "项", "", ""]]
    from pipeline.parse.continuation import header_signature
    rows = header + [["", "", "14", "文化和旅游管理事务", "698.30"]]
    assert repeated_header_end(header_signature(header), rows) == 2
    assert repeated_header_end(header_signature(header), [["", "", "14", "文化和旅游管理事务", "698.30"]]) is None


def test_the_first_tables_heading_may_hold_more_lines_than_its_continuation():
    table = _table("收入总体情况表", 10)
    first = heading_lines(["部门名称：烟台市文化和旅游局", "部门（单位）：烟台市文化和旅游局", "单位：万元"])
    again = heading_lines(["部门（单位）：烟台市文化和旅游局", "单位：万元"])
    assert repeats_title(table, "收入总体情况表", 11, again, first)
