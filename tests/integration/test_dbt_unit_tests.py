"""dbt's unit tests (the models' SQL on fixed inputs) run here, not in the nightly build, which leaves them out."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from pipeline.load.dbt_build import dbt_command
from tests.conftest import RAW, ROOT


def test_every_dbt_unit_test_passes_against_a_built_warehouse(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "000_5cd6d46b1da1057e.txt", raw)
    warehouse = tmp_path / "out" / "warehouse.duckdb"
    built = subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse",
                            str(warehouse)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    # the nightly build leaves the unit tests out
    log = next((tmp_path / "out" / "logs").glob("run-*.log")).read_text(encoding="utf-8")
    assert "unit_test" not in log.split("Finished running", 1)[1].splitlines()[0]

    target = tmp_path / "target"
    env = {"BUDGET_WAREHOUSE": str(warehouse), "BUDGET_PARQUET_DIR": str(tmp_path / "out" / "extract"),
           "PATH": "/usr/bin:/bin", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(dbt_command("test", "--select", "test_type:unit", target_path=target),
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-5000:]
    ran = json.loads((target / "run_results.json").read_text())["results"]
    unit_tests = [r for r in ran if r["unique_id"].startswith("unit_test.")]
    assert len(unit_tests) >= 50 and all(r["status"] == "pass" for r in unit_tests)
