"""Budget vs final on a small pair: 温县's 2022 final account (seed 000) and a 2022
budget written in the seeds' text style (tests/fixtures/budget_pair/), whose
department is printed as 河南省温县… — so the pair only matches after normalization —
plus seed 002 (another department), which must be listed as unmatched, not guessed.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal

import duckdb
import pytest

from tests.conftest import RAW, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "budget_pair"
FINAL = "000_5cd6d46b1da1057e.txt"
BUDGET = "河南省温县政务服务和大数据管理局2022年部门预算.txt"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    base = tmp_path_factory.mktemp("budget_pair")
    raw = base / "raw"
    raw.mkdir()
    for path in [RAW / FINAL, RAW / "002_ce97c528681cbbae.txt", *FIXTURES.glob("*.txt")]:
        shutil.copy(path, raw / path.name)
    warehouse = base / "out" / "warehouse.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def test_budget_fixture_parses_as_a_budget_that_adds_up(con):
    row = con.execute(
        "select report_type, fiscal_year, department, division_code, check_count, check_failed_count "
        "from dim_document where source_file = ?", [BUDGET]
    ).fetchone()
    assert row[:4] == ("budget", 2022, "河南省温县政务服务和大数据管理局", "410825")
    assert row[4] > 0 and row[5] == 0


def test_pair_matches_after_name_normalization_and_the_rest_is_listed(con):
    pairs = con.execute(
        "select status, budget_source_file, final_source_file, department_match_key "
        "from budget_final_pairs order by status"
    ).fetchall()
    assert pairs == [
        ("final_only", None, "002_ce97c528681cbbae.txt", "421303|政务服务和大数据管理局"),
        ("matched", BUDGET, FINAL, "410825|政务服务和大数据管理局"),
    ]


def _rate(con, table_type, row_key, measure="total", source="budget_document"):
    return con.execute(
        """
        select budget_amount, final_amount, execution_rate from fct_budget_execution
        where table_type = ? and row_key = ? and measure = ? and budget_source = ?
        """,
        [table_type, row_key, measure, source],
    ).fetchone()


def test_execution_rates(con):
    d = Decimal
    # the final account's own text: 年初预算 163.47, 决算 170.96, 完成 104.58%; 行政运行 111.73 → 153.01%
    assert _rate(con, "expenditure", "TOTAL") == (d("163.47"), d("170.96"), d("1.0458"))
    assert _rate(con, "general_expenditure", "201") == (d("163.47"), d("170.96"), d("1.0458"))
    assert _rate(con, "general_expenditure", "2010301") == (d("111.73"), d("170.96"), d("1.5301"))
    assert _rate(con, "expenditure", "TOTAL", "project") == (d("20.00"), d("0.00"), d("0.0000"))
    # printed in the budget only: no final figure, no rate
    assert _rate(con, "expenditure", "2010350") == (d("31.74"), None, None)
    # “三公”: the budget's 0.50 公务接待费 against the final account's 0.00
    assert _rate(con, "three_public", "reception") == (d("0.50"), d("0.00"), d("0.0000"))
    # a budget of 0 has no rate
    assert _rate(con, "expenditure", "2010301", "project") == (d("0.00"), d("0.00"), None)


def test_final_accounts_budget_columns_are_budget_figures_too(con):
    d = Decimal
    # 002 prints 预算数 and 决算数 in its “三公” table: 0.14 → 0.10
    row = con.execute(
        """
        select budget_amount, final_amount, execution_rate, department_name from fct_budget_execution
        where budget_source = 'final_account_budget_column' and table_type = 'three_public'
            and row_key = 'total' and fiscal_year = 2023
        """
    ).fetchone()
    assert row == (d("0.14"), d("0.10"), d("0.7143"), "曾都区政务服务和大数据管理局")


def test_amounts_compare_in_yuan(con):
    bad = con.execute(
        """
        select count(*) from fct_budget_execution
        where budget_amount_yuan is not null and final_amount_yuan is not null
            and execution_rate is distinct from
                round(final_amount_yuan / nullif(budget_amount_yuan, 0), 4)
        """
    ).fetchone()[0]
    assert bad == 0
