from pipeline.vocabulary.account_codes import join_code, read_ocr_code_parts, read_row_codes, split_code_and_name


def test_split_columns_join_with_zero_padding():
    # 001 一般公共预算支出预算表: '201 | 3 | 1 | 146001 | 行政运行'
    assert join_code(["201", "3", "1"]) == "2010301"
    assert join_code(["201", "03", "01"]) == "2010301"
    assert join_code(["210", "11", "1"]) == "2101101"
    assert join_code(["301", "2"]) == "30102"  # 经济分类 类 + 款


def test_row_with_split_code_and_unit_code():
    codes = read_row_codes(["201", "3", "1", "146001", "行政运行"])
    assert codes.account_code == "2010301"
    assert codes.unit_code == "146001"
    assert codes.name == "行政运行"


def test_unit_row_is_not_an_account():
    codes = read_row_codes(["", "", "", "146001", "洛阳市孟津区政务服务 和大数据管理局"])
    assert codes.account_code is None
    assert codes.unit_code == "146001"


def test_secondary_government_economic_code_is_kept_apart():
    # 001 一般公共预算基本支出预算表: 部门经济分类 30103 beside 政府经济分类 50101
    codes = read_row_codes(["30103", "奖金", "50101", "工资奖金津补贴"])
    assert (codes.account_code, codes.secondary_code) == ("30103", "50101")
    assert (codes.name, codes.secondary_name) == ("奖金", "工资奖金津补贴")
    split = read_row_codes(["301", "2", "津贴补贴", "501", "1", "工资奖金津补贴"])
    assert (split.account_code, split.secondary_code) == ("30102", "50101")


def test_row_number_column_is_skipped():
    # 003: 序号 | 科目编码 | 科目名称
    codes = read_row_codes(["2", "201", "一般公共服务 支出"])
    assert codes.account_code == "201"
    assert codes.name == "一般公共服务支出"


def test_code_and_name_in_one_cell():
    # 003 政府基金预算财政拨款支出表
    assert split_code_and_name("2120899 其他国有土地使用权出让收入安排的支出") == (
        "2120899", "其他国有土地使用权出让收入安排的支出")
    assert split_code_and_name("191.39") is None  # an amount is not a code


def test_ocr_letters_read_for_a_code_part_are_read_back_as_digits():
    # scanned Shanghai 2026 budget, 一般公共预算支出表: 款 11 read as 'LI'
    assert read_ocr_code_parts(["210", "LI", "", "行政事业单位医疗"]) == ["210", "11", "", "行政事业单位医疗"]
    assert read_row_codes(read_ocr_code_parts(["210", "LI", "", "行政事业单位医疗"])).account_code == "21011"
    assert read_ocr_code_parts(["210", "", "O1", "行政单位医疗"])[2] == "01"
    # not after a code, or longer than a part: left as printed
    assert read_ocr_code_parts(["LI", "合计"]) == ["LI", "合计"]
    assert read_ocr_code_parts(["210", "LIL"]) == ["210", "LIL"]


def test_code_and_name_joined_by_a_hyphen_in_one_cell():
    """北京 预算报表: '2130201-行政运行' is the code 2130201 and the name 行政运行."""
    codes = read_row_codes(["2130201-行政运行"])
    assert (codes.account_code, codes.name) == ("2130201", "行政运行")


def test_government_economic_code_printed_before_the_department_one_is_secondary():
    """北京 预算06表: '50101-工资奖金津补贴 | 30101-基本工资' — the row is the 3xx account 30101;
    the 5xx code goes to the secondary code, never the row key."""
    codes = read_row_codes(["50101-工资奖金津补贴", "30101-基本工资"])
    assert (codes.account_code, codes.secondary_code) == ("30101", "50101")
    assert (codes.name, codes.secondary_name) == ("基本工资", "工资奖金津补贴")


def test_functional_code_first_then_economic_codes_each_in_its_cell():
    """北京 预算03表 prints functional × economic rows: the functional 项 is the account."""
    codes = read_row_codes(["2130201-行政运行", "50101-工资奖金津补贴", "30101-基本工资"])
    assert (codes.account_code, codes.secondary_code, codes.name) == ("2130201", "50101", "行政运行")
