"""Publishing the warehouse file: build lock, fresh build location, atomic replace."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from pipeline.load.publish import build_lock, new_build_path, publish, write_build_info
from tests.conftest import ROOT

HOLD_LOCK = """
import sys, time
from pathlib import Path
from pipeline.load.publish import build_lock
with build_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_build_lock_is_exclusive_and_released_when_its_holder_is_killed(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(TimeoutError):
            with build_lock(tmp_path, timeout_s=0.3, poll_s=0.05):
                pass
        os.kill(holder.pid, signal.SIGKILL)  # the kernel drops the flock with the process
        holder.wait()
        started = time.monotonic()
        with build_lock(tmp_path, timeout_s=5, poll_s=0.05):
            assert time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait()


def _make_warehouse(path, value: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("create table t as select ? as v", [value])
    con.close()


def test_publish_replaces_atomically_and_a_new_build_clears_left_overs(tmp_path):
    target = tmp_path / "warehouse.duckdb"
    build_dir = tmp_path / ".build"
    with build_lock(build_dir):
        first = new_build_path(build_dir, target.name)
        _make_warehouse(first, 1)
        write_build_info(first, {"fingerprint": "abc"})
        publish(first, target)
    reader = duckdb.connect(str(target), read_only=True)
    with build_lock(build_dir):
        killed = new_build_path(build_dir, target.name)  # a build that never finished ...
        _make_warehouse(killed, 99)
        (build_dir / "warehouse.duckdb.wal").write_bytes(b"left over")
        second = new_build_path(build_dir, target.name)
        assert not killed.exists() and not (build_dir / "warehouse.duckdb.wal").exists()
        _make_warehouse(second, 2)
        publish(second, target)
    # the open reader keeps reading the file it opened; a new connection reads the new one
    assert reader.execute("select v from t").fetchone()[0] == 1
    assert reader.execute("select fingerprint from warehouse_build").fetchone()[0] == "abc"
    reader.close()
    fresh = duckdb.connect(str(target), read_only=True)
    assert fresh.execute("select v from t").fetchone()[0] == 2
    fresh.close()
    assert sorted(p.name for p in build_dir.iterdir()) == [".lock"]
