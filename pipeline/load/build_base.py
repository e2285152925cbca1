"""Where a warehouse build starts: from the published warehouse (incremental) or from nothing (full).

The big per-document facts are dbt incremental models keyed by document
(dbt_project/macros/incremental_documents.sql): given the previous warehouse, a build
deletes the rows of removed and changed documents and inserts those of new and
changed ones, and rebuilds the small dimensions and marts. That is only right when
the previous warehouse was made by the same code: the same extractor, parser and dbt
project (table ``warehouse_build``). So a build starts from a copy of the published
file when those match and from an empty file otherwise, or when a full refresh is
asked for (``pipeline run --full-refresh``). Both give the same tables.

The published file is copied, never opened for writing: readers keep it open.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .publish import BUILD_INFO_TABLE

# what must be the same in the published warehouse for a build to start from it
SAME_CODE = {
    "extractor_version": "the extractor",
    "parser_version": "the parser",
    "dbt_project_version": "the dbt project",
}


@dataclass(frozen=True)
class BuildBase:
    """How a build starts: ``incremental`` from a copy of the published warehouse, or ``full``; and why."""

    mode: str  # incremental | full
    reason: str


def published_build_info(warehouse: Path) -> dict | None:
    """The published warehouse's build record (table warehouse_build); None when missing or unreadable."""
    if not warehouse.exists():
        return None
    import duckdb

    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return None
    try:
        cursor = con.execute(f"select * from {BUILD_INFO_TABLE} limit 1")
        row = cursor.fetchone()
        return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None
    except duckdb.Error:
        return None
    finally:
        con.close()


def choose_base(published: dict | None, current: dict[str, str], full_refresh: bool = False) -> BuildBase:
    """Incremental when the published warehouse was built by the same code as `current` (SAME_CODE keys)."""
    if full_refresh:
        return BuildBase("full", "a full refresh was asked for")
    if published is None:
        return BuildBase("full", "there is no published warehouse to start from")
    changed = [label for key, label in SAME_CODE.items() if published.get(key) != current.get(key)]
    if changed:
        return BuildBase("full", " and ".join(changed) + " changed since the published warehouse was built")
    return BuildBase("incremental", "from the published warehouse: only new, changed and removed documents' "
                                    "rows of the big facts are rebuilt")


def start_build_file(base: BuildBase, published: Path, build_path: Path) -> None:
    """Put the build's starting point at build_path: a copy of the published file, or nothing."""
    build_path.unlink(missing_ok=True)
    if base.mode == "incremental":
        shutil.copyfile(published, build_path)
