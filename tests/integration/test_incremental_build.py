"""The warehouse build is incremental by document, and a full refresh gives the same tables.

Night 1 builds two documents from nothing. Night 2 adds one, changes one (its bytes, so a
new document id) and keeps one: the build starts from the published warehouse, keeps the
unchanged document's rows as they were (a sentinel planted in them survives) and rebuilds
the rest. `--full-refresh` then builds the same raw folder from nothing: every table equals
the incremental build's.
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pytest

from tests import corpus
from tests.conftest import ROOT

KEPT, CHANGED, ADDED = "000_5cd6d46b1da1057e", "002_ce97c528681cbbae", "003_ff2ed464ea78daa4"
SENTINEL = "sentinel: this row was not rebuilt"


def _run(raw, warehouse, *extra):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def _build_mode(warehouse) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select build_mode from warehouse_build").fetchone()[0]
    finally:
        con.close()


def _document_id(warehouse, source_file: str) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select document_key from dim_source_file where source_file = ?", [source_file]).fetchone()[0]
    finally:
        con.close()


def _table_differences(a, b) -> dict[str, tuple[int, int]]:
    """Rows of each table in one file and not in the other (multisets), for tables of both; warehouse_build aside."""
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")

    def tables(db):
        return {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = ? and table_schema = 'main'",
            [db]).fetchall()}

    names_a, names_b = tables("a"), tables("b")
    out = {f"only in {'a' if n in names_a else 'b'}: {n}": (0, 0) for n in names_a ^ names_b}
    for name in sorted((names_a & names_b) - {"warehouse_build"}):
        counts = tuple(
            con.execute(f'select count(*) from (select * from {x}."{name}" except all select * from {y}."{name}")')
            .fetchone()[0] for x, y in (("a", "b"), ("b", "a")))
        if counts != (0, 0):
            out[name] = counts
    con.close()
    return out


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    raw = root / "raw"
    raw.mkdir()
    for stem in (KEPT, CHANGED):
        corpus.copy_seed(raw, f"{stem}.txt")
    warehouse = root / "out" / "warehouse.duckdb"
    _run(raw, warehouse)
    first_mode = _build_mode(warehouse)
    kept_id = _document_id(warehouse, f"{KEPT}.txt")
    changed_id = _document_id(warehouse, f"{CHANGED}.txt")
    # plant a sentinel in the published rows of the document that will not change
    con = duckdb.connect(str(warehouse))
    printed = con.execute("select line_item_key, row_label from fct_line_items where document_key = ?",
                          [kept_id]).fetchall()
    con.execute("update fct_line_items set row_label = ? where document_key = ?", [SENTINEL, kept_id])
    planted = con.execute("select count(*) from fct_line_items where row_label = ?", [SENTINEL]).fetchone()[0]
    con.close()

    # night 2: one added, one changed (a byte appended: a new document id), one kept
    corpus.copy_seed(raw, f"{ADDED}.txt")
    changed = raw / f"{CHANGED}.txt"
    changed.write_bytes(changed.read_bytes() + b"\n")
    _run(raw, warehouse)
    con = duckdb.connect(str(warehouse))
    survived = con.execute("select count(*) from fct_line_items where row_label = ?", [SENTINEL]).fetchone()[0]
    old_rows = con.execute("select count(*) from fct_line_items where document_key = ?", [changed_id]).fetchone()[0]
    con.executemany("update fct_line_items set row_label = ? where line_item_key = ?",
                    [[label, key] for key, label in printed])  # as it was printed
    con.execute("checkpoint")
    con.close()
    incremental = root / "incremental.duckdb"
    shutil.copy(warehouse, incremental)
    incremental_mode = _build_mode(warehouse)

    _run(raw, warehouse, "--full-refresh")
    return {"first_mode": first_mode, "incremental_mode": incremental_mode, "full_mode": _build_mode(warehouse),
            "planted": planted, "survived": survived, "old_rows_of_changed": old_rows,
            "incremental": incremental, "full": warehouse}


def test_a_build_starts_from_the_published_warehouse_unless_a_full_refresh_is_asked(nights):
    assert nights["first_mode"] == "full"  # nothing published yet
    assert nights["incremental_mode"] == "incremental"
    assert nights["full_mode"] == "full"


def test_the_unchanged_documents_rows_are_kept_and_the_changed_documents_old_rows_are_gone(nights):
    assert nights["planted"] > 0
    assert nights["survived"] == nights["planted"]  # kept as they were, not rebuilt
    assert nights["old_rows_of_changed"] == 0  # the old version of the changed document left the facts


def test_a_full_refresh_gives_the_same_tables_as_the_incremental_build(nights):
    assert _table_differences(nights["incremental"], nights["full"]) == {}
    con = duckdb.connect(str(nights["full"]), read_only=True)
    documents = con.execute("select count(distinct document_key) from fct_line_items").fetchone()[0]
    con.close()
    assert documents == 3
