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


@pytest.mark.parametrize(
    ("cells", "measure"),
    [
        # Jiangsu 一般公共预算机关运行经费支出预算表: its one amount column
        (["机关运行经费支出"], "administrative_operating"),
        # the parts of 财政拨款 (Guangzhou 收入总体情况表, Fuzhou/Chongqing 收入总表)
        (["财政拨款收入", "政府性基金预算"], "government_fund_appropriation"),
        (["政府性基金预算拨款收入"], "government_fund_appropriation"),
        (["政府性基\n金拨款"], "government_fund_appropriation"),  # Xi'an 部门综合预算收入总表
        (["国有资本经\n营预算收入"], "state_capital_appropriation"),
        (["国有资本经营预算拨款收入"], "state_capital_appropriation"),
        # the parts of 财政专户拨款收入 (Guangzhou)
        (["财政专户拨款收入", "教育收费"], "fiscal_special_account_education"),
        (["其他专户\n收入拨款"], "fiscal_special_account_other"),
        # fund-source columns beside 财政拨款 (Yantai, Guangzhou 基本支出预算表)
        (["单位资金"], "unit_funds"),
        (["其他资金"], "other_funds"),
        (["使用非财\n政拨款结\n余"], "non_fiscal_balance_used"),
        (["用事业\n基金弥\n补收支\n差额"], "non_fiscal_balance_used"),
        # the parts of 基本支出 under other names (Yantai 人员支出 | 日常公用支出, Changsha 人员类)
        (["基本支出", "人员支出"], "personnel"),
        (["日常公用支出"], "public_use"),
        (["人员类"], "personnel"),
        (["专项业务经费支出"], "project"),  # Xi'an: 人员经费支出 | 公用经费支出 | 专项业务经费支出
        (["预算"], "total"),  # Guangzhou 财政拨款收支总体情况表: 项目 | 预算 | 项目 | 预算
        (["上年预算数"], "prior_year_budget"),
        (["上年⏎实户⏎资金⏎余额".replace("⏎", "\n")], "prior_year_account_balance"),  # Xi'an 收入总表
        # a subtotal word under its group label is the group's subtotal
        (["财政拨款", "小计"], "fiscal_appropriation"),  # Yantai 基本支出预算情况表
        (["财政拨款收入", "小计"], "fiscal_appropriation"),  # Yantai 收入总体情况表
        (["财政拨款", "合计"], "fiscal_appropriation"),  # Guangzhou 部门预算基本支出预算表
        (["本级财政拨款", "金额"], "fiscal_appropriation"),  # Changsha 部门收入总体情况表
        (["本年收入", "小计"], "current_year_total"),  # Suzhou 收入总表
        (["上年结转结余", "小计"], "prior_year_carryover"),
        (["基本支出", "小 计"], "basic"),
        # … but not the row total under a label that names a whole table
        (["一般公共预算基本支出", "合计"], "total"),
        (["本年财政拨款基本支出", "合计"], "total"),
        # names that look alike stay what they are
        (["政府性基金预算支出合计"], "total"),
        (["事业收入（不含教育收费）"], "business"),
        (["其他资金收入", "事业收入"], "business"),
    ],
)
def test_header_to_new_measures(cells, measure):
    assert measure_for_column(cells) == measure


def test_unit_code_column_is_a_label_column():
    from pipeline.parse.measures import is_label_header

    # Xi'an 部门综合预算收入总表: 单位编码 | 单位名称 | 合计 …
    assert is_label_header("单位编\n码")
    assert not is_label_header("单位资金")


def test_previous_years_budget_beside_this_years_is_not_a_second_total():
    from pipeline.parse.grids import build_header

    # Chongqing 一般公共预算支出情况表
    header = build_header([
        ["功能分类科目", "", "2025年预算\n数", "2026年预算数", "", "", "", ""],
        ["科目编\n码", "科目名称", "", "总计", "基本支出", "", "", "项目支出"],
        ["", "", "", "", "小计", "人员经费", "公用经费", ""],
    ], 8)
    assert header.measures[2:] == ["prior_year_budget", "total", "basic", "personnel", "public_use", "project"]
    # one year only: 2026年预算数 is the total
    header = build_header([["项目", "2026年预算数"]], 2)
    assert header.measures == [None, "total"]


@pytest.mark.parametrize(
    ("cells", "measure"),
    [
        # 长春 收支总表: 项目 | 本年预算 | 编制预算 | 上年结转 (本年预算 = 编制预算 + 上年结转)
        (["本年预算"], "total"),
        (["编制预算"], "current_year_total"),
        (["上年结转"], "prior_year_carryover"),
        # 长春 支出总表 / 收入总表: 合计 | 当年预算 (编制预算) over 小计 | 基本支出 | …
        (["当年预算", "小计"], "current_year_total"),
        (["编制预算", "小计"], "current_year_total"),
        (["当年预算", "基本支出"], "basic"),
        # 北京 预算05表: 项目支出 over 项目支出总数 | 扣除基建项目后预算数
        (["项目支出", "项目支出总数"], "project"),
        (["项目支出", "扣除基建项目后预⏎算数".replace("⏎", "\n")], "project_excluding_capital_construction"),
    ],
)
def test_this_years_budget_beside_the_carryover_is_not_a_second_total(cells, measure):
    assert measure_for_column(cells) == measure
