"""Publishing the warehouse file safely.

dbt builds into ``<warehouse folder>/.build/<same name>.duckdb``; only a build that
succeeded is moved over the published file with an atomic rename. A reader that
has the old file open keeps reading the old version (the rename does not touch
its open file); new connections see the new version. A run killed at any point
leaves the last published file as it was.
"""
from __future__ import annotations

import os
from pathlib import Path


def prepare_build(build_path: Path) -> None:
    build_path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (build_path, build_path.with_name(build_path.name + ".wal")):
        if stale.exists():
            stale.unlink()


def publish(build_path: Path, target: Path) -> None:
    """Atomically replace `target` by the finished build (same filesystem)."""
    if not build_path.exists():
        raise FileNotFoundError(f"no finished build at {build_path}")
    wal = build_path.with_name(build_path.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"the build at {build_path} was not checkpointed (a .wal file remains)")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(build_path, target)
