"""The layout-family generator (pipeline/tools/layouts.py) on grids cut from the seeds."""
from __future__ import annotations

import random

from pipeline.tools.layouts import (
    FAMILIES,
    Document,
    HTable,
    Prose,
    Table,
    family_rng,
    in_wan,
    join_continuations,
    merge_header,
    split_code_table,
    split_header,
    split_pages,
    to_html,
    to_yuan,
    yuan,
)

# seed 000, 收入决算表 (公开02表)
INCOME = [
    ["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入"],
    ["功能分类科目编码", "科目名称", "", "", ""],
    ["", "栏次", "1", "2", "3"],
    ["", "合计", "166.54", "166.54", "0.00"],
    ["201", "一般公共服务支出", "166.54", "166.54", "0.00"],
    ["20103", "政府办公厅（室）及相关机构事务", "166.54", "166.54", "0.00"],
    ["2010301", "行政运行", "166.54", "166.54", "0.00"],
]


def test_header_is_the_rows_before_the_first_amount():
    table = split_header(INCOME)
    assert len(table.header) == 3 and table.body[0][1] == "合计"
    # an extraction's spaced decimal point is an amount too (seed 003: 738. 05)
    assert len(split_header([["项目", "金额"], ["合计", "738. 05"]]).header) == 1


def test_split_codes_prints_lei_kuan_xiang_columns():
    table = split_code_table(split_header(INCOME), padded=True)
    assert table.body[-1][:4] == ["201", "03", "01", "行政运行"]
    assert table.body[1][:4] == ["201", "", "", "一般公共服务支出"]
    assert table.body[0][:4] == ["", "", "", "合计"]
    assert ["类", "款", "项"] == table.header[2][:3]  # a row of part names under the 科目编码 label
    assert table.header[1][:4] == ["功能分类科目编码", "", "", "科目名称"]
    unpadded = split_code_table(split_header(INCOME), padded=False)
    assert unpadded.body[-1][:3] == ["201", "3", "1"]


def test_split_codes_leaves_economic_codes_in_two_parts_and_split_codes_alone():
    economic = Table([["科目编码", "科目名称", "决算数"]],
                     [["301", "工资福利支出", "134.18"], ["30101", "基本工资", "77.68"]])
    assert split_code_table(economic, padded=True).body[1][:3] == ["301", "01", "基本工资"]
    # a continuation page of codes printed split already (Shanghai 2026 budget): no header, 208 | 05 | 06
    continued = Table([], [["208", "05", "06", "机关事业单位职业年金缴费支出", "919739.00"],
                           ["208", "05", "99", "其他行政事业单位养老支出", "6440.00"]])
    assert split_code_table(continued, padded=True) == continued


def test_yuan_is_exact_with_thousands_separators():
    assert to_yuan("166.54") == "1,665,400.00"
    assert to_yuan("738. 05") == "7,380,500.00"
    assert to_yuan("0.00") == "0.00"
    assert to_yuan("0.1") == "1,000.00"


def test_yuan_family_converts_amount_columns_and_unit_lines_only():
    doc = Document("x", [Prose(["收入决算表", "单位：万元"]), split_header(INCOME)])
    assert in_wan(doc)
    rendering = yuan(doc, random.Random(0))
    prose, table = rendering.parts
    assert prose.lines == ["收入决算表", "单位：元"]
    assert [c.text for c in table.body[-1]] == ["2010301", "行政运行", "1,665,400.00", "1,665,400.00", "0.00"]
    assert [c.text for c in table.header[2]] == ["", "栏次", "1", "2", "3"]  # column numbers stay


def test_merged_header_spans_group_labels_and_rows():
    header = merge_header(split_header(INCOME).header)
    first = [(c.text, c.colspan, c.rowspan) for c in header[0]]
    assert first[0] == ("项目", 2, 1)  # over 功能分类科目编码 | 科目名称
    assert first[1] == ("本年收入合计", 1, 2)  # blank below it in the second header row
    assert [(c.text, c.colspan) for c in header[2]] == [("", 1), ("栏次", 1), ("1", 1), ("2", 1), ("3", 1)]


def test_split_pages_repeats_the_header_and_reprints_the_total():
    body = [["", "合计", "10.00"]] + [[f"2010{i:02d}", "x", "1.00"] for i in range(1, 21)]
    doc = Document("x", [Table([["科目编码", "科目名称", "金额"]], body)])
    tables = [p for p in split_pages(doc, random.Random(3)).parts if isinstance(p, HTable)]
    assert len(tables) >= 2 and not tables[0].break_before and all(t.break_before for t in tables[1:])
    for t in tables:
        assert [c.text for c in t.header[0]] == ["科目编码", "科目名称", "金额"]
        assert t.body[0][1].text == "合计"
    rows = [r[0].text for t in tables for r in t.body if r[1].text != "合计"]
    assert rows == [r[0] for r in body[1:]]  # every data row once, in order


def test_every_family_renders_html_reproducibly():
    doc = Document("x", [Prose(["2022年度", "某局部门决算"]), Prose(["收入决算表", "单位：万元"]),
                         split_header(INCOME)])
    for name, family in FAMILIES.items():
        first = to_html(family(doc, family_rng(1, "x", name)))
        again = to_html(family(doc, family_rng(1, "x", name)))
        assert first == again, name
        assert "行政运行" in first and "某局部门决算" in first, name


def test_yuan_leaves_code_columns_alone_when_a_total_is_printed_under_them():
    # seed 002 基本支出决算明细表: the 公用经费合计 amount sits under the third group's code column
    table = Table([["科目代码", "科目名称", "决算数"]],
                  [["307", "债务利息及费用支出", "0.00"], ["30701", "国内债务付息", "0.00"],
                   ["16.22", "公用经费合计", "16.22"], ["", "", ""], ["", "合计", "3"]])
    doc = Document("x", [Prose(["单位：万元"]), table])
    rows = [[c.text for c in r] for r in yuan(doc, random.Random(0)).parts[1].body]
    assert rows[1] == ["30701", "国内债务付息", "0.00"]
    assert rows[2] == ["162,200.00", "公用经费合计", "162,200.00"]
    assert rows[4] == ["", "合计", "30,000.00"]  # an integer in an amount column is an amount


def test_a_headerless_table_after_a_table_is_its_continuation():
    # Shanghai 2026 budget, 部门支出预算总表: page 13 continues page 12's table without a header
    first = split_header([["项目", "", "", "科目名称", "合计"], ["类", "款", "项", "", ""],
                          ["204", "06", "01", "行政运行", "16726725.44"]])
    rest = split_header([["208", "05", "06", "机关事业单位职业年金缴费支出", "919739.00"]])
    other = split_header([["科目编码", "科目名称", "决算数"], ["301", "工资福利支出", "1.00"]])
    joined = join_continuations([first, rest, Prose(["下一表"]), other])
    assert len(joined) == 3
    assert [r[0] for r in joined[0].body] == ["204", "208"] and joined[0].header == first.header
    assert joined[2] is other


def test_split_codes_part_names_go_above_the_column_numbers():
    # seed 002 公开05表: the extract put 栏次 and 合计 in one cell, the total's amounts on the next row
    table = split_header([["项目", "", "本年支出"], ["科目代码", "科目名称", "小计"], ["栏次 合计", "", "1"],
                          ["", "", "716.40"], ["201", "一般公共预算服务支出", "657.15"],
                          ["20103", "政府办公厅（室）及相关机构事务", "562.92"]])
    split = split_code_table(table, padded=True)
    assert [row[:3] for row in split.header] == [["项目", "", ""], ["科目代码", "", ""], ["类", "款", "项"],
                                                 ["栏次 合计", "", ""]]
