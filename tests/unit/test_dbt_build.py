"""The dbt build's environment and working folder (pipeline/load/dbt_build.py)."""
from __future__ import annotations

import os

import pytest

from pipeline.load import dbt_build


def test_the_environment_names_the_file_only_and_turns_dbts_debug_log_off(monkeypatch):
    monkeypatch.setenv("BUDGET_PARQUET_DIR", "/somewhere/parquet")
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    env = dbt_build.dbt_environment("warehouse.duckdb", {"BUDGET_QUARANTINE": "abc"})
    assert env["BUDGET_WAREHOUSE"] == "warehouse.duckdb"
    assert "BUDGET_PARQUET_DIR" not in env  # the sources read the link in the build folder
    assert env["DBT_LOG_LEVEL_FILE"] == "none"
    assert env["BUDGET_QUARANTINE"] == "abc"


def test_an_operator_can_bring_dbts_log_file_back(monkeypatch):
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    assert dbt_build.dbt_environment("warehouse.duckdb")["DBT_LOG_LEVEL_FILE"] == "debug"


def test_the_folder_and_environment_are_restored_after_a_build_that_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("KEPT", "1")
    folder, before = os.getcwd(), dict(os.environ)
    seen = {}

    def failing_build():
        with dbt_build._as_dbt_sees_it(tmp_path, {"BUDGET_WAREHOUSE": "w.duckdb"}):
            seen.update(folder=os.getcwd(), env=dict(os.environ))
            raise RuntimeError("dbt failed")

    with pytest.raises(RuntimeError):
        failing_build()
    assert seen == {"folder": str(tmp_path), "env": {"BUDGET_WAREHOUSE": "w.duckdb"}}
    assert os.getcwd() == folder
    assert dict(os.environ) == before
