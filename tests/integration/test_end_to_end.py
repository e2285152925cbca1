"""The whole job on the seed texts in a temp folder, scored with ../shared/eval/score.py."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import RAW, ROOT, SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "gold"
needs_gold = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the repo")


def run_pipeline(raw: Path, warehouse: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def text_warehouse(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    base = tmp_path_factory.mktemp("e2e")
    raw = base / "raw"
    raw.mkdir()
    for path in sorted(RAW.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    warehouse = base / "out" / "warehouse.duckdb"
    result = run_pipeline(raw, warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    return raw, warehouse, result


@needs_gold
def test_seed_texts_score_against_gold(text_warehouse):
    _, warehouse, _ = text_warehouse
    score = subprocess.run(
        [sys.executable, str(SCORER), "--warehouse", str(warehouse), "--gold", str(GOLD),
         "--match", "*.txt", "--min-f1-each", "0.98", "--expect-files", "5", "--show", "3"],
        capture_output=True, text=True,
    )
    assert score.returncode == 0, score.stdout + score.stderr


def test_run_summary_is_printed(text_warehouse):
    _, _, result = text_warehouse
    assert "documents read: 5" in result.stdout
    assert "line items loaded:" in result.stdout


def test_second_run_gives_identical_counts(text_warehouse):
    raw, warehouse, _ = text_warehouse

    def counts():
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                    for t in ("line_items_flat", "fct_line_items", "dim_document", "parse_issues")}
        finally:
            con.close()

    before = counts()
    again = run_pipeline(raw, warehouse)
    assert again.returncode == 0, again.stdout + again.stderr
    assert counts() == before


def test_every_flat_row_has_provenance(text_warehouse):
    _, warehouse, _ = text_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    missing = con.execute(
        "select count(*) from line_items_flat where source_file is null or amount is null "
        "or amount_yuan is null or unit not in ('万元', '元')"
    ).fetchone()[0]
    types = con.execute("select typeof(amount), typeof(amount_yuan) from line_items_flat limit 1").fetchone()
    con.close()
    assert missing == 0
    assert types == ("DECIMAL(18,2)", "DECIMAL(20,2)")
