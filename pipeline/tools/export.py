"""`python -m pipeline export`: every mart table and view of the warehouse as Parquet.

One file per relation, ``<out>/<name>.parquet``, written by DuckDB's COPY from a
read-only connection (the published warehouse is never written to). Amounts keep
their DECIMAL types, so DuckDB, pandas or a BI tool reads back the same numbers.
"""
from __future__ import annotations

from pathlib import Path

import duckdb


def mart_relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'BASE TABLE' | 'VIEW') of every table and view in the warehouse's main schema."""
    return con.execute(
        """
        select table_name, table_type
        from information_schema.tables
        where table_schema = 'main' and table_catalog = current_database()
        order by table_name
        """
    ).fetchall()


def export_parquet(warehouse: Path, out_dir: Path) -> dict[str, int]:
    """Write each relation to out_dir/<name>.parquet; returns {name: row count}."""
    warehouse = Path(warehouse)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}; build it with `python -m pipeline run`")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for name, _kind in mart_relations(con):
            target = out_dir / f"{name}.parquet"
            tmp = out_dir / f".{name}.parquet.tmp"
            quoted = '"' + name.replace('"', '""') + '"'
            path = str(tmp).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM main.{quoted}) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")
            tmp.replace(target)
            counts[name] = con.execute(f"SELECT count(*) FROM main.{quoted}").fetchone()[0]
    finally:
        con.close()
    return counts
