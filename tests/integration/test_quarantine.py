"""One document never stops the night: a data test that fails on one document's rows holds that
document back, and the others publish.

The planted document is a real seed whose parsed line items are written twice (as a table read
twice would be): the warehouse's key tests fail on its rows only.
"""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.defs.runner import run_in_process
from pipeline.orchestrate.summary import run_summary
from pipeline.settings import Settings
from tests import corpus

GOOD, PLANTED, LATE = corpus.SEEDS[:3]


def _plant_duplicate_rows(extract_dir, document_id: str) -> int:
    """Write the document's line items twice; returns how many rows it had."""
    path = extract_dir / "line_items" / f"{document_id}.parquet"
    table = pq.read_table(path)
    pq.write_table(pa.concat_tables([table, table]), path)
    return table.num_rows


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("quarantine")
    raw = tmp / "raw"
    raw.mkdir()
    good = corpus.copy_seed(raw, GOOD)
    planted = corpus.copy_seed(raw, PLANTED)
    settings = Settings(raw_dir=raw, warehouse=tmp / "out" / "warehouse.duckdb", workers=2)
    first = run_in_process(settings)
    assert first.success, first.failures
    planted_id = corpus.document_id(planted)
    rows = _plant_duplicate_rows(settings.extract_dir, planted_id)
    assert rows > 0
    corpus.copy_seed(raw, LATE)  # the next night brings a new document, so the warehouse is rebuilt
    second = run_in_process(settings)
    return settings, second, corpus.document_id(good), planted_id, corpus.document_id(raw / LATE)


def test_the_good_documents_publish(night):
    settings, outcome, good, _, late = night
    assert outcome.success, outcome.failures
    assert outcome.warehouse == "built"
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        loaded = {r[0] for r in con.execute("select distinct document_key from fct_line_items").fetchall()}
        held = con.execute("select held_back_documents from warehouse_build").fetchone()[0]
    finally:
        con.close()
    assert {good, late} <= loaded
    assert held == 1


def test_the_planted_document_is_held_back_with_the_tests_meaning(night):
    settings, _, _, planted, _ = night
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        facts = con.execute("select count(*) from fct_line_items where document_key = ?", [planted]).fetchone()[0]
        checks = con.execute(
            "select count(*) from fct_reconciliation_checks where document_key = ?", [planted]).fetchone()[0]
        error = con.execute(
            "select stage, issue_code, outcome, reason from ingestion_errors where document_key = ? and is_current",
            [planted]).fetchone()
        status, status_reason = con.execute(
            "select status, status_reason from dim_document where document_key = ?", [planted]).fetchone()
    finally:
        con.close()
    assert facts == 0 and checks == 0
    stage, code, outcome, reason = error
    assert (stage, code, outcome) == ("warehouse", "failed_data_test", "failed")
    assert "unique" in reason and "read twice" in reason  # which test, and what it means
    assert "Error" not in reason and "Traceback" not in reason
    assert status == "failed" and status_reason == reason


def test_the_run_summary_names_the_held_back_document(night):
    settings, *_ = night
    text = run_summary(settings.warehouse)
    assert "documents held back by the build (their rows failed a data test): 1" in text
    assert PLANTED in text
