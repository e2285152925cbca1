import pytest

from pipeline.parse.measures import measure_for_column, resolve_subtotals


@pytest.mark.parametrize(
    ("cells", "measure"),
    [
        (["本年收入合计"], "total"),
        (["本年收入合\n计"], "total"),  # wrapped inside the PDF cell
        (["财政拨款收入"], "fiscal_appropriation"),
        (["上级补助收入"], "superior_subsidy"),
        (["事业单位经营收入"], "operating"),
        (["附属单位上缴收入"], "affiliated_remittance"),
        (["上缴上级支出"], "remit_to_superior"),
        (["对附属单位补助支出"], "affiliated_subsidy"),
        (["财政专户 收入"], "fiscal_special_account"),
        (["上年结转"], "prior_year_carryover"),
        (["年初结转和结余"], "opening_balance"),
        (["年末结转和结余"], "closing_balance"),
        (["决算数"], "total"),
        (["一般公共预算基本支出", "合计"], "total"),  # 003: group label above must not win
        (["合计", "TH H"], "total"),  # 003: extraction garbage in the lower header row
        (["基本支出", "商品和服务 支出"], "public_goods_services"),  # 001
        (["人员经费"], "personnel"),
        (["公用经费"], "public_use"),
        (["其他运转类"], "project_operating"),
        (["本年收入"], "income"),  # 07 fund table
        (["经济分类科目编码"], "unmapped"),
    ],
)
def test_header_to_measure(cells, measure):
    assert measure_for_column(cells) == measure


def test_subtotal_takes_the_meaning_of_the_columns_after_it():
    # 05 table: 小计 | 基本支出 | 项目支出 → the row total
    assert resolve_subtotals(["__subtotal__", "basic", "project"], ["小计", "基本支出", "项目支出"]) == [
        "total", "basic", "project"]
    # 001 部门支出预算表: 合计 | 小计 | 工资福利… | 小计 | 其他运转类
    assert resolve_subtotals(
        ["total", "__subtotal__", "personnel_wages", "__subtotal__", "project_operating"],
        ["合计", "小计", "工资福利支出", "小计", "其他运转类"],
    ) == ["total", "basic", "personnel_wages", "project", "project_operating"]
    # 003 收入总表: 合计 | 小计 | 财政拨款收入 → 本年收入小计
    assert resolve_subtotals(["total", "__subtotal__", "fiscal_appropriation"], ["合计", "小计", "财政拨款收入"])[1] == "current_year_total"
    # 001 支出经济分类汇总表: 总计 | 小计 | 其中：财政拨款
    assert resolve_subtotals(["total", "__subtotal__", "fiscal_appropriation"], ["总计", "小计", "其中:财政拨款"])[1] == "general_public_budget"


def test_an_unreadable_label_under_a_group_label_is_the_groups_total():
    from pipeline.parse.grids import build_header

    # scanned Shanghai 2026 一般公共预算基本支出表: OCR reads 合计 as 'Att'
    header = build_header([
        ["项目", "", "", "一般公共预算基本支出", "", ""],
        ["部门预算经济分类科目编码", "", "经济分类科目名称", "Att", "人员经费", "公用经费"],
    ], 6)
    assert header.measures[3:] == ["total", "personnel", "public_use"]
    # a label above one column only (基本支出 over garbage, 项目支出 beside it) is still its own
    header = build_header([
        ["科目编码", "科目名称", "合计", "基本支出", ""],
        ["", "", "", "TH H", "项目支出"],
    ], 5)
    assert header.measures[2:] == ["total", "basic", "project"]


def test_every_measure_the_header_rules_produce_is_a_seed_row():
    """The seed measures.csv is the one list of measure codes; the header rules use no other code."""
    from pipeline.parse.measures import measure_codes_of_rules
    from pipeline.parse.reference import measure_codes

    assert measure_codes_of_rules() <= measure_codes()
    assert {"total", "basic", "project", "unmapped"} <= measure_codes_of_rules()
