"""Per-document Parquet files: ``<extract_dir>/<dataset>/<key>.parquet``.

Writes are atomic (temporary file, then rename), so a run killed mid-way never
leaves a half-written file that the warehouse build would read.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .schemas import ALL_SCHEMAS, DATASETS

EMPTY = "_empty"


def dataset_dir(extract_dir: Path, dataset: str) -> Path:
    """The folder of one dataset or ledger."""
    return extract_dir / dataset


def ensure_layout(extract_dir: Path) -> None:
    """Every dataset and ledger folder exists and holds an empty file with the current schema.

    The empty file is rewritten when the schema gained a column since it was written, so
    that files written by an older version (ledger rows are kept for ever) are read with
    the new column NULL rather than without it (the readers union the files by name).
    """
    for name, schema in ALL_SCHEMAS.items():
        folder = dataset_dir(extract_dir, name)
        folder.mkdir(parents=True, exist_ok=True)
        empty = folder / f"{EMPTY}.parquet"
        if not empty.exists() or not pq.read_schema(empty).equals(schema):
            _atomic_write(schema.empty_table(), empty)


def _atomic_write(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def write_rows(extract_dir: Path, dataset: str, key: str, rows: list[dict]) -> Path:
    """Replace one file of a dataset with `rows` in the dataset's schema (atomic); returns its path."""
    schema = ALL_SCHEMAS[dataset]
    table = pa.Table.from_pylist(rows, schema=schema)
    path = dataset_dir(extract_dir, dataset) / f"{key}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(table, path)
    return path


def write_table(extract_dir: Path, dataset: str, key: str, table: pa.Table) -> Path:
    """Replace one file with an Arrow table (atomic); the table keeps the columns it has."""
    path = dataset_dir(extract_dir, dataset) / f"{key}.parquet"
    _atomic_write(table, path)
    return path


def read_rows(extract_dir: Path, dataset: str, key: str) -> list[dict]:
    """The rows of one file of a dataset; [] when there is no such file."""
    path = dataset_dir(extract_dir, dataset) / f"{key}.parquet"
    if not path.exists():
        return []
    return pq.read_table(path).to_pylist()


def keys(extract_dir: Path, dataset: str) -> set[str]:
    """The keys (file names without .parquet) a dataset holds, not counting its empty schema file."""
    folder = dataset_dir(extract_dir, dataset)
    if not folder.exists():
        return set()
    return {p.stem for p in folder.glob("*.parquet") if p.stem != EMPTY}


def delete(extract_dir: Path, dataset: str, key: str) -> bool:
    """Delete one file of a dataset or ledger; False when it was not there."""
    path = dataset_dir(extract_dir, dataset) / f"{key}.parquet"
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False


def remove_key(extract_dir: Path, key_prefix: str) -> int:
    """Delete every dataset file of one document (keys equal to or starting with `prefix__`).

    Ledgers (schemas.LEDGERS) are kept: they are the history of removed and failed documents.
    """
    removed = 0
    for name in DATASETS:
        for path in dataset_dir(extract_dir, name).glob(f"{key_prefix}*.parquet"):
            if path.stem == key_prefix or path.stem.startswith(f"{key_prefix}__"):
                path.unlink()
                removed += 1
    return removed
