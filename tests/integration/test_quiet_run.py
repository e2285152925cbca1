"""A run prints a progress bar and a short summary; dbt's and Dagster's logs go to the log file it names."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import RAW, ROOT

SEEDS = ("000_5cd6d46b1da1057e", "001_525ba3c66e401ae8", "002_ce97c528681cbbae")


def _run(raw, warehouse, *extra):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def quiet_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("quiet")
    raw = root / "raw"
    raw.mkdir()
    for stem in SEEDS:
        shutil.copy(RAW / f"{stem}.txt", raw)
    result = _run(raw, root / "out" / "warehouse.duckdb")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root, raw, result


def test_three_seed_texts_print_at_most_forty_lines(quiet_run):
    _, _, result = quiet_run
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) <= 40, "\n".join(lines)
    assert "documents read: 3" in result.stdout
    assert "reading documents" in result.stderr and "3/3" in result.stderr  # the progress bar
    assert "Running with dbt" not in result.stdout + result.stderr


def test_the_log_file_named_in_the_summary_holds_the_full_detail(quiet_run):
    root, _, result = quiet_run
    named = re.search(r"full log .*?: (\S+\.log)$", result.stdout, re.M)
    assert named, result.stdout
    log = named.group(1)
    assert log.startswith(str(root / "out" / "logs"))
    text = open(log, encoding="utf-8").read()
    assert "Running with dbt" in text and "Completed successfully" in text  # dbt's own log
    assert " - dagster - INFO - " in text  # Dagster's
    assert "tables/pages with parse issues" in text and "this run: 3 documents" in text  # the full summary
    assert "\x1b[" not in text  # no terminal colours in a file


def test_verbose_brings_dbts_log_back_to_the_console(quiet_run):
    root, raw, _ = quiet_run
    # the same extracts, another warehouse: only the dbt build runs
    result = _run(raw, root / "verbose" / "warehouse.duckdb", "--extract-dir", str(root / "out" / "extract"), "-v")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Running with dbt" in result.stdout and "Completed successfully" in result.stdout
    assert "documents read: 3" in result.stdout
    assert not (root / "verbose" / "logs").exists()
