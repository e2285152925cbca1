"""Three nights of incremental runs on a temp folder (the in-process `python -m pipeline run` path).

Night 1 loads three documents. Night 2 adds two, changes one, removes one, and
adds a corrupt file and a renamed copy of an existing document. Night 3 changes
nothing. After each night the warehouse holds exactly the expected documents
and line items (the parser's own count for each file, no duplicates), the
removed and replaced contents are gone from the facts and recorded, the corrupt
file is in ingestion_errors with its reason, and night 3 reads nothing.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.defs.runner import run_in_process
from pipeline.settings import Settings
from tests import corpus

S0, S1, S2, S3, S4 = corpus.SEEDS[:5]
COPY = "renamed_copy_of_000.txt"  # same bytes as S0
CORRUPT = "broken_download.pdf"


def _snapshot(extract_dir: Path) -> dict[str, int]:
    """Modification times of everything extraction and parsing write (not the per-run inventory/ledgers)."""
    kept = ("pages", "blocks", "table_cells", "documents", "tables", "line_items", "document_checks", "_done")
    return {str(p.relative_to(extract_dir)): p.stat().st_mtime_ns
            for folder in kept for p in (extract_dir / folder).glob("*") if p.is_file()}


def _check_warehouse(settings: Settings, raw: Path, loaded: list[str], copies: dict[str, str],
                     gone: list[str], failed: list[str]) -> None:
    """loaded: file names of the documents that must be loaded (one per content); copies: extra name → original."""
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        expected = {corpus.document_id(raw / name): corpus.expected_items(raw / name) for name in loaded}
        docs = dict(con.execute("select document_key, status from dim_document").fetchall())
        assert {k for k, s in docs.items() if s.startswith("loaded")} == set(expected)
        cells = dict(con.execute(
            "select document_key, count(*) from (select document_key from fct_line_items "
            "union all select document_key from fct_other_table_rows) group by 1").fetchall())
        facts = dict(con.execute("select document_key, count(*) from fct_line_items group by 1").fetchall())
        assert cells == {k: v[0] for k, v in expected.items()}
        assert facts == {k: v[1] for k, v in expected.items()}
        assert con.execute("select count(*) - count(distinct line_item_key) from fct_line_items").fetchone()[0] == 0
        # line_items_flat: each file name carries its document's rows, once
        flat = dict(con.execute("select source_file, count(*) from line_items_flat group by 1").fetchall())
        want = {name: expected[corpus.document_id(raw / name)][1] for name in loaded}
        want.update({copy: expected[corpus.document_id(raw / original)][1] for copy, original in copies.items()})
        assert flat == want
        # removed or replaced contents: out of every fact and dimension, recorded in removed_documents
        removed = {r[0] for r in con.execute("select document_key from removed_documents").fetchall()}
        assert set(gone) <= removed
        for key in gone:
            assert key not in docs and key not in cells
        errors = {r[0]: r[1] for r in con.execute(
            "select source_file, reason from ingestion_errors where is_current").fetchall()}
        assert set(errors) == set(failed)
        assert all(errors.values())
    finally:
        con.close()


def test_three_nights(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    settings = Settings(raw_dir=raw, warehouse=tmp_path / "out" / "warehouse.duckdb", workers=2)

    # night 1: three documents
    for seed in (S0, S1, S2):
        corpus.copy_seed(raw, seed)
    night1 = run_in_process(settings)
    assert night1.success, night1.failures
    assert night1.warehouse == "built" and len(night1.plan.pending) == 3
    _check_warehouse(settings, raw, [S0, S1, S2], {}, [], [])
    s0_outputs = {k: v for k, v in _snapshot(settings.extract_dir).items() if corpus.document_id(raw / S0) in k}

    # night 2: add two, change one, remove one, a corrupt file, a renamed copy of an existing document
    old_s1, old_s2 = corpus.document_id(raw / S1), corpus.document_id(raw / S2)
    corpus.copy_seed(raw, S3)
    corpus.copy_seed(raw, S4)
    text = (raw / S1).read_text(encoding="utf-8")
    (raw / S1).write_text(text[: len(text) * 2 // 3], encoding="utf-8")  # a corrected, shorter edition
    (raw / S2).unlink()
    (raw / CORRUPT).write_bytes(corpus.truncated_pdf())
    corpus.copy_seed(raw, S0, COPY)
    night2 = run_in_process(settings)
    assert night2.success, night2.failures
    assert night2.warehouse == "built"
    read = {e.source_file for e in night2.plan.pending}
    assert read == {S1, S3, S4, CORRUPT}  # the copy of S0 is not read again
    assert set(night2.plan.removed) == {old_s1, old_s2}
    assert night2.plan.changed_files == [S1]
    _check_warehouse(settings, raw, [S0, S1, S3, S4], {COPY: S0}, [old_s1, old_s2], [CORRUPT])
    assert {k: v for k, v in _snapshot(settings.extract_dir).items() if k in s0_outputs} == s0_outputs
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    names = {r[0] for r in con.execute(
        "select source_file from dim_source_file where document_key = ?", [corpus.document_id(raw / S0)]).fetchall()}
    changes = dict(con.execute("select document_key, change from removed_documents").fetchall())
    con.close()
    assert names == {S0, COPY}  # one document, both names recorded
    assert changes == {old_s1: "replaced", old_s2: "removed"}

    # night 3: nothing changed — nothing is read, the dbt build is skipped, the warehouse stays as it was
    before = _snapshot(settings.extract_dir)
    published = settings.warehouse.stat().st_mtime_ns
    night3 = run_in_process(settings)
    assert night3.success, night3.failures
    assert night3.plan.pending == [] and night3.plan.removed == []
    assert night3.warehouse == "skipped"
    assert _snapshot(settings.extract_dir) == before
    assert settings.warehouse.stat().st_mtime_ns == published
    _check_warehouse(settings, raw, [S0, S1, S3, S4], {COPY: S0}, [old_s1, old_s2], [CORRUPT])
