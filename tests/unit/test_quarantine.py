"""Tracing a failed data test to the documents its rows belong to (pipeline/load/quarantine.py)."""
from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from pipeline.load import quarantine

UNIQUE_NODE = {
    "name": "unique_fct_line_items_line_item_key", "resource_type": "test",
    "attached_node": "model.budget_warehouse.fct_line_items",
    "test_metadata": {"name": "unique", "kwargs": {"column_name": "line_item_key", "model": "…"}},
}


def _build(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table fct_line_items as select * from (values ('k1', 'good'), ('k2', 'bad'), ('k2', 'bad'))"
                " t(line_item_key, document_key)")
    con.execute("create table dim_measure as select * from (values ('total'), ('total')) t(measure_code)")
    con.close()
    return path


def _failed(name, code, node=None, resource_type="test", status="fail"):
    results = {"results": [{"unique_id": f"{resource_type}.budget_warehouse.{name}", "status": status,
                            "compiled_code": code, "message": "Got 2 results, configured to fail if != 0"}]}
    manifest = {"nodes": {f"{resource_type}.budget_warehouse.{name}": {**(node or {}), "name": name,
                                                                      "resource_type": resource_type}}}
    return quarantine.failed_nodes(results, manifest)


def test_a_failed_key_test_is_traced_to_the_document_whose_rows_repeat_the_key(tmp_path):
    path = _build(tmp_path)
    failed = _failed(UNIQUE_NODE["name"], "select * from fct_line_items where line_item_key in "
                     "(select line_item_key from fct_line_items group by 1 having count(*) > 1)", UNIQUE_NODE)
    traced, untraced = quarantine.trace(path, failed)
    assert set(traced) == {"bad"} and untraced == []
    [held] = quarantine.held_back(traced, datetime(2026, 12, 3, tzinfo=UTC))
    assert held.document_id == "bad"
    assert "unique_fct_line_items_line_item_key" in held.reason
    assert "two of its rows in fct_line_items have the same line_item_key" in held.reason


def test_a_failure_whose_rows_name_no_document_stops_the_publish(tmp_path):
    path = _build(tmp_path)
    failed = _failed("unique_dim_measure_measure_code", "select * from dim_measure where measure_code in "
                     "(select measure_code from dim_measure group by 1 having count(*) > 1)")
    traced, untraced = quarantine.trace(path, failed)
    assert traced == {} and [t.name for t in untraced] == ["unique_dim_measure_measure_code"]


def test_a_unit_test_or_a_model_error_is_never_a_documents(tmp_path):
    path = _build(tmp_path)
    failed = (_failed("fct_line_items_unit", "select * from fct_line_items", resource_type="unit_test")
              + _failed("fct_line_items", "select * from fct_line_items", resource_type="model", status="error"))
    traced, untraced = quarantine.trace(path, failed)
    assert traced == {} and len(untraced) == 2


def test_meanings_are_plain_language():
    assert quarantine.test_meaning({"description": "Every check compares two printed figures."}) == (
        "Every check compares two printed figures.")
    not_null = {"name": "not_null_x_page", "attached_node": "model.p.fct_line_items",
                "test_metadata": {"name": "not_null", "kwargs": {"column_name": "page"}}}
    assert quarantine.test_meaning(not_null) == "a row of it in fct_line_items has no page, which every row must have"
    relation = {"attached_node": "model.p.fct_line_items",
                "test_metadata": {"name": "relationships",
                                  "kwargs": {"column_name": "account_key", "to": "ref('dim_account')"}}}
    assert "refers to a account_key value that dim_account does not have" in quarantine.test_meaning(relation)


def test_the_quarantine_reaches_dbt_as_ascii_json():
    held = quarantine.HeldBack("d1", "t", "两行同键 it's", datetime(2026, 12, 3, tzinfo=UTC))
    value = quarantine.environment([held])[quarantine.QUARANTINE_ENV]
    assert value.isascii()
    rows = duckdb.sql(
        f"select unnest(from_json('{value.replace(chr(39), chr(39) * 2)}', "
        "'[{\"document_id\": \"VARCHAR\", \"reason\": \"VARCHAR\"}]'), recursive := true)").fetchall()
    assert rows == [("d1", "两行同键 it's")]


def test_a_test_that_could_not_run_is_not_described_as_rows_found():
    [errored] = _failed("unique_stg_x_document_id", "select * from missing", UNIQUE_NODE, status="error")
    [failing] = _failed("unique_fct_line_items_line_item_key", "select 1", UNIQUE_NODE)
    assert "could not run" in quarantine.describe([errored]) and "found rows" not in quarantine.describe([errored])
    assert "found rows: two of its rows" in quarantine.describe([failing])
