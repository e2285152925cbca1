"""Safe publishing: readers never block a run and never see a half-built warehouse; SIGKILL is harmless.

Runs are real `python -m pipeline run` processes (own session, so that a killed
run's children — extraction workers, dbt — can be cleaned up afterwards).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.defs.runner import run_in_process
from pipeline.settings import Settings
from tests import corpus
from tests.conftest import ROOT

S0, S1, S2, S3 = corpus.SEEDS[:4]
TABLES = ("line_items_flat", "fct_line_items", "dim_document", "ingestion_errors", "warehouse_build")


def _command(raw: Path, warehouse: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse),
            "--workers", "2"]


def _run(raw: Path, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_command(raw, warehouse), cwd=ROOT, capture_output=True, text=True, timeout=900)


def _contents(warehouse: Path) -> dict[str, object]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out: dict[str, object] = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
        out["files"] = sorted(r[0] for r in con.execute("select distinct source_file from line_items_flat").fetchall())
        out["fingerprint"] = con.execute("select fingerprint from warehouse_build").fetchone()[0]
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A published warehouse; each test adds its own document to it, so their order does not matter."""
    tmp_path = tmp_path_factory.mktemp("publishing")
    raw = tmp_path / "raw"
    raw.mkdir()
    for seed in (S0, S1):
        corpus.copy_seed(raw, seed)
    warehouse = tmp_path / "out" / "warehouse.duckdb"
    first = run_in_process(Settings(raw_dir=raw, warehouse=warehouse, workers=2))
    assert first.success, first.failures
    return raw, warehouse


def test_read_only_connection_held_open_during_a_run(published):
    raw, warehouse = published
    reader = duckdb.connect(str(warehouse), read_only=True)  # a BI tool, connected all night
    try:
        before = reader.execute("select count(*) from line_items_flat").fetchone()[0]
        corpus.copy_seed(raw, S2)
        result = _run(raw, warehouse)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "warehouse: rebuilt and published" in result.stdout
        # the open connection still reads the complete old version ...
        assert reader.execute("select count(*) from line_items_flat").fetchone()[0] == before
        assert S2 not in {r[0] for r in reader.execute("select source_file from dim_document").fetchall()}
    finally:
        reader.close()
    # ... and a new connection reads the new one
    after = _contents(warehouse)
    assert S2 in after["files"] and after["line_items_flat"] > before


def _start(raw: Path, warehouse: Path) -> subprocess.Popen:
    return subprocess.Popen(_command(raw, warehouse), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _wait_for(condition, proc: subprocess.Popen, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert proc.poll() is None, "the run ended before the kill point"
        assert time.monotonic() < deadline, "kill point not reached"
        time.sleep(0.05)


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)  # the run's own process, as the OOM killer would
    proc.wait()
    time.sleep(0.5)
    try:  # then whatever it left running (extraction workers, dbt), so the test leaves nothing behind
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_sigkill_mid_run_keeps_the_published_warehouse_and_the_next_run_succeeds(published):
    raw, warehouse = published
    before = _contents(warehouse)
    extract_dir = warehouse.parent / "extract"
    build_dir = warehouse.parent / ".build"
    corpus.copy_seed(raw, S3)
    new_ids = {corpus.document_id(raw / S3)}

    # kill point 1: while the new documents are being read (the first one's pages are written)
    pages = [extract_dir / "pages" / f"{i}.parquet" for i in new_ids]
    proc = _start(raw, warehouse)
    _wait_for(lambda: any(p.exists() for p in pages), proc)
    _kill(proc)
    assert _contents(warehouse) == before

    # kill point 2: while dbt writes the new warehouse
    proc = _start(raw, warehouse)
    _wait_for(lambda: (build_dir / "warehouse.duckdb").exists(), proc)
    _kill(proc)
    assert _contents(warehouse) == before  # opens, complete, the previous contents

    result = _run(raw, warehouse)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    after = _contents(warehouse)
    assert set(after["files"]) == set(before["files"]) | {S3}
    con = duckdb.connect(str(warehouse), read_only=True)
    loaded = {r[0] for r in con.execute("select document_key from dim_document where status like 'loaded%'").fetchall()}
    con.close()
    assert new_ids <= loaded
    # no left-over build: the lock, dbt's parse state and the link to the Parquet datasets stay
    assert {p.name for p in build_dir.iterdir()} <= {".lock", "dbt_target", "parquet"}


def test_a_build_dbt_cannot_start_says_why_and_keeps_the_published_warehouse(published):
    raw, warehouse = published
    before = _contents(warehouse)
    added = corpus.SEEDS[4]
    corpus.copy_seed(raw, added)
    # DuckDB refuses the setting when dbt opens the build file: nothing is built, no results are written
    broken = subprocess.run(_command(raw, warehouse), cwd=ROOT, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "BUDGET_DUCKDB_MEMORY_LIMIT": "lots"})
    assert broken.returncode != 0
    assert "dbt stopped before building any model" in broken.stdout + broken.stderr
    assert "AttributeError" not in broken.stdout + broken.stderr
    assert _contents(warehouse) == before

    fixed = _run(raw, warehouse)  # the next run, with the setting mended, loads the document
    assert fixed.returncode == 0, fixed.stdout[-3000:] + fixed.stderr[-3000:]
    assert added in _contents(warehouse)["files"]
