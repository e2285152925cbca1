"""The Parquet layout keeps up with its schemas: ledger files written by an older version are read
with a column added since as NULL, not without it."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.load import parquet as store
from pipeline.load.schemas import ALL_SCHEMAS


def test_an_old_empty_file_is_rewritten_with_the_columns_added_since(tmp_path):
    schema = ALL_SCHEMAS["ingestion_errors"]
    old = pa.schema([f for f in schema if f.name != "outcome"])  # before the column existed
    folder = tmp_path / "ingestion_errors"
    folder.mkdir()
    pq.write_table(old.empty_table(), folder / "_empty.parquet")
    row = {f.name: None for f in old}
    row.update(document_id="d1", issue_code="empty_file", reason="the file is empty (0 bytes)")
    pq.write_table(pa.Table.from_pylist([row], schema=old), folder / "d1.parquet")  # an old ledger row

    store.ensure_layout(tmp_path)

    assert pq.read_schema(folder / "_empty.parquet").equals(schema)
    rows = duckdb.sql(f"select document_id, outcome from read_parquet('{folder}/*.parquet', union_by_name=true) "
                      "where document_id is not null").fetchall()
    assert rows == [("d1", None)]


def test_a_current_empty_file_is_left_as_it_is(tmp_path):
    store.ensure_layout(tmp_path)
    empty = tmp_path / "ingestion_errors" / "_empty.parquet"
    written = empty.stat().st_mtime_ns
    store.ensure_layout(tmp_path)
    assert empty.stat().st_mtime_ns == written
