"""The 说明 narrative → sentences → statements (pipeline/parse/narrative.py).

Every sentence is copied from a real document: the seed texts (../shared/seeds), the
PDFs of raw/ (上海市普陀区司法局2026年部门预算, 中共上海市普陀区委社会工作部2024年度部门决算)
and of corpus/wild (国家信访局2024年度部门决算, 西安 科技创新局, 长春 信访局), as their
readers print them (PDF lines wrapped where the page wraps them).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.model import Block
from pipeline.parse.narrative import (
    TOPIC_CODES,
    document_statements,
    read_amounts,
    read_statement,
    read_statements,
    split_sentences,
    topic_of,
)

D = Decimal

# 上海市普陀区司法局2026年部门预算.pdf, page 8: the 编制说明 as the PDF reader gives its lines
PUTUO_BUDGET = [
    "2026年部门预算编制说明",
    "2026年，上海市普陀区司法局收入预算9628.22万元，其中：财政拨款收入9628.22万元，比2026年预算增加793.14万元；事业收入0万",
    "元；事业单位经营收入0万元；其他收入0万元。",
    "支出预算9628.22万元，其中：财政拨款支出预算9628.22万元，比2026年预算增加793.14万元。财政拨款支出预算中，一般公共预算拨款",
    "支出预算9628.22万元，比2026年预算增加793.14万元；政府性基金拨款支出预算0万元，与2026年预算持平；国有资本经营预算拨款支出",
    "预算0万元，与2026年预算持平。",
    "财政拨款收入支出增加的主要原因是工作量增加",
    "财政拨款支出主要内容如下：",
    "1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。主要用于：行政单位的基本支出。2025年当年预算执行数为",
    "1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。主要原因是：部分人员退休。",
]

# 中共上海市普陀区委社会工作部_2024_年度部门决算.pdf, page 17
SHEHUI_FINAL = [
    "第三部分 中共上海市普陀区委社会工作部2024年度部门决算情况",
    "说明",
    "一、收入支出决算总体情况说明",
    "中共上海市普陀区委社会工作部2024年度收入支出总计307.82",
    "万元。与 2023 年度相比，收入支出总计增加 307.82 万元，增长",
    "100.00%。主要原因：单位于 2024 年成立。",
    "二、收入决算情况说明",
    "本年收入合计307.82 万元，其中：财政拨款收入307.82 万元，",
    "占100.00%。",
]


# ------------------------------------------------------------------ sentences

def test_wrapped_lines_are_joined_and_split_on_terminators():
    assert split_sentences(PUTUO_BUDGET[:3]) == [
        "2026年部门预算编制说明",
        "2026年，上海市普陀区司法局收入预算9628.22万元，",
        "其中：财政拨款收入9628.22万元，比2026年预算增加793.14万元；",
        "事业收入0万元；",  # 万 | 元 wrapped across the line break
        "事业单位经营收入0万元；",
        "其他收入0万元。",
    ]


def test_numbered_headings_start_a_sentence_and_titles_stand_alone():
    sentences = split_sentences(SHEHUI_FINAL)
    assert sentences == [
        "第三部分 中共上海市普陀区委社会工作部2024年度部门决算情况说明",  # a title wrapped onto two lines
        "一、收入支出决算总体情况说明",
        "中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。",
        "与 2023 年度相比，收入支出总计增加 307.82 万元，增长100.00%。",
        "主要原因：单位于 2024 年成立。",
        "二、收入决算情况说明",
        "本年收入合计307.82 万元，",
        "其中：财政拨款收入307.82 万元，占100.00%。",
    ]


def test_markdown_markers_and_a_paragraph_broken_by_a_blank_line():
    # seed 001 (markdown): a bullet item whose last words are on the next paragraph
    lines = ["- (三)公务用车购置及运行费0万元,其中:公务用车购置费0万元;公务用车运行维护费0万元,主要用于开展工作所需"
             "公务用车的燃料费、维修费、过路过桥费、保险费、安全奖励费用", "", "等支出。预算数与2021年保持一致。",
             "### 八、政府性基金支出预算情况说明"]
    assert split_sentences(lines) == [
        "(三)公务用车购置及运行费0万元,",
        "其中:公务用车购置费0万元;",
        "公务用车运行维护费0万元,主要用于开展工作所需公务用车的燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出。",
        "预算数与2021年保持一致。",
        "八、政府性基金支出预算情况说明",
    ]


def test_numbered_items_1_dot_and_1_comma_start_sentences():
    lines = ["2023 年度一般公共预算财政拨款支出 716.4 万元，主要用于以下方面：",
             "1. 一般公共服务（类）支出 657.15 万元，占 91.7%。主要是用于行政单位（包括实行公务员管理的事业单位）的基本支出。",
             "具体包括：1.普陀区司法局本部", "2.普陀区法律援助中心"]
    assert split_sentences(lines) == [
        "2023 年度一般公共预算财政拨款支出 716.4 万元，主要用于以下方面：",
        "1. 一般公共服务（类）支出 657.15 万元，占 91.7%。",
        "主要是用于行政单位（包括实行公务员管理的事业单位）的基本支出。",
        "具体包括：1.普陀区司法局本部",
        "2.普陀区法律援助中心",
    ]


# ------------------------------------------------------------------ figures

@pytest.mark.parametrize(("text", "value", "unit"), [
    ("收入总计 883.5 万元,", D("883.5"), "万元"),
    ("合计1,234.56万元。", D("1234.56"), "万元"),
    ("上级补助收入 0 万元，", D("0"), "万元"),
    ("收入增加 85.62 万元万元,", D("85.62"), "万元"),  # seed 001: the unit printed twice
    ("支出 453. 37 万元", D("453.37"), "万元"),  # a space after the decimal point
    ("收入９６２８．２２万元", D("9628.22"), "万元"),  # full-width digits
    ("项目支出 424.67 万。", D("424.67"), "万元"),  # seed 002: a bare 万
    ("2026年预算支出1682.76元，", D("1682.76"), "元"),
    ("资产总额 1.5 亿元。", D("1.5"), "亿元"),
])
def test_amounts_as_printed(text, value, unit):
    (amount,) = read_amounts(text)
    assert (amount.value, amount.unit) == (value, unit)


def test_a_doubled_unit_is_one_amount_with_its_phrase():
    # seed 001, 一、收入支出预算总体情况说明
    st = read_statement("洛阳市孟津区政务服务和大数据管理局 2022 年收入总计 883.5 万元,支出总计 883.5 万元,"
                        "与 2021 年预算相比,收入增加 85.62 万元万元,增长 10.73%。")
    assert st.amounts[2].text == "85.62 万元万元"  # one printed amount
    assert [(a.value, a.unit, a.phrase, a.is_change) for a in st.amounts] == [
        (D("883.5"), "万元", "洛阳市孟津区政务服务和大数据管理局2022年收入总计", False),
        (D("883.5"), "万元", "支出总计", False),
        (D("85.62"), "万元", "收入增加", True),
    ]
    assert st.topic == "income_total"
    assert (st.amount_wan, st.change_direction, st.change_amount_wan, st.change_percent) == (
        D("883.5"), "increase", D("85.62"), D("10.73"))
    assert (st.compared_with, st.compared_year, st.years) == ("previous_year", 2021, [2022, 2021])


def test_an_amount_in_yuan_is_converted_to_wan_exactly():
    # 长春 信访局 2026年部门预算 (corpus/wild): the total printed in 元 by mistake
    st = read_statement("2026年预算支出1682.76元，")
    assert (st.amount, st.amount_unit) == (D("1682.76"), "元")
    assert st.amount_wan == D("0.168276")
    assert isinstance(st.amount_wan, Decimal) and str(st.amount_wan) == "0.168276"
    # 西安 科技创新局 (corpus/wild)
    st = read_statement("其中：公务用车购置费预算 0 元，与 2021 年持平；")
    assert (st.topic, st.amount_wan, st.amount_unit, st.change_direction) == ("vehicle_purchase", 0, "元", "flat")


def test_a_size_class_is_not_the_figure():
    st = read_statement("单价100万元（含）以上设备（不含车辆）0台（套）。")
    assert st.amounts[0].is_threshold and st.amount_wan is None
    assert st.topic == "state_assets"


# ------------------------------------------------------------------ statements

def test_income_total_with_a_short_increase_word():
    # seed 002: 增 before the amount
    st = read_statement("2023 年度收入合计 721.36 万元，与 2022 年度相比，收入合计增 145.91 万元，增长 25.4%。")
    assert (st.topic, st.amount_wan, st.change_direction, st.change_amount, st.change_percent) == (
        "income_total", D("721.36"), "increase", D("145.91"), D("25.4"))
    assert st.compared_with == "previous_year"


def test_expenditure_total_and_its_breakdown():
    first, second, third = (read_statement(s) for s in split_sentences(
        ["本年支出合计 307.82 万元，其中：基本支出 105.58 万元，占", "34.30%；项目支出202.24 万元，占 65.70%。"]))
    assert (first.topic, first.amount_wan) == ("expenditure_total", D("307.82"))
    assert (second.topic, second.amount_wan, [p.value for p in second.percentages]) == (
        "basic_expenditure", D("105.58"), [D("34.30")])
    assert (third.topic, third.amount_wan) == ("project_expenditure", D("202.24"))
    assert second.change_percent is None  # 占 34.30% is a share, not a change


def test_a_percentage_decrease_compared_with_the_previous_year():
    # seed 000
    st = read_statement("与上年度相比，收、支总计各减少101.44万元，下降37.24%，主要原因是：2021年单位对县政务服务大厅进行"
                        "升级改造，并增加10名综窗服务人员，本年度没有升级改造费用支出，所以收支经费下降。")
    assert (st.topic, st.change_direction, st.change_amount_wan, st.change_percent) == (
        "income_expenditure_total", "decrease", D("101.44"), D("37.24"))
    assert st.compared_with == "previous_year" and st.amount_wan is None
    assert st.reason.startswith("2021年单位对县政务服务大厅进行升级改造")
    # the reason's own 增加 is not the sentence's direction
    assert st.change_direction == "decrease"


def test_a_percentage_only_decrease_against_the_previous_years_execution():
    st = read_statement("2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。",
                        fiscal_year=2026)
    assert (st.amount_wan, st.change_direction, st.change_amount, st.change_percent) == (
        D("1672.67"), "decrease", None, D("1.07"))  # the main figure is the fiscal year's, not 2025's
    assert (st.compared_with, st.compared_year) == ("previous_year", 2025)


def test_increase_and_decrease_in_width_words():
    # 西安 科技创新局 (corpus/wild): 减幅 / 增幅
    st = read_statement("2022 年公务接待费预算 5.13 万元，比 2021 年减少 5.31 万元，减幅 50.86%，主要原因是 2022 年"
                        "西安地球环境创新研究院预算减少 2.44 万元，社科院减少 1.79 万元，交流中心减少 1.09 万元；")
    assert (st.topic, st.amount_wan, st.change_direction, st.change_amount_wan, st.change_percent) == (
        "official_reception", D("5.13"), "decrease", D("5.31"), D("50.86"))
    st = read_statement("公务用车运行维护费预算 7.5 万元，比 2021 年增加 6 万元，增幅 400%；")
    assert (st.topic, st.change_direction, st.change_percent) == ("vehicle_operation", "increase", D("400"))


@pytest.mark.parametrize(("sentence", "direction"), [
    ("政府性基金拨款支出预算0万元，与2026年预算持平；", "flat"),
    ("2022 年\"三公\"经费支出预算数与 2021 年无变化。", "flat"),
    ("(二)公务接待费0万元,主要用于按规定开支的各类公务接待(含外宾接待)支出,预算数与2021年保持一致。", "flat"),
    ("本部门 2023年度机关运行经费支出 16.22 万元，比年初预算数减少 2.81 万元，降低 14.8%。", "decrease"),
    ("2024 年度机关运行经费支出 192.09 万元, 比 2023 年增加 185.96 万元, 增长 3033.57%。", "increase"),
])
def test_directions(sentence, direction):
    assert read_statement(sentence).change_direction == direction


def test_operating_costs_compared_with_the_budget():
    st = read_statement("本部门 2023年度机关运行经费支出 16.22 万元，比年初预算数减少 2.81 万元，降低 14.8%。")
    assert (st.topic, st.amount_wan, st.change_amount_wan, st.change_percent, st.compared_with) == (
        "operating_costs", D("16.22"), D("2.81"), D("14.8"), "budget")


def test_final_account_figure_against_the_budget_with_its_reason():
    # 国家信访局2024年度部门决算 (corpus/wild): 决算数大于预算数的主要原因
    statements = read_statements([
        "1.一般公共服务（类）信访事务（款）行政运行（项）。",
        "年初预算为 5717.32 万元，支出决算为 5757.63 万元，完成年初预算的 100.71%。",
        "决算数大于预算数的主要原因是 2024 年度预算执行中追加了预算，相应增加支出。",
    ], fiscal_year=2024)
    assert statements[0] is None and statements[2] is None  # the subject line; the reason, given to the figure
    st = statements[1]
    assert (st.topic, st.amount_wan, st.amount_phrase, st.compared_with) == (
        "functional_class", D("5757.63"), "支出决算", "budget")  # the 决算 figure, not the 预算 it is compared with
    assert st.reason == "2024 年度预算执行中追加了预算,相应增加支出"
    assert [p.value for p in st.percentages] == [D("100.71")] and st.change_percent is None


def test_a_reason_sentence_read_alone():
    st = read_statement("决算数小于全年预算数的主要原因：人员变动引起实际支出低于预算。")
    assert (st.topic, st.compared_with, st.reason, st.has_figure) == (
        None, "budget", "人员变动引起实际支出低于预算", False)
    # seed 004: the 三公 total against its budget, a reason after 主要原因是
    st = read_statement("2024 年度一般公共预算财政拨款“三公”经费支出决算数与预算数存在差异的主要原因是严格按照文件规定，"
                        "厉行节俭，节约开支。")
    assert (st.topic, st.compared_with, st.reason) == ("three_public", "budget", "严格按照文件规定,厉行节俭,节约开支")


def test_three_public_items_and_the_previous_year():
    # seed 002, 财政拨款“三公”经费支出决算情况说明
    st = read_statement("3. 公务接待费全年预算为 0.14 万元，支出决算为 0.1 万元，完成全年预算的 71.4%，较上年减少 0.02 万元，"
                        "下降 16.7%。")
    assert (st.topic, st.amount_wan, st.change_direction, st.change_amount_wan, st.change_percent) == (
        "official_reception", D("0.1"), "decrease", D("0.02"), D("16.7"))
    assert st.compared_with == "previous_year"  # the comparison printed before the change word
    assert read_statement("(1)公务用车购置费支出 0 万元，主要是无。").topic == "vehicle_purchase"
    assert read_statement("(2)公务用车运行费支出 0 万元，主要用于无。").topic == "vehicle_operation"
    assert read_statement("（二）公务用车购置及运行费9.98万元，与2025年预算持平").topic == "official_vehicles"
    assert read_statement("（一）因公出国（境）费0万元，与2025年预算持平").topic == "overseas_travel"
    assert read_statement("2026年“三公”经费预算数为10.81万元，比2025年预算持平。").topic == "three_public"


@pytest.mark.parametrize(("text", "topic"), [
    ("其中：财政拨款收入 716.4 万元，占本年收入 99.3%；", "fiscal_appropriation"),
    ("2023 年度一般公共预算财政拨款支出 716.4 万元，占本年支出合计的 99.3%。", "general_public_budget"),
    ("政府性基金预算财政拨款收入 0 万元，比 2022 年度决算数增加 0 万元。", "government_fund"),
    ("国有资本经营预算拨款支出预算0万元，与2026年预算持平。", "state_capital"),
    ("2023 年度一般公共预算财政拨款基本支出 291.73 万元，", "basic_expenditure"),
    ("其中:人员经费支出 576.88 万元,占 91.13%;", "personnel"),
    ("公用经费 16.22 万元，主要包括：办公费 1 万元、印刷费 0.2 万元、公务接待费 0.1 万元。", "public_use"),
    ("2026年本部门政府采购预算1486.42万元，", "procurement"),
    ("截至2025年8月31日，上海市普陀区司法局共有车辆3辆，", "state_assets"),
    ("单位价值 100 万元以上专用设备 0 台（套）。", "state_assets"),  # seed 002
    ("2023 年度收、支总计均为 721.36 万元。", "income_expenditure_total"),
    ("支出预算9628.22万元，", "expenditure_total"),
    ("2. 社会保障和就业支出（类） 29.7 万元，占 4.2%。", "functional_class"),
    ("其他收入 4.96 万元，占本年收入 0.7%。", "other"),
])
def test_topics(text, topic):
    assert read_statement(text).topic == topic
    assert topic in TOPIC_CODES


def test_topic_vocabulary_most_specific_first():
    assert topic_of("一般公共预算财政拨款“三公”经费支出") == "three_public"
    assert topic_of("一般公共预算财政拨款基本支出") == "basic_expenditure"
    assert topic_of("财政拨款收、支总计") == "fiscal_appropriation"
    assert topic_of("公务用车购置及运行维护费") == "official_vehicles"


# ------------------------------------------------------------------ a document

def test_putuo_budget_statements():
    blocks = [Block("text", 8, 6, lines=PUTUO_BUDGET)]
    got = [(s.statement.topic, s.statement.amount_wan, s.statement.change_direction, s.statement.reason)
           for s in document_statements(blocks, fiscal_year=2026)]
    assert got == [
        ("income_total", D("9628.22"), None, None),
        ("fiscal_appropriation", D("9628.22"), "increase", None),
        ("other", D("0"), None, None),  # 事业收入
        ("other", D("0"), None, None),  # 事业单位经营收入
        ("other", D("0"), None, None),  # 其他收入
        ("expenditure_total", D("9628.22"), None, None),
        ("fiscal_appropriation", D("9628.22"), "increase", None),
        ("general_public_budget", D("9628.22"), "increase", None),
        ("government_fund", D("0"), "flat", None),
        ("state_capital", D("0"), "flat", None),
        ("fiscal_appropriation", None, "increase", "工作量增加"),  # no figure, a topic and a reason
        ("functional_class", D("1672.67"), None, None),
        # the figures name no subject: the 功能分类 line before them is theirs; the reason follows
        ("functional_class", D("1672.67"), "decrease", "部分人员退休"),
    ]
    # 比2026年预算 in a 2026 budget is not the previous year: the year is kept, the comparison is not guessed
    second = document_statements(blocks, fiscal_year=2026)[1].statement
    assert (second.compared_with, second.compared_year) == (None, 2026)


def test_a_sentence_continued_on_the_next_page_stays_whole():
    blocks = [Block("text", 17, 34, lines=["一般公共预算财政拨款支出 307.82 万元，占本年支出合计的"]),
              Block("text", 18, 35, lines=["100.00%。与2023 年度相比，一般公共预算财政拨款支出增加307.82",
                                           "万元，增长100.00%。主要原因：单位于2024 年成立。"])]
    first, second = document_statements(blocks, fiscal_year=2024)
    assert (first.page, first.block_index, first.statement.amount_wan) == (17, 34, D("307.82"))
    assert first.statement.percentages[0].value == D("100.00")
    assert (second.page, second.block_index, second.sentence_index) == (18, 35, 1)
    assert (second.statement.change_amount_wan, second.statement.reason) == (D("307.82"), "单位于2024 年成立")


def test_a_table_between_text_blocks_ends_the_text():
    blocks = [Block("text", 1, 0, lines=["本年收入合计307.82 万元，其中：财政拨款收入"]),
              Block("table", 1, 1),
              Block("text", 2, 2, lines=["307.82 万元。"])]
    texts = [s.statement.text for s in document_statements(blocks)]
    assert texts == ["本年收入合计307.82 万元，", "307.82 万元。"]


def test_sentences_without_figure_or_topic_are_left_out():
    blocks = [Block("text", 4, 2, lines=[
        "上海市普陀区司法局主要职能",
        "（八）负责本系统警车管理工作。按规定权限负责本系统国有资产的管理。",  # a duty, no figure
        "（八）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
        "2026年部门财政拨款收支预算总表",  # a table's title
        "四．2026年部门财政拨款收支预算总表 ……………………",  # a line of the contents
    ])]
    assert document_statements(blocks, fiscal_year=2026) == []


def test_the_topic_is_the_main_figures_label_not_a_breakdown_after_it():
    # seed 003: a 其中 without a colon, an item list after 主要为, a sub-item in brackets
    st = read_statement("2023年支出预算738.05万元,其中基本支出528.41万元,包括人员经费453.37万元和日常公用经费55.64万元,"
                        "上年结转日常公用经费19.40万元;")
    assert (st.topic, st.amount_wan) == ("expenditure_total", D("738.05"))
    st = read_statement("项目支出209.65万元,主要为行政审批业务费4万元、互联网+政务服务和社会信用体系建设工作经费4万元、"
                        "异地评标设备经费4万元;")
    assert (st.topic, st.amount_wan) == ("project_expenditure", D("209.65"))
    st = read_statement("公务用车购置及运维费 3.2 万元(其中:公务用车购置费为 0 万元,公务用车运维费 3.2 万元),同比增加 6.31%,"
                        "主要原因是增加上年结转数;")
    assert (st.topic, st.amount_wan, st.change_direction, st.change_percent, st.compared_with, st.reason) == (
        "official_vehicles", D("3.2"), "increase", D("6.31"), "previous_year", "增加上年结转数")
    assert read_statement("2023年预算收入738.05万元,").topic == "income_total"
    assert read_statement("（1）公务用车购置支出0.00万元。").topic == "vehicle_purchase"


def test_a_heading_naming_reasons_has_no_reason():
    # seed 003's table of contents
    st = read_statement('四、财政拨款"三公"经费预算情况及增减变化原因 22')
    assert st.reason is None


def test_statements_are_written_exactly_into_the_parquet_schema(tmp_path):
    from datetime import UTC, datetime
    from pathlib import Path
    from types import SimpleNamespace

    import pyarrow.parquet as pq

    from pipeline.inventory.files import InventoryEntry
    from pipeline.load import parquet as store
    from pipeline.load.rows import narrative_rows

    blocks = [Block("text", 3, 1, lines=["2026年预算支出1682.76元，与上年相比增加 0.005 元，增长3.08%。"])]
    parsed = SimpleNamespace(narrative=document_statements(blocks, fiscal_year=2026))
    entry = InventoryEntry("abcd", "abcd" * 16, Path("x.pdf"), "pdf", 1, datetime.now(UTC))
    rows = narrative_rows(entry, parsed)
    store.write_rows(tmp_path, "narrative_statements", "abcd", rows)
    (row,) = pq.read_table(tmp_path / "narrative_statements" / "abcd.parquet").to_pylist()
    assert (row["amount"], row["amount_unit"], row["amount_wan"]) == (D("1682.76"), "元", D("0.168276"))
    # 0.005 元 is 0.0000005 万元: more decimals than the column holds, so it is left NULL, never rounded
    assert (row["change_amount"], row["change_amount_wan"], row["change_percent"]) == (None, None, D("3.08"))
    assert '"value": "0.005"' in row["amounts"] and row["years"] == "2026"
    assert (row["page"], row["block_index"], row["sentence_index"], row["topic"]) == (3, 1, 0, "expenditure_total")


@pytest.mark.parametrize(("text", "topic"), [
    # 2018年省检察院部门预算公开 (corpus/wild)
    ("江苏省人民检察院 2018 年度收入、支出预算总计21,955.35 万元，与上年相比收、支预算总计各增加3,958.67 万元，"
     "增长 21.95 %。", "income_expenditure_total"),
    ("2．其他资金收入预算总计 14.39 万元。", "other"),  # one kind of income, not the total
    ("检察（款）: 2018 年预算支出合计 16,444.36万元。", "functional_class"),  # a 款's total
])
def test_topics_of_totals(text, topic):
    assert read_statement(text).topic == topic


def test_without_the_fiscal_year_the_latest_labelled_year_is_the_figure():
    st = read_statement("2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。")
    assert (st.amount_wan, st.compared_with, st.compared_year) == (D("1672.67"), "previous_year", 2025)


def test_a_percentage_decrease_alone():
    # 深圳 市场监督管理局 2026年部门预算 (corpus/wild): 同比下降 x%, no amount
    st = read_statement("价格违法案件数量同比下降 10%，有效遏制市场违法行为。")
    assert (st.change_direction, st.change_percent, st.compared_with, st.amount_wan) == (
        "decrease", D("10"), "previous_year", None)
