"""The run summary lists failed documents, failing quality checks and removals."""
from __future__ import annotations

import duckdb

from pipeline.defs.runner import RunOutcome
from pipeline.orchestrate.plan import RunPlan
from pipeline.orchestrate.summary import run_summary


def test_summary_lists_failures_checks_and_removals(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table dim_document as select * from (values ('pdf', 'loaded'), ('pdf', 'failed'),"
                " ('pdf', 'refused'), ('pdf', 'failed')) t(format, status)")
    con.execute("create table line_items_flat as select 1 as x")
    con.execute("create table fct_line_items as select 1 as x")
    con.execute("create table parse_issues as select 'a.pdf' as source_file, 'parse' as stage, 'x' as issue_code,"
                " 'info' as severity, 'r' as reason")
    con.execute("create table ingestion_errors as select * from (values"
                " ('k1', 'bad.pdf', 'extract', 'empty_file', 'the file is empty (0 bytes)', 'failed', true),"
                " ('k3', 'notice.pdf', 'parse', 'not_a_disclosure', 'it looks like a notice', 'refused', true),"
                " ('k4', 'twice.pdf', 'warehouse', 'failed_data_test', 'two rows have one key', 'failed', true),"
                " ('k5', 'gone.pdf', 'extract', 'empty_file', 'the file is empty (0 bytes)', 'failed', false))"
                " t(document_key, source_file, stage, issue_code, reason, outcome, is_current)")
    con.execute("create table document_checks as select * from (values"
                " ('k2', 'good.pdf', 'totals_present', false, '1 of 2 account-coded tables have a total row.'),"
                " ('k1', 'bad.pdf', 'totals_present', false, 'not repeated: the file is in ingestion_errors'))"
                " t(document_key, source_file, check_name, passed, detail)")
    con.execute("create table removed_documents as select 'old.txt' as source_file, 'removed' as change,"
                " 12 as line_item_count, timestamptz '2026-01-02 03:04:00+00' as removed_at")
    con.close()
    text = run_summary(path)
    assert "1 loaded, 0 loaded with warnings, 1 refused, 2 failed" in text
    assert "documents that failed (nothing could be loaded): 1 (table ingestion_errors)" in text
    assert "documents refused (not a budget or final-account disclosure): 1" in text
    assert "notice.pdf: it looks like a notice" in text
    assert "documents held back by the build (their rows failed a data test): 1" in text
    assert "twice.pdf: two rows have one key" in text
    assert "gone.pdf" not in text
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


def test_summary_says_how_far_the_tables_own_sums_verify_the_reading():
    from pipeline.orchestrate.summary import verification_lines

    con = duckdb.connect()
    con.execute("create table dim_table as select * from (values"
                " ('t1', 'd1', '支出预算表', 10, 10, 1.0), ('t2', 'd1', '收入预算表', 4, 1, 0.25),"
                " ('t3', 'd1', '三公经费表', 0, 0, null)) t(table_key, document_key, table_title,"
                " identities_tested, identities_held, confidence)")
    con.execute("create table fct_line_items as select * from (values (true), (true), (false)) t(verified)")
    con.execute("create table dim_source_file as select 'd1' as document_key, 'a.pdf' as source_file")
    lines = verification_lines(con)
    assert lines[0].startswith("verified by the tables' own sums: 11 of 14 identities hold (78.6%)")
    assert "1 of 2 tables add up everywhere; 2 of 3 facts verified" in lines[0]
    assert lines[1:] == ["  - a.pdf: 收入预算表 — 1 of 4 identities hold"]


def test_summary_of_a_warehouse_built_before_readings_were_verified_says_nothing_of_them():
    from pipeline.orchestrate.summary import verification_lines

    con = duckdb.connect()
    con.execute("create table dim_table as select 't1' as table_key, 'd1' as document_key")
    con.execute("create table fct_line_items as select 1 as line_item_key")
    assert verification_lines(con) == []


def test_summary_counts_the_audit_findings_and_names_the_documents_with_most_errors(tmp_path):
    from tests.audit_fixture import make_warehouse

    text = run_summary(make_warehouse(tmp_path / "warehouse.duckdb"))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("audit findings:"))
    assert lines[start].startswith("audit findings: 4 errors, 2 warnings, 1 info in 3 documents (table fct_audit_findings")
    assert lines[start + 1] == ("  by group (errors/warnings/info): presence 1/0/0, in_table 1/1/1, cross_table 1/0/0, "
                                "narrative 1/0/0, consistency 0/1/0")
    assert lines[start + 2] == "  most errors: 曾都区2023决算.pdf (3), 温县2022预算.pdf (1)"


def test_summary_of_a_warehouse_built_before_the_audit_has_no_audit_part(tmp_path):
    from tests.audit_fixture import make_warehouse

    text = run_summary(make_warehouse(tmp_path / "warehouse.duckdb", findings=None))
    assert "audit findings" not in text and "documents read: 4" in text


def test_summary_of_a_warehouse_whose_documents_pass_every_audit_rule(tmp_path):
    from tests.audit_fixture import make_warehouse

    text = run_summary(make_warehouse(tmp_path / "warehouse.duckdb", findings=[]))
    assert "audit findings: none — every document passed every audit rule" in text
