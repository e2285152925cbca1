import pytest

from pipeline.parse.metadata import detect_metadata, normalize_department
from tests.conftest import seed_text


@pytest.mark.parametrize(
    ("stem", "report_type", "year", "department", "scope", "unit"),
    [
        ("000_5cd6d46b1da1057e", "final", 2022, "温县政务服务和大数据管理局", "own", "万元"),
        ("001_525ba3c66e401ae8", "budget", 2022, "洛阳市孟津区政务服务和大数据管理局", "consolidated", "万元"),
        ("002_ce97c528681cbbae", "final", 2023, "曾都区政务服务和大数据管理局", "consolidated", "万元"),
        ("003_ff2ed464ea78daa4", "budget", 2023, "青龙满族自治县行政审批局", "consolidated", "万元"),
        ("004_7ef2e694213809ab", "final", 2024, "封丘县行政审批和政务信息管理局", None, "万元"),
    ],
)
def test_metadata_per_seed(stem, report_type, year, department, scope, unit):
    md = detect_metadata(seed_text(stem))
    assert (md.report_type, md.fiscal_year, md.department, md.scope, md.unit) == (
        report_type, year, department, scope, unit)


def test_publication_date_is_not_the_fiscal_year():
    text = "2024 年度\n\n封丘县行政审批和政务信息管理局\n\n部门决算\n\n二〇二五年九月\n\n2025年9月30日\n部门：封丘县行政审批和政务信息管理局\n2024 年度"
    assert detect_metadata(text).fiscal_year == 2024


@pytest.mark.parametrize(
    ("printed", "name", "scope"),
    [
        ("436 青龙满族自治县行政审批局", "青龙满族自治县行政审批局", None),
        ("曾都区政务服务和大数据管理局（汇总）", "曾都区政务服务和大数据管理局", "consolidated"),
        ("洛阳市孟津区政务服务和大数据管理局 单位:万元", "洛阳市孟津区政务服务和大数据管理局", None),
        ("温县政务服务和大数据管理局部门决算", "温县政务服务和大数据管理局", None),
        # a section heading whose space OCR lost (Shanghai 2024 决算, scanned)
        ("第三部分中共上海市普陀区委社会工作部", "中共上海市普陀区委社会工作部", None),
    ],
)
def test_department_normalization(printed, name, scope):
    assert normalize_department(printed) == (name, scope)


def test_unfilled_template_department_loses_the_vote():
    # 001 prints one table with '部门名称: 洛阳市 XXXX 局' left from a template
    text = "部门名称: 洛阳市 XXXX 局 单位: 万元\n" + "部门名称: 洛阳市孟津区政务服务和大数据管理局 单位:万元\n" * 2
    assert detect_metadata(text).department == "洛阳市孟津区政务服务和大数据管理局"


# --- each family below is a made-up department and year, laid out as the real document prints it ---

def test_unit_budget_cover_names_the_unit():
    # 福州 单位预算: the cover title is the only place naming the unit (its tables print only 单位：万元)
    text = ("2027年度临江市公安局后勤服务中心单位预算\n目录\n"
            "第一部分单位概况...........................1\n"
            "第二部分 2027年度单位预算表.....................4\n"
            "一、收支预算总表...........................5\n第一部分单位概况\n1\n一、单位主要职责\n"
            "临江市公安局后勤服务中心的主要职责是：做好后\n勤保障工作。\n"
            "单位：万元\n项目\t本年预算\n")
    md = detect_metadata(text, "预算数据__017_临江__公安局_2027年度临江市公安局后勤服务中心单位预算.pdf.pdf")
    assert (md.report_type, md.fiscal_year, md.department) == ("budget", 2027, "临江市公安局后勤服务中心")


def test_unit_budget_cover_wrapped_over_two_lines():
    # 泉州: '2027年度' / '<unit>单位预算', then a 单位构成 table listing units under 单位名称
    text = ("2027年度\n临江市市场监管技术保障中心单位预算\n目 录\n第一部分\n单位概况\n1\n"
            "二、单位预算单位构成\n从预算单位构成看，临江市市场监管技术保\n障中心包括 7个科（股）室，详细情况见下表:\n"
            "序号\n单位名称\n1\n临江市市场监管技术保障中心\n")
    md = detect_metadata(text)
    assert (md.fiscal_year, md.department) == (2027, "临江市市场监管技术保障中心")


@pytest.mark.parametrize("label", ["部门名称", "单位名称", "编制单位", "填报单位", "预算单位"])
def test_department_from_a_table_header_label(label):
    text = f"收支预算总表\n{label}：临江市档案馆\t\t单位：万元\n项目\t预算数\n一、一般公共预算拨款收入\t5.00\n"
    assert detect_metadata(text).department == "临江市档案馆"


def test_a_sentence_naming_other_units_gives_no_department():
    text = ("二、单位预算单位构成\n纳入临江市生态环境局2027年部门预算编制范围的单位包括临江市环境监测站\n"
            "2.从预算单位构成看，纳入本部门 2027 年部门汇总预算编\n制范围的预算单位共计 1家，即临江市环境监测站。\n")
    assert detect_metadata(text).department is None


def test_explanation_booklet_names_its_department_in_the_attachment_line():
    # 江苏 说明册: no cover, a table of contents, narrative (sentences whose subject is the
    # department) and, at the end, the attachment line naming the tables
    text = ("- 1 -\n目 录\n第一部分 部门概况\n第二部分 2027 年度部门预算表\n一、收支预算总表\n"
            "第三部分 2027 年度部门预算情况说明\n- 2 -\n一、主要职能\n市政协是我市最广泛的爱国统一战线组织，\n"
            "1.根据部门职责分工，本部门内设机构包括市政协办公厅、\n研究室。下属事业单位包括：\n"
            "临江市政协联谊俱乐部、临江市政协文史资料编辑部等。\n"
            "临江市政协办公厅2027年度收入、支出预算总计13,377.11\n万元，与上年相比增加 80.00 万元。\n"
            "附件：临江市政协办公厅 2027年度部门预算公开表\n")
    md = detect_metadata(text)
    assert (md.report_type, md.fiscal_year, md.department) == ("budget", 2027, "临江市政协办公厅")


def test_ocr_misreading_on_the_cover_is_outvoted_by_the_spelling_the_text_prints():
    # 北京 情况说明, scanned: OCR read the cover's 京 as 东; the body prints the name right several
    # times and the attachment line wraps over two lines
    text = ("北东市政务服务 和数据管理局\n2027 年度部门预算信息售 公开\n"
            "北东市政务服务和数据管理局2027年度部门预算\n"
            "北京市政务服务和数据管理局〈以下简称 市政务和数\n据局 ) 于 2024 年 1 月正式组建\n"
            "2027 年北京市政务服务和数据管理局政府采购预算总\n"
            "附件 : 北京市政务服务和数据管理局 2027 年度部门预\n算报表\n")
    assert detect_metadata(text).department == "北京市政务服务和数据管理局"


def test_merge_misreadings_keeps_the_printed_spelling():
    from collections import Counter

    from pipeline.parse.metadata import merge_misreadings
    text = "临江市档案馆 临江市档案馆 临沮市档案馆 临江市气象局"
    votes = Counter({"临沮市档案馆": 4, "临江市档案馆": 2, "临江市气象局": 3})
    assert merge_misreadings(votes, text) == Counter({"临江市档案馆": 6, "临江市气象局": 3})


def test_the_cover_year_wins_over_the_years_the_body_cites():
    # 西安 综合预算: the cover names the year; the body compares with earlier years many times
    text = ("附件2\n2021年部门综合预算公开报表\n部门名称：临江市安全生产监督管理局\n目录\n"
            "表1\t2021年部门综合预算收支总表\t否\t\n"
            + "与2019年度相比，2020年度决算数增加。2019年度决算数为 12.00 万元。\n" * 6)
    assert detect_metadata(text).fiscal_year == 2021


def test_a_table_title_with_its_year_names_the_year():
    # 江苏 公开表: tables only; the year is printed once, in the last table's title
    text = "公开01表\n收支预算总表\n部门：临江市政协办公厅\n单位：万元\n公开12表\n2027年政府采购预算表\n"
    assert detect_metadata(text, "pdf_files__jszwfw__临江__临江市政协办公厅2026年预算公开表.pdf").fiscal_year == 2027


def test_table_only_attachment_reads_its_department_from_the_file_name():
    # 北京 附件2 报表: no cover, no 部门 line; the year is printed in one table, the department
    # nowhere but in the crawl-saved file name
    from pipeline.model import ExtractedDocument, Page
    from pipeline.parse.metadata import detect_document_metadata

    text = ("\t预算01表 收支总表\t\t\t\n\t\t\t\t金额单位：万元\n\t收 入\t\t支 出\t\n\t项 目\t预算数\t项 目\t预算数\n"
            "\t一、一般公共预算拨款收入\t5,131.706333\t一、一般公共服务支出\t\n"
            "\t预算13表 部门整体支出绩效目标表\n（2027年度）\n")
    name = "预算数据__002_临江__政府办公厅_附件2：临江绿化委员会办公室2027年度部门预算报表.pdf"
    doc = ExtractedDocument(name, "0" * 64, "pdf", [Page(1, text, True, False, False)], [])
    md, issues = detect_document_metadata(doc)
    assert (md.report_type, md.fiscal_year, md.department) == ("budget", 2027, "临江绿化委员会办公室")
    assert [i.issue_code for i in issues] == ["department_from_file_name"]
    assert all(i.severity == "info" for i in issues)


def test_the_content_wins_over_a_lying_file_name():
    # a file named 2027 and after the bureau, holding its unit's 2021 budget
    from pipeline.parse.metadata import read_metadata

    text = ("2021年度临江市应急管理局救援保障中心单位预算\n目录\n"
            "单位名称：临江市应急管理局救援保障中心\t单位：万元\n")
    reading = read_metadata(text, "预算数据__020_临江__应急管理局_2027年度临江市应急管理局部门决算.pdf")
    md = reading.metadata
    assert (md.report_type, md.fiscal_year, md.department) == ("budget", 2021, "临江市应急管理局救援保障中心")
    assert reading.from_file_name == []


def test_a_generic_file_name_gives_a_year_but_no_department():
    from pipeline.parse.metadata import read_metadata

    text = "收支总表\n单位：万元\n项目\t预算数\n"
    reading = read_metadata(text, "预算数据__040_临江__信访局_2027年部门预算.pdf")
    md = reading.metadata
    assert (md.report_type, md.fiscal_year, md.department) == ("budget", 2027, None)
    assert reading.from_file_name == ["report_type", "fiscal_year"]


def test_cover_wrapped_in_markdown_marks():
    # a markdown extract of a 决算 cover: '**2026年度' / '<department>部门决算**', then the publication date
    text = "**2026年度\n临江县行政审批局部门决算**\n二〇二七年九月\n目 录\n第一部分 临江县行政审批局概况\n"
    md = detect_metadata(text)
    assert (md.report_type, md.fiscal_year, md.department) == ("final", 2026, "临江县行政审批局")


def test_label_department_reads_a_tables_department_line_and_not_its_unit_line():
    from pipeline.parse.metadata import label_department

    assert label_department("编制部门：上海市普陀区司法局") == "上海市普陀区司法局"
    assert label_department("预算单位：长春市信访局单位：万元") == "长春市信访局"
    assert label_department("单位名称：洛阳市XXXX局") == "洛阳市XXXX局"  # a template left unfilled
    assert label_department("单位：万元") is None
    assert label_department("部门（单位）：万") is None
