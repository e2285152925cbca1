"""The dashboard's queries, rendering helpers and read-only connection, without Streamlit or a browser.

The queries run on a small warehouse made here with the marts' columns they read;
the page image is drawn on a PDF made here, and the box must be where the cell is.
"""
from __future__ import annotations

import os
from decimal import Decimal

import duckdb
import pypdfium2 as pdfium
import pytest

from pipeline.dashboard import queries
from pipeline.dashboard.render import (
    HIGHLIGHT,
    CellBox,
    Link,
    drilldown_href,
    format_amount,
    format_rate,
    html_table,
    render_page,
)
from pipeline.dashboard.warehouse import WarehouseConnection

D = Decimal

CELL_COLUMNS = """
    line_item_key varchar, document_key varchar, department_key varchar, table_key varchar, fiscal_year integer,
    report_type varchar, table_type varchar, table_index integer, table_title varchar, row_key varchar,
    row_kind varchar, account_code varchar, account_name varchar, row_label varchar, measure varchar,
    column_header varchar, amount decimal(18, 2), unit varchar, amount_yuan decimal(20, 2), page integer,
    block_index integer, row_index integer, col_index integer, amount_text varchar, is_ocr boolean,
    verified boolean, table_confidence decimal(5, 4), cell_x0 double, cell_top double, cell_x1 double,
    cell_bottom double
"""


def _cell(key, doc, dep, row_key, amount, unit="万元", table_type="expenditure", measure="total", page=3,
          row_index=1, col_index=2, box=(100.0, 200.0, 150.0, 215.0), fiscal_year=2023, report_type="final"):
    yuan = amount * 10000 if unit == "万元" else amount
    kind = "total" if row_key == "TOTAL" else "account"
    return (key, doc, dep, f"t-{doc}", fiscal_year, report_type, table_type, 1, "支出决算表", row_key, kind,
            None if kind == "total" else row_key, "合计" if kind == "total" else f"科目{row_key}", None, measure,
            "合计", amount, unit, yuan, page, 0, row_index, col_index, str(amount), False, True, D("1.0000"), *box)


@pytest.fixture
def con(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    db = duckdb.connect(str(path))
    db.execute("""
        create table dim_document (document_key varchar, department_key varchar, source_file varchar,
            source_path varchar, format varchar, page_count integer, report_type varchar, fiscal_year integer,
            department varchar, province varchar, city varchar, county varchar, status varchar,
            check_failed_count bigint, quality_score decimal(5, 4), is_preferred boolean)
    """)
    db.executemany("insert into dim_document values (?, ?, ?, ?, ?, 9, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?)", [
        ("a_pdf", "dep_a", "a.pdf", "/raw/a.pdf", "pdf", "final", 2023, "甲局", "河南省", "焦作市", "温县", 0,
         D("1.0000"), True),
        ("a_txt", "dep_a", "a.txt", "/raw/a.txt", "text", "final", 2023, "甲局", "河南省", "焦作市", "温县", 0,
         D("1.0000"), False),
        ("b_pdf", "dep_b", "b.pdf", "/raw/b.pdf", "pdf", "budget", 2024, "乙局", "湖北省", "随州市", "曾都区", 3,
         D("0.9000"), True),
    ])
    db.execute("""
        create table dim_department as select * from (values
            ('dep_a', '甲局', 'own', '河南省', '焦作市', '温县', 2, 2023, 2023),
            ('dep_b', '乙局', 'own', '湖北省', '随州市', '曾都区', 1, 2024, 2024)
        ) as t (department_key, department_name, scope, province, city, county, document_count,
                first_fiscal_year, last_fiscal_year)
    """)
    db.execute("""
        create table dim_table as select * from (values
            ('t-a_pdf', 'a_pdf', 1, '支出决算表', 'expenditure', 3, 3, '万元', 'lines', 4, 4, 1.0000::decimal(5, 4), 5),
            ('t-b_pdf', 'b_pdf', 1, '支出预算表', 'expenditure', 3, 3, '元', 'lines', 4, 3, 0.7500::decimal(5, 4), 2)
        ) as t (table_key, document_key, table_index, table_title, table_type, page_first, page_last, unit,
                reading, identities_tested, identities_held, confidence, amount_cell_count)
    """)
    db.execute(f"create table fct_line_items ({CELL_COLUMNS})")
    db.execute(f"create table fct_other_table_rows ({CELL_COLUMNS})")
    placeholders = ", ".join(["?"] * 31)
    db.executemany(f"insert into fct_line_items values ({placeholders})", [
        _cell("k1", "a_pdf", "dep_a", "TOTAL", D("721.36"), row_index=9),
        _cell("k2", "a_pdf", "dep_a", "2080505", D("21.69"), row_index=4),
        _cell("k3", "a_pdf", "dep_a", "201", D("662.11"), row_index=1),
        # the text version of the same report: not preferred, no box
        _cell("k4", "a_txt", "dep_a", "2080505", D("21.69"), page=None, box=(None, None, None, None)),
        _cell("k5", "b_pdf", "dep_b", "2080505", D("1839485.03"), unit="元", fiscal_year=2024, report_type="budget"),
        _cell("k6", "b_pdf", "dep_b", "TOTAL", D("96282213.44"), unit="元", fiscal_year=2024, report_type="budget",
              row_index=9),
    ])
    db.executemany(f"insert into fct_other_table_rows values ({placeholders})", [
        _cell("o1", "a_txt", "dep_a", "2080505", D("21.69"), measure="fiscal_appropriation", page=None, col_index=3,
              box=(None, None, None, None)),
    ])
    db.execute("""
        create table fct_budget_execution as select * from (values
            ('dep_a', 2023, 'three_public', 'total', '“三公”经费合计', 'three_public', 'total', 0.14::decimal(18, 2),
             '万元', 0.10::decimal(18, 2), '万元', -400.00::decimal(20, 2), 0.7143::decimal(18, 4), 'final_account')
        ) as t (department_key, fiscal_year, table_type, row_key, row_name, classification, measure, budget_amount,
                budget_unit, final_amount, final_unit, difference_yuan, execution_rate, budget_source)
    """)
    db.execute("""
        create table fct_three_public as select * from (values
            ('a_pdf', 2023, 'final', 'budget', 'total', '“三公”经费合计', null::varchar, 'total', false,
             0.14::decimal(18, 2), '万元', 1400.00::decimal(20, 2), 'tp1'),
            ('a_pdf', 2023, 'final', 'final', 'total', '“三公”经费合计', null::varchar, 'total', false,
             0.10::decimal(18, 2), '万元', 1000.00::decimal(20, 2), 'tp2'),
            ('a_pdf', 2023, 'final', 'final', 'total', '“三公”经费合计', null::varchar, 'total', true,
             0.10::decimal(18, 2), '万元', 1000.00::decimal(20, 2), 'tp3')
        ) as t (document_key, fiscal_year, report_type, stage, item_code, item_name_zh, item_label, measure,
                is_repeat, amount, unit, amount_yuan, line_item_key)
    """)
    db.execute("""
        create table fct_audit_findings as select * from (values
            ('f1', 'b_pdf', 'info', 'in_table_rounding_gap', 'in_table', '尾数差异', 2, 1, 'expenditure'),
            ('f2', 'b_pdf', 'error', 'in_table_total', 'in_table', '合计不符', 5, 1, 'expenditure'),
            ('f3', 'b_pdf', 'warning', 'presence_optional_table_missing', 'presence', '缺表', null, null, null),
            ('f4', 'b_pdf', 'error', 'narrative_amount_differs', 'narrative', '说明不符', 1, null, null)
        ) as t (finding_key, document_key, severity, rule_id, rule_group, label_zh, page, table_index, table_type)
    """)
    db.execute("""
        alter table fct_audit_findings add column message_zh varchar;
        alter table fct_audit_findings add column message_en varchar;
        alter table fct_audit_findings add column expected varchar;
        alter table fct_audit_findings add column found varchar;
        alter table fct_audit_findings add column quoted_text varchar;
        create table document_checks as select * from (values
            ('a_pdf', true), ('b_pdf', false), ('b_pdf', true)) as t (document_key, passed);
        create table warehouse_build as select now() as built_at, 3 as documents;
    """)
    db.close()
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


# ------------------------------------------------------------------ queries


def test_overview_counts_documents_reports_and_findings(con):
    counts = queries.overview_counts(con)
    assert counts["documents"] == 3 and counts["reports"] == 2 and counts["departments"] == 2
    assert counts["line_items"] == 6
    assert (counts["error_findings"], counts["warning_findings"], counts["info_findings"]) == (2, 1, 1)


def test_documents_by_region_count_files_and_preferred_reports(con):
    rows = queries.documents_by_region(con).to_dict("records")
    assert {(r["province"], r["fiscal_year"], r["documents"], r["reports"]) for r in rows} == {
        ("河南省", 2023, 2, 1), ("湖北省", 2024, 1, 1)}


def test_document_quality_puts_the_worst_document_first(con):
    quality = queries.document_quality(con)
    first = quality.iloc[0]
    assert first["document_key"] == "b_pdf"
    assert (first["errors"], first["warnings"], first["infos"]) == (2, 1, 1)
    assert first["failed_document_checks"] == 1 and first["min_table_confidence"] == D("0.7500")


def test_findings_come_errors_first_then_by_page(con):
    findings = queries.document_findings(con, "b_pdf")
    assert list(findings["finding_key"]) == ["f4", "f2", "f3", "f1"]
    # an integer column with a NULL stays ints and None, not floats and NaN
    assert list(findings["page"]) == [1, 5, None, 2]


def test_department_totals_take_the_preferred_documents_total(con):
    totals = queries.department_totals(con, "dep_a").to_dict("records")
    assert [(t["fiscal_year"], t["amount"], t["unit"], t["line_item_key"]) for t in totals] == [
        (2023, D("721.36"), "万元", "k1")]


def test_department_three_public_leaves_out_repeats(con):
    three = queries.department_three_public(con, "dep_a")
    assert sorted(zip(three["stage"], three["amount"])) == [("budget", D("0.14")), ("final", D("0.10"))]


def test_department_execution_keeps_the_rate_exact(con):
    execution = queries.department_execution(con, "dep_a").to_dict("records")
    assert execution[0]["execution_rate"] == D("0.7143") and execution[0]["budget_amount"] == D("0.14")


def test_compare_sums_exact_yuan_per_department_and_region(con):
    by_department = queries.compare_account(con, "2080505")
    assert {(r["group_name"], r["amount_yuan"]) for r in by_department.to_dict("records")} == {
        ("甲局", D("216900.00")), ("乙局", D("1839485.03"))}
    assert all(isinstance(value, Decimal) for value in by_department["amount_yuan"])
    by_province = queries.compare_account(con, "2080505", group_by="province")
    assert set(by_province["group_name"]) == {"河南省", "湖北省"}
    with pytest.raises(ValueError, match="group_by"):
        queries.compare_account(con, "2080505", group_by="street; drop table x")


def test_yuan_to_wan_is_exact():
    assert queries.yuan_to_wan(D("1839485.03")) == D("183.948503")
    assert format_amount(queries.yuan_to_wan(D("1839485.03"))) == "183.95"
    assert queries.yuan_to_wan(None) is None


def test_line_item_has_its_box_and_document(con):
    cell = queries.line_item(con, "k2")
    assert cell["amount"] == D("21.69") and cell["source_path"] == "/raw/a.pdf" and cell["format"] == "pdf"
    assert CellBox.from_row(cell) == CellBox(100.0, 200.0, 150.0, 215.0)
    text_cell = queries.line_item(con, "k4")
    assert text_cell["format"] == "text" and CellBox.from_row(text_cell) is None
    assert queries.line_item(con, "nope") is None


def test_row_cells_give_the_printed_row_of_a_text_source(con):
    row = queries.row_cells(con, "a_txt", 1, 0, 1)
    assert list(row["line_item_key"]) == ["k4", "o1"] and list(row["amount_text"]) == ["21.69", "21.69"]


def test_table_amounts_and_page_amounts(con):
    assert list(queries.table_amounts(con, "t-a_pdf")["line_item_key"]) == ["k3", "k2", "k1"]
    assert set(queries.page_amounts(con, "b_pdf", 3)["line_item_key"]) == {"k5", "k6"}


def test_account_codes_name_each_code(con):
    codes = queries.account_codes(con).to_dict("records")
    assert [(c["account_code"], c["account_name"]) for c in codes] == [("201", "科目201"), ("2080505", "科目2080505")]


# ------------------------------------------------------------------ rendering


def test_format_amount_is_exact_with_two_decimals():
    assert format_amount(D("96282213.44")) == "96,282,213.44"
    assert format_amount(D("0.125")) == "0.13"  # half up, not banker's rounding or float
    assert format_amount(D("-400")) == "-400.00"
    assert format_amount(None) == ""
    assert format_rate(D("0.7143")) == "71.4%"
    assert format_rate(None) == ""


def test_html_table_escapes_text_and_links():
    table = html_table([{"a": "<b>1</b>", "b": Link("0.14", drilldown_href(line_item_key="k&1"))}],
                       {"a": "A", "b": "B"}, right=("b",), highlight=frozenset({0}))
    assert "&lt;b&gt;1&lt;/b&gt;" in table and "<b>1</b>" not in table
    assert 'href="./drilldown?line_item_key=k%261"' in table and 'class="hl"' in table and 'class="num"' in table
    assert drilldown_href(document_key="d", page=3) == "./drilldown?document_key=d&page=3"


def _blank_pdf(path, width=300, height=200):
    document = pdfium.PdfDocument.new()
    document.new_page(width, height)
    document.save(str(path))
    document.close()


def test_render_page_draws_the_box_where_the_cell_is(tmp_path):
    pdf = tmp_path / "page.pdf"
    _blank_pdf(pdf)
    box = CellBox(x0=100.0, top=50.0, x1=160.0, bottom=70.0)
    image = render_page(pdf, 1, box, scale=2.0, width=4)
    assert image.size == (600, 400)
    # the outline is drawn 2 points outside the cell: x0 - 2 = 98 pt → 196 px; top - 2 = 48 pt → 96 px
    assert image.getpixel((197, 130)) == HIGHLIGHT  # left edge, halfway down
    assert image.getpixel((260, 97)) == HIGHLIGHT  # top edge
    inside = image.getpixel((260, 120))
    assert inside != (255, 255, 255) and inside[2] < inside[0]  # shaded yellow: the cell
    assert image.getpixel((50, 300)) == (255, 255, 255)  # elsewhere the page is untouched
    assert render_page(pdf, 1, None, scale=1.0).getpixel((130, 60)) == (255, 255, 255)


def test_render_page_refuses_a_page_the_pdf_has_not(tmp_path):
    pdf = tmp_path / "page.pdf"
    _blank_pdf(pdf)
    with pytest.raises(IndexError, match="1 pages"):
        render_page(pdf, 2)


# ------------------------------------------------------------------ the read-only connection


def _publish(path, value, tmp_path):
    scratch = tmp_path / f"build-{value}.duckdb"
    db = duckdb.connect(str(scratch))
    db.execute(f"create table t as select {value} as v")
    db.close()
    os.replace(scratch, path)  # as the nightly build publishes: a new file renamed over the old


def test_connection_is_read_only_and_follows_the_renamed_file(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    _publish(path, 1, tmp_path)
    warehouse = WarehouseConnection(path)
    with warehouse.cursor() as cursor:
        assert cursor.execute("select v from t").fetchone() == (1,)
        with pytest.raises(duckdb.Error, match="read-only"):
            cursor.execute("create table u (x integer)")
    _publish(path, 2, tmp_path)  # the dashboard's connection does not block the rename
    with warehouse.cursor() as cursor:
        assert cursor.execute("select v from t").fetchone() == (2,)
    warehouse.close()


def test_connection_without_a_warehouse_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="make run"):
        WarehouseConnection(tmp_path / "missing.duckdb").connection()
