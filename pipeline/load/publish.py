"""Publishing the warehouse file safely.

DuckDB allows one writer process per file, and BI tools keep the published file
open while the nightly run works. So the run never writes to the published file:

1. A build takes an exclusive lock (``<warehouse folder>/.build/.lock``, an
   ``flock`` the kernel releases when the process dies, even by SIGKILL), so two
   runs never build at once; a second run waits, then finds the warehouse current.
2. dbt builds into ``.build/<same name>.duckdb``, never opened by anyone else.
   What a killed build left behind is removed by the next build before it
   starts (dbt runs in the run's own process, so it dies with it).
3. The build's fingerprint (``incremental.fingerprint``) is written into it
   (table ``warehouse_build``) and it is checkpointed (no ``.wal``).
4. Only then is it moved over the published file with an atomic rename
   (``os.replace``, same filesystem).

What a reader sees: a connection opened before the rename keeps reading the
file it opened (the old version, complete) until it reconnects; a connection
opened after it reads the new version. Nobody ever sees a half-built file, and a
read-only connection never blocks the run (the run does not open the published
file for writing; it only reads ``warehouse_build`` from it read-only). A run
killed at any point leaves the last published file as it was.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"
DBT_TARGET = "dbt_target"  # dbt's target folder for builds of this warehouse (keeps partial parsing warm)
PARQUET_LINK = "parquet"  # the link to the Parquet datasets dbt reads (load/dbt_build.py)
BUILD_INFO_TABLE = "warehouse_build"  # what a warehouse was built from (write_build_info)


@contextmanager
def build_lock(build_dir: Path, timeout_s: float = 6 * 3600, poll_s: float = 0.5) -> Iterator[None]:
    """Hold the exclusive build lock of a warehouse folder (waits for another build to finish)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / LOCK_NAME, "a+") as fh:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another build has held {build_dir / LOCK_NAME} for {timeout_s:g} s") from None
                time.sleep(poll_s)
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"{os.getpid()}\n")
            fh.flush()
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def new_build_path(build_dir: Path, name: str) -> Path:
    """Where the next build goes (``.build/<name>``), emptied; call with the build lock held.

    The location is the same for every build of a warehouse, so dbt's partial
    parsing (``.build/dbt_target``) stays valid from one night to the next. What a
    killed build left behind is deleted.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    for stale in build_dir.iterdir():
        if stale.name in (LOCK_NAME, DBT_TARGET, PARQUET_LINK):  # kept from build to build
            continue
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    return build_dir / name


def write_build_info(build_path: Path, info: dict) -> None:
    """Record what the build was made from (table warehouse_build, one row) and checkpoint."""
    import duckdb

    con = duckdb.connect(str(build_path))
    try:
        columns = ", ".join(f"? as {name}" for name in info)
        con.execute(f"drop table if exists {BUILD_INFO_TABLE}")
        con.execute(f"create table {BUILD_INFO_TABLE} as select {columns}", list(info.values()))
        con.execute("checkpoint")
    finally:
        con.close()


def publish(build_path: Path, target: Path) -> None:
    """Atomically replace `target` by the finished build (same filesystem)."""
    if not build_path.exists():
        raise FileNotFoundError(f"no finished build at {build_path}")
    wal = build_path.with_name(build_path.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"the build at {build_path} was not checkpointed (a .wal file remains)")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(build_path, target)
