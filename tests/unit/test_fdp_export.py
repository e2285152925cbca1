"""The Fiscal Data Package export on a tiny warehouse: which rows (preferred reports, leaves per
table and measure), how the classification columns map to FDP columnTypes, exact amounts."""
from __future__ import annotations

import csv
import json
from decimal import Decimal

import duckdb
import pytest

from pipeline.tools.fdp import RESOURCES, format_amount, resource_columns, write_package

BIG = "123456789012345678.91"  # DECIMAL(20,2) holds it; a float cannot (1.2345678901234568e+17)


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute("""
        create table dim_document as select * from (values
          ('d1', '000_a.txt', 'k1', '温县政务服务和大数据管理局', 'own', '河南省', '焦作市', '温县', '410825', true),
          ('d2', '000_a.pdf', 'k1', '温县政务服务和大数据管理局', 'own', '河南省', '焦作市', '温县', '410825', false))
          t(document_key, source_file, department_key, department, scope, province, city, county, division_code,
            is_preferred)
    """)
    c.execute("""
        create table dim_account as select * from (values
          ('a201', '201', '一般公共服务支出', 'functional', 1),
          ('a20103', '20103', '政府办公厅(室)及相关机构事务', 'functional', 2),
          ('a2010301', '2010301', '行政运行', 'functional', 3),
          ('a2010350', '2010350', '事业运行', 'functional', 3),
          ('a301', '301', '工资福利支出', 'economic', 1),
          ('a30101', '30101', '基本工资', 'economic', 2),
          ('a30102', '30102', '津贴补贴', 'economic', 2),
          ('a302', '302', '商品和服务支出', 'economic', 1))
          t(account_key, account_code, account_name, classification, level)
    """)
    rows = []

    def fact(doc, table, table_type, account, measure, yuan, *, kind="account", name=None, stage=None,
             secondary=None, page=None):
        key = f"{doc}-{table}-{account or kind}-{measure}"
        code = account
        rows.append((key, doc, table, table_type, f"title {table_type}", kind, code,
                     f"a{account}" if account else None, name or f"printed {account}", secondary, measure,
                     f"header {measure}", stage, "final", 2022, Decimal(yuan) / 10000, "万元", Decimal(yuan),
                     page, True))

    for doc in ("d1", "d2"):  # the same report twice: only the preferred one is exported
        fact(doc, "t1", "expenditure", "201", "total", "3000000.00")
        fact(doc, "t1", "expenditure", "20103", "total", "3000000.00")
        fact(doc, "t1", "expenditure", "2010301", "total", "2500000.00", name="行政运行", page=4)
        fact(doc, "t1", "expenditure", "2010350", "total", "500000.00")
        fact(doc, "t1", "expenditure", None, "total", "3000000.00", kind="total")
        # the basic column is printed down to 款 only: 20103 is the leaf of this column
        fact(doc, "t1", "expenditure", "201", "basic", "1234567.89")
        fact(doc, "t1", "expenditure", "20103", "basic", "1234567.89")
    # another table: its 201 is a leaf there, whatever table t1 prints under 201
    fact("d1", "t2", "general_expenditure", "201", "total", BIG)
    fact("d1", "t3", "general_basic_expenditure", "301", "total", "900.00")
    fact("d1", "t3", "general_basic_expenditure", "30101", "total", "600.00", secondary="50101")
    fact("d1", "t3", "general_basic_expenditure", "30102", "total", "300.00", secondary="50101")
    fact("d1", "t3", "general_basic_expenditure", "302", "total", "0.00")
    fact("d1", "t4", "income", "2010301", "fiscal_appropriation", "2500000.00")
    c.execute("""
        create table fct_line_items (line_item_key varchar, document_key varchar, table_key varchar,
          table_type varchar, table_title varchar, row_kind varchar, account_code varchar, account_key varchar,
          account_name varchar, secondary_code varchar, measure varchar, column_header varchar, stage varchar,
          report_type varchar, fiscal_year integer, amount decimal(18, 2), unit varchar,
          amount_yuan decimal(20, 2), page integer, verified boolean)
    """)
    c.executemany("insert into fct_line_items values (" + ", ".join(["?"] * 20) + ")", rows)
    yield c
    c.close()


def _read(out, resource):
    with (out / f"{resource}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_leaves_of_the_preferred_report_only(con, tmp_path):
    counts = write_package(con, tmp_path)
    assert counts == {"expenditure-functional": 4, "expenditure-economic": 3, "revenue": 1}
    functional = _read(tmp_path, "expenditure-functional")
    assert {r["source_file"] for r in functional} == {"000_a.txt"}
    assert sorted((r["table_type"], r["measure"], r["account_code"], r["account_level"]) for r in functional) == [
        ("expenditure", "basic", "20103", "2"),
        ("expenditure", "total", "2010301", "3"),
        ("expenditure", "total", "2010350", "3"),
        ("general_expenditure", "total", "201", "1"),
    ]
    # no level counted twice: the leaves of one table and column add up to its 合计
    total = sum(Decimal(r["value"]) for r in functional if r["table_type"] == "expenditure" and r["measure"] == "total")
    assert total == Decimal("3000000.00")
    economic = _read(tmp_path, "expenditure-economic")
    assert sorted(r["account_code"] for r in economic) == ["30101", "30102", "302"]


def test_classification_columns_and_their_column_types(con, tmp_path):
    write_package(con, tmp_path)
    row = next(r for r in _read(tmp_path, "expenditure-functional") if r["account_code"] == "2010301")
    assert (row["functional_level1_code"], row["functional_level1_label"]) == ("201", "一般公共服务支出")
    assert (row["functional_level2_code"], row["functional_level2_label"]) == ("20103", "政府办公厅(室)及相关机构事务")
    assert (row["functional_level3_code"], row["functional_level3_label"]) == ("2010301", "行政运行")
    assert (row["fiscal_year"], row["phase"], row["phase_label"], row["direction"]) == ("2022", "final", "决算", "expenditure")
    assert (row["department"], row["region"], row["division_code"]) == ("温县政务服务和大数据管理局", "河南省 焦作市 温县", "410825")
    assert (row["value"], row["currency"], row["printed_amount"], row["printed_unit"]) == ("2500000.00", "CNY", "250.00", "万元")
    assert (row["source_file"], row["page"]) == ("000_a.txt", "4")
    kuan = next(r for r in _read(tmp_path, "expenditure-functional") if r["account_code"] == "20103")
    assert (kuan["functional_level2_code"], kuan["functional_level3_code"], kuan["functional_level3_label"]) == ("20103", "", "")
    eco = next(r for r in _read(tmp_path, "expenditure-economic") if r["account_code"] == "30101")
    assert (eco["economic_level1_code"], eco["economic_level1_label"], eco["economic_level2_code"]) == ("301", "工资福利支出", "30101")
    assert eco["government_economic_code"] == "50101"
    assert _read(tmp_path, "revenue")[0]["direction"] == "revenue"

    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    types = {res["name"]: {f["name"]: f.get("columnType") for f in res["schema"]["fields"]} for res in package["resources"]}
    assert types["expenditure-functional"]["functional_level3_code"] == "functional-classification:generic:level3:code"
    assert types["expenditure-economic"]["economic_level2_label"] == "economic-classification:generic:level2:label"
    assert types["revenue"]["fiscal_year"] == "date:fiscal-year"
    assert types["revenue"]["department_key"] == "administrative-classification:generic:code"
    assert types["revenue"]["currency"] == "value-currency:code"
    assert types["revenue"]["source_file"] is None and types["revenue"]["page"] is None
    for res in RESOURCES:  # the CSV header is the schema, in order
        with (tmp_path / res.path).open(encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == [c.name for c in resource_columns(res)]


def test_amounts_are_exact_decimal_strings(con, tmp_path):
    write_package(con, tmp_path)
    big = next(r for r in _read(tmp_path, "expenditure-functional") if r["table_type"] == "general_expenditure")
    assert big["value"] == BIG
    assert str(float(BIG)) != BIG
    assert format_amount(Decimal("0E-2")) == "0.00"
    assert format_amount(Decimal("-12.50")) == "-12.50"
    assert format_amount(None) == ""
    with pytest.raises(TypeError):
        format_amount(1234.5)


def test_the_package_is_a_valid_tabular_data_package(con, tmp_path):
    import frictionless  # the dev extra

    write_package(con, tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    # and the validation does look at the data: a value that is no number fails it
    path = tmp_path / "revenue.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2500000.00", "2,500,000.00 元"), encoding="utf-8")
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid
