"""Where the dashboard's warehouse is, and a read-only connection that follows the nightly rename.

A run never writes to the published file: it builds a new file and renames it over
the old one (pipeline/load/publish.py). A read-only connection keeps the old inode
open and keeps seeing the warehouse it opened, and never blocks the rename. So the
dashboard caches one connection per file version — path, inode, size and modification
time — and opens a new one when the file changes.

The file is ATTACHed READ_ONLY to a fresh in-memory DuckDB rather than opened with
`duckdb.connect(path, read_only=True)`: DuckDB keeps one database instance per path in
a process, so a second connect to the same path while a query still holds the first
would be handed the old file again. Each query runs on its own cursor (DuckDB cursors
are safe to use from Streamlit's session threads) with the warehouse as its default
catalog, so the marts and the view line_items_flat are named as in the file.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.settings import Settings

CATALOG = "warehouse"  # the name the file is attached under


def warehouse_path() -> Path:
    """The warehouse file: BUDGET_WAREHOUSE, else warehouse/warehouse.duckdb (pipeline/settings.py)."""
    return Settings().warehouse


def raw_dir() -> Path:
    """The raw/ folder (BUDGET_RAW_DIR): where a PDF is looked for when its recorded path has gone."""
    return Settings().raw_dir


def file_version(path: Path) -> tuple[str, int, int, int]:
    """What identifies one published version of the file: path, inode, size, mtime (ns)."""
    stat = os.stat(path)
    return str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns


def open_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A new connection with the warehouse file attached READ_ONLY as its default catalog (a fresh instance)."""
    connection = duckdb.connect(":memory:")
    quoted = str(path).replace("'", "''")
    connection.execute(f"attach '{quoted}' as {CATALOG} (read_only)")
    connection.execute(f"use {CATALOG}")
    return connection


class WarehouseConnection:
    """A read-only DuckDB connection to the warehouse, reopened when the file is replaced."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else warehouse_path()
        self._lock = threading.Lock()
        self._version: tuple[str, int, int, int] | None = None
        self._connection: duckdb.DuckDBPyConnection | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The connection to the file as it is now (a new one if a run has replaced it since)."""
        if not self.path.exists():
            raise FileNotFoundError(f"no warehouse at {self.path}: build it with `make run`")
        version = file_version(self.path)
        with self._lock:
            if self._connection is None or version != self._version:
                # the old connection is not closed here: a query of another session may still be
                # reading it; it is closed when its last cursor is gone
                self._connection = open_read_only(self.path)
                self._version = version
            return self._connection

    @contextmanager
    def cursor(self):
        """A cursor for one query (closed afterwards), on the current version of the file."""
        cursor = self.connection().cursor()
        cursor.execute(f"use {CATALOG}")
        try:
            yield cursor
        finally:
            cursor.close()

    def close(self) -> None:
        """Close the cached connection (the next query opens a new one)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
            self._connection = None
            self._version = None
