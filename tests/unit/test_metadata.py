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
