"""Codes printed by omission in split 类 | 款 | 项 columns (烟台 公开表)."""
from pipeline.parse.code_parts import inherit_code_parts

LEAVES = ["类", "款", "项", "科目名称"]


def test_a_kuan_printed_alone_takes_the_lei_above():
    assert inherit_code_parts(["", "08", "", "进修及培训"], LEAVES, "205") == ["205", "08", "", "进修及培训"]


def test_a_xiang_printed_alone_takes_the_lei_and_kuan_above():
    assert inherit_code_parts(["", "", "03", "培训支出"], LEAVES, "20508") == ["205", "08", "03", "培训支出"]
    assert inherit_code_parts(["", "", "14", "文化和旅游管理事务"], LEAVES, "2070113") == [
        "207", "01", "14", "文化和旅游管理事务"]


def test_rows_left_as_printed():
    # the 类 is printed; a total row; nothing above; a 项 with only a 类 above; no split columns
    assert inherit_code_parts(["207", "", "", "文化旅游体育与传媒支出"], LEAVES, "2050803")[0] == "207"
    assert inherit_code_parts(["", "", "", "合 计"], LEAVES, "205") == ["", "", "", "合 计"]
    assert inherit_code_parts(["", "08", "", "进修及培训"], LEAVES, None) == ["", "08", "", "进修及培训"]
    assert inherit_code_parts(["", "", "03", "培训支出"], LEAVES, "205") == ["", "", "03", "培训支出"]
    assert inherit_code_parts(["", "08", "进修及培训"], ["科目编码", "序号", "科目名称"], "205") == [
        "", "08", "进修及培训"]
