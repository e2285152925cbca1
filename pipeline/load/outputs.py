"""The per-document outputs kept in line with raw/: a removed document's outputs leave, a renamed one's
outputs carry its new file name (nothing is read again)."""
from __future__ import annotations

from pathlib import Path

from ..inventory.files import InventoryEntry
from . import ledger, markers
from . import parquet as store


def remove_stale(extract_dir: Path, current_ids: set[str], current_names: set[str] | None = None) -> list[str]:
    """Delete the outputs of documents no longer in raw/ (recording each in the removed_documents
    ledger); returns their ids."""
    stale = stale_ids(extract_dir, current_ids)
    for key in sorted(stale):
        ledger.record_removal(extract_dir, key, current_names or set())
        store.remove_key(extract_dir, key)
        markers.remove_all(extract_dir, key)
    return sorted(stale)


def stale_ids(extract_dir: Path, current_ids: set[str]) -> set[str]:
    """Documents with outputs that are no longer in raw/."""
    keys = store.keys(extract_dir, "documents") | store.keys(extract_dir, "pages")
    return {k.split("__")[0] for k in keys} - current_ids


_NAMED_DATASETS = ("pages", "blocks", "table_cells", "documents", "tables", "line_items", "document_checks",
                   "narrative_statements")


def relabel(entry: InventoryEntry, extract_dir: Path) -> bool:
    """A document renamed (same content, new file name): rewrite the file name in its outputs.

    Nothing is read again; only the source_file (and source_path) columns change,
    so that the warehouse shows the document under its current name. Returns
    True when something was rewritten.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = store.read_rows(extract_dir, "documents", entry.document_id)
    if not docs or (docs[0]["source_file"] == entry.source_file and docs[0]["source_path"] == entry.source_path):
        return False
    keys = [(d, entry.document_id) for d in _NAMED_DATASETS]
    keys += [("parse_issues", f"{entry.document_id}__{stage}") for stage in ("extract", "parse")]
    for dataset, key in keys:
        path = store.dataset_dir(extract_dir, dataset) / f"{key}.parquet"
        if not path.exists():
            continue
        table = pq.read_table(path)
        for column, value in (("source_file", entry.source_file), ("source_path", entry.source_path)):
            if column in table.column_names:
                i = table.column_names.index(column)
                table = table.set_column(i, table.schema.field(i), pa.array([value] * table.num_rows, pa.string()))
        store.write_table(extract_dir, dataset, key, table)
    return True
