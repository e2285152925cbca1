"""Planning a run (pipeline/orchestrate/plan.py) and the inventory step, without dbt."""
from __future__ import annotations

import os
import shutil

import pytest

from pipeline.inventory import files as inventory_files
from pipeline.load import ledger
from pipeline.load import parquet as store
from pipeline.load.markers import marker_path
from pipeline.orchestrate import plan as run_plan
from pipeline.orchestrate import steps as run
from pipeline.settings import Settings
from tests import pdfbytes
from tests.conftest import RAW

A, B = "000_5cd6d46b1da1057e.txt", "003_ff2ed464ea78daa4.txt"


@pytest.fixture
def settings(tmp_path) -> Settings:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (A, B):
        shutil.copy(RAW / name, raw / name)
    return Settings(raw_dir=raw, warehouse=tmp_path / "out" / "warehouse.duckdb", workers=2)


def _process(settings: Settings) -> None:
    entries, _ = run.inventory_step(settings)
    run.extract_step(settings, entries)
    run.parse_step(settings, entries)


def test_new_documents_are_pending_until_processed(settings):
    plan = run_plan.plan(settings)
    assert {e.source_file for e in plan.pending} == {A, B}
    assert len(plan.new) == 2 and not plan.removed and not plan.warehouse_current
    _process(settings)
    again = run_plan.plan(settings)
    assert again.pending == [] and again.new == []
    assert again.fingerprint != plan.fingerprint  # outputs were written
    assert not again.warehouse_current  # no warehouse was published yet


def test_hash_cache_skips_unchanged_files(settings, monkeypatch):
    run_plan.current_entries(settings)
    calls = []
    original = inventory_files.sha256_of
    monkeypatch.setattr(inventory_files, "sha256_of", lambda p: calls.append(p.name) or original(p))
    run_plan.current_entries(settings)
    assert calls == []
    path = settings.raw_dir / A
    path.write_bytes(path.read_bytes() + b"\n")
    entries, _ = run_plan.current_entries(settings)
    assert calls == [A]
    assert {e.sha256 for e in entries if e.source_file == A} == {original(path)}


def test_renamed_document_is_relabelled_not_read_again(settings):
    _process(settings)
    doc_id = next(e.document_id for e in run_plan.plan(settings).entries if e.source_file == A)
    pages = store.dataset_dir(settings.extract_dir, "pages") / f"{doc_id}.parquet"
    marker = marker_path(settings.extract_dir, "extract", doc_id)
    before = (marker.stat().st_mtime_ns, pages.read_bytes())
    os.rename(settings.raw_dir / A, settings.raw_dir / "renamed.txt")

    plan = run_plan.plan(settings)
    assert plan.pending == [] and plan.removed == []
    assert plan.renamed == [doc_id]
    report = run.inventory_report(settings)
    assert report.renamed == [doc_id] and report.removed == []
    assert marker.stat().st_mtime_ns == before[0]  # not extracted again
    for dataset in ("documents", "line_items", "pages"):
        names = {r["source_file"] for r in store.read_rows(settings.extract_dir, dataset, doc_id)}
        assert names == {"renamed.txt"}, dataset
    assert run_plan.plan(settings).renamed == []


def test_same_content_under_two_names_is_one_document(settings):
    shutil.copy(settings.raw_dir / A, settings.raw_dir / "zz_copy.txt")
    plan = run_plan.plan(settings)
    assert len(plan.entries) == 2 and plan.files == 3
    entry = next(e for e in plan.entries if e.source_file == A)
    assert entry.names == [A, "zz_copy.txt"]


def test_removed_and_changed_documents_are_recorded(settings):
    _process(settings)
    old_ids = {e.source_file: e.document_id for e in run_plan.plan(settings).entries}
    (settings.raw_dir / A).unlink()
    path = settings.raw_dir / B
    path.write_text(path.read_text(encoding="utf-8")[:20000], encoding="utf-8")  # a corrected, shorter version

    plan = run_plan.plan(settings)
    assert set(plan.removed) == {old_ids[A], old_ids[B]}
    assert plan.changed_files == [B]
    assert [e.source_file for e in plan.pending] == [B]
    report = run.inventory_report(settings)
    assert set(report.removed) == set(plan.removed)
    removals = {r["source_file"]: r for key in report.removed
                for r in store.read_rows(settings.extract_dir, ledger.REMOVALS, key)}
    assert removals[A]["change"] == "removed" and removals[B]["change"] == "replaced"
    assert removals[A]["line_item_count"] > 0
    for key in report.removed:  # outputs gone, ledger kept
        assert not store.read_rows(settings.extract_dir, "line_items", key)
        assert not marker_path(settings.extract_dir, "parse", key).exists()

    shutil.copy(RAW / A, settings.raw_dir / A)  # the removed content comes back
    back = run.inventory_report(settings)
    assert back.restored == [old_ids[A]]
    assert old_ids[A] not in store.keys(settings.extract_dir, ledger.REMOVALS)


def test_ingestion_error_keeps_first_seen_and_moves_last_seen(settings):
    (settings.raw_dir / "empty.txt").write_bytes(b"")
    _process(settings)
    entry = next(e for e in run_plan.plan(settings).entries if e.source_file == "empty.txt")
    first = store.read_rows(settings.extract_dir, ledger.ERRORS, entry.document_id)[0]
    assert first["issue_code"] == "empty_file" and first["first_seen"] == first["last_seen"]
    run.inventory_report(settings)
    later = store.read_rows(settings.extract_dir, ledger.ERRORS, entry.document_id)[0]
    assert later["first_seen"] == first["first_seen"] and later["last_seen"] > first["last_seen"]


def test_switching_the_pdf_engine_reads_pdfs_again(tmp_path, monkeypatch):
    """The extract cache key covers the reader settings: a run with another BUDGET_PDF_ENGINE
    re-reads every PDF (and only the PDFs: a text extract does not depend on the engine)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / A, raw / A)
    (raw / "table.pdf").write_bytes(pdfbytes.text_pdf(["Spring newsletter", "No tables."]))
    settings = Settings(raw_dir=raw, warehouse=tmp_path / "out" / "warehouse.duckdb", workers=1)
    monkeypatch.setenv("BUDGET_PDF_ENGINE", "pdfplumber")
    _process(settings)
    assert run_plan.plan(settings).pending == []

    monkeypatch.setenv("BUDGET_PDF_ENGINE", "pdfium")
    plan = run_plan.plan(settings)
    assert [e.source_file for e in plan.pending] == ["table.pdf"]
    assert plan.new == []  # read before, read again: not a new document
    report = run.extract_step(settings, plan.pending)
    assert (report.processed, report.skipped) == (1, 0)
    run.parse_step(settings, plan.pending)
    assert run_plan.plan(settings).pending == []

    monkeypatch.setenv("BUDGET_PDF_ENGINE", "pdfplumber")  # and back: the first engine's extract is not reused
    assert [e.source_file for e in run_plan.plan(settings).pending] == ["table.pdf"]
