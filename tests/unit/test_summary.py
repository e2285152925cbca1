"""The run summary lists failed documents, failing quality checks and removals."""
from __future__ import annotations

import duckdb

from pipeline.defs.runner import RunOutcome
from pipeline.orchestrate.plan import RunPlan
from pipeline.orchestrate.summary import run_summary


def test_summary_lists_failures_checks_and_removals(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table dim_document as select 'pdf' as format, 'parsed' as status")
    con.execute("create table line_items_flat as select 1 as x")
    con.execute("create table fct_line_items as select 1 as x")
    con.execute("create table parse_issues as select 'a.pdf' as source_file, 'parse' as stage, 'x' as issue_code,"
                " 'info' as severity, 'r' as reason")
    con.execute("create table ingestion_errors as select 'k1' as document_key, 'bad.pdf' as source_file,"
                " 'extract' as stage, 'empty_file' as issue_code, 'the file is empty (0 bytes)' as reason,"
                " true as is_current")
    con.execute("create table document_checks as select * from (values"
                " ('k2', 'good.pdf', 'totals_present', false, '1 of 2 account-coded tables have a total row.'),"
                " ('k1', 'bad.pdf', 'totals_present', false, 'not repeated: the file is in ingestion_errors'))"
                " t(document_key, source_file, check_name, passed, detail)")
    con.execute("create table removed_documents as select 'old.txt' as source_file, 'removed' as change,"
                " 12 as line_item_count, timestamptz '2026-01-02 03:04:00+00' as removed_at")
    con.close()
    text = run_summary(path)
    assert "documents that failed: 1 (table ingestion_errors)" in text
    assert "bad.pdf: [extract/empty_file] the file is empty (0 bytes)" in text
    assert "documents failing a quality check: 1" in text
    assert "good.pdf: totals_present — 1 of 2 account-coded tables have a total row." in text
    assert "not repeated" not in text
    assert "old.txt: removed 2026-01-02 03:04 UTC (12 line items left the warehouse)" in text


def test_run_lines_say_when_the_dbt_build_was_skipped():
    plan = RunPlan(entries=[], rows=[])
    assert "the dbt build was skipped" in "\n".join(RunOutcome(True, plan, "skipped", 0.5).lines())
    assert "rebuilt and published" in "\n".join(RunOutcome(True, plan, "built", 9.0).lines())
    assert "NOT rebuilt" in "\n".join(RunOutcome(False, plan, "failed", 9.0).lines())
