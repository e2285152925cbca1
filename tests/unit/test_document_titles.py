"""Document titles (covers, attachment lines, file names): made-up departments and years, printed
as the real covers print them."""
import pytest

from pipeline.vocabulary.document_titles import DocumentTitle, parse_bare_name, parse_title, starts_entry


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        # a unit's budget cover (福州 单位预算): year, unit, 单位预算
        ("2027年度临江市公安局后勤服务中心单位预算", DocumentTitle(2027, "临江市公安局后勤服务中心", "budget")),
        # name first, scope marker kept, title words after (长春)
        ("临江市信访局（本级）2027年度部门预算公开", DocumentTitle(2027, "临江市信访局(本级)", "budget")),
        # a budget without 部门/单位 (上海)
        ("临江市减污降碳运行中心2027年度预算", DocumentTitle(2027, "临江市减污降碳运行中心", "budget")),
        # a cover naming only the year (西安 综合预算)
        ("2021年部门综合预算公开报表", DocumentTitle(2021, None, "budget")),
        # an attachment line (北京 情况说明, 江苏 说明册)
        ("附件2：临江市人民政府国有资产监督管理委员会2027年度部门预算报表",
         DocumentTitle(2027, "临江市人民政府国有资产监督管理委员会", "budget")),
        ("附件 : 临江市政协办公厅 2027 年度部门预算公开表", DocumentTitle(2027, "临江市政协办公厅", "budget")),
        # a part heading of the table of contents
        ("第二部分 2026 年度部门决算表", DocumentTitle(2026, None, "final")),
        # markdown marks around a wrapped cover, joined
        ("**2026年度临江县行政审批局部门决算**", DocumentTitle(2026, "临江县行政审批局", "final")),
        ("临江县行政审批局部门决算", DocumentTitle(None, "临江县行政审批局", "final")),
    ],
)
def test_titles(printed, title):
    assert parse_title(printed) == title


@pytest.mark.parametrize(
    "sentence",
    [
        "2.从预算单位构成看，纳入本部门 2027 年部门汇总预算编",
        "纳入临江市生态环境局2027年部门预算编制范围的单位包括临江市环境监测站",
        "临江市政协办公厅2027年度收入、支出预算总计13,377.11",
        "2027 年临江市政务服务和数据管理局政府采购预算总",
        "2027年度部门预算信息售 公开",  # OCR noise after the title words: not a title
    ],
)
def test_sentences_and_noise_are_not_titles(sentence):
    assert parse_title(sentence) is None


@pytest.mark.parametrize(
    ("printed", "name"),
    [("1．中共临江市委宣传部", "中共临江市委宣传部"), ("临江市规划和自然资源局", "临江市规划和自然资源局"),
     ("部门预算", None), ("000 5cd6d46b1da1057e", None), ("科技", None)],
)
def test_bare_names(printed, name):
    assert parse_bare_name(printed) == name


@pytest.mark.parametrize(
    ("line", "starts"),
    [("第二部分 2027年度部门预算表", True), ("一、收支预算总表", True), ("附件2：收支总表", True),
     ("- 一、部门职责", True), ("临江县行政审批局部门决算**", False), ("算报表", False)],
)
def test_a_title_never_wraps_into_a_new_entry(line, starts):
    assert starts_entry(line) is starts
