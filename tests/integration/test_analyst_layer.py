"""The analyst layer on the shipped raw/ (PDFs and seed texts), built once for the module:

勾稽 checks for every document, the real inconsistencies of seed 002 as failures
with their numbers, regions, the analyst questions of README.md and
docs/analyst-guide.md through SQLAlchemy (duckdb-engine, read-only), Parquet
export, and dbt docs with every model and column described.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.conftest import RAW, ROOT
from tests.integration.readme_queries import (
    ANALYST_GUIDE,
    DOCUMENTS,
    README,
    questions_by_file,
    run_query,
    sqlalchemy_url,
)

CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("analyst") / "out" / "warehouse.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(RAW), "--warehouse", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out


@pytest.fixture
def con(warehouse):
    # per test: an open DuckDB connection would stop SQLAlchemy's (another configuration)
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


# ------------------------------------------------------------------ 勾稽 reconciliation

def test_every_document_has_checks(con):
    rows = con.execute("select source_file, check_count from dim_document order by 1").fetchall()
    assert len(rows) == len([p for p in RAW.iterdir() if p.is_file()])
    assert all(count > 0 for _, count in rows), rows


def test_seed_002_inconsistencies_fail_with_the_printed_numbers(con):
    failed = con.execute(
        """
        select check_name, subject, stage, expected, printed, difference
        from fct_reconciliation_checks
        where source_file = '002_ce97c528681cbbae.txt' and not passed
        order by all
        """
    ).fetchall()
    d = Decimal
    assert failed == sorted([
        # the fiscal summary's 一般公共预算 column: 29.71 vs the 一般公共预算 table's 29.70
        ("fiscal_summary_class_matches_general_expenditure", "208", "final", d("29.70"), d("29.71"), d("0.01")),
        # the summary table: 662.12 / 29.71 vs the expenditure table's 662.11 / 29.70
        ("summary_class_matches_expenditure_table", "201", "final", d("662.11"), d("662.12"), d("0.01")),
        ("summary_class_matches_expenditure_table", "208", "final", d("29.70"), d("29.71"), d("0.01")),
        # “三公”: the header names 公务用车运行维护费 twice and no 公务接待费
        ("three_public_total_equals_sum_of_items", "total", "budget", d("0.00"), d("0.14"), d("0.14")),
        ("three_public_total_equals_sum_of_items", "total", "final", d("0.00"), d("0.10"), d("0.10")),
    ])


def test_rounding_within_tolerance_passes(con):
    # 002's 06 table: 302 商品和服务支出 16.22, its 27 items add up to 16.24 — within 0.27
    row = con.execute(
        """
        select expected, printed, difference, tolerance, input_count, passed
        from fct_reconciliation_checks
        where source_file = '002_ce97c528681cbbae.txt'
            and check_name = 'class_equals_sum_of_sections' and subject = '302'
        """
    ).fetchone()
    assert row == (Decimal("16.24"), Decimal("16.22"), Decimal("-0.02"), Decimal("0.27"), 27, True)


def test_audit_finds_no_error_in_a_document_that_adds_up(con):
    errors = con.execute(
        "select rule_id, message_zh from fct_audit_findings"
        " where source_file = '上海市普陀区司法局2026年部门预算.pdf' and severity = 'error'"
    ).fetchall()
    assert errors == []


def test_audit_reports_the_seeds_rounding_gaps_as_info(con):
    rows = con.execute(
        """
        select checks.source_file, checks.check_name, checks.subject, findings.rule_id, findings.severity
        from fct_audit_findings as findings
        inner join fct_reconciliation_checks as checks on findings.check_key = checks.check_key
        where checks.source_file in ('002_ce97c528681cbbae.txt', '003_ff2ed464ea78daa4.txt')
            and (checks.subject in ('302', '201', '208') or checks.subject like '本年%合计')
            and checks.check_name in ('class_equals_sum_of_sections', 'summary_class_matches_expenditure_table',
                                      'summary_current_year_total_equals_sum_of_items')
        order by all
        """
    ).fetchall()
    assert ("002_ce97c528681cbbae.txt", "class_equals_sum_of_sections", "302", "in_table_rounding_gap", "info") in rows
    assert ("002_ce97c528681cbbae.txt", "summary_class_matches_expenditure_table", "201", "cross_table_rounding_gap",
            "info") in rows
    assert any(r[0].startswith("003_") and r[4] == "info" for r in rows)
    assert all(r[4] == "info" for r in rows)


def test_documents_that_add_up_fail_no_check(con):
    counts = dict(con.execute(
        "select source_file, check_failed_count from dim_document order by 1"
    ).fetchall())
    print("failed checks per document:", counts)
    assert {f: n for f, n in counts.items() if not f.startswith("002_")} == {
        f: 0 for f in counts if not f.startswith("002_")
    }
    assert counts["002_ce97c528681cbbae.txt"] == 5


def test_quality_score_is_the_pass_rate(con):
    bad = con.execute(
        """
        select source_file from dim_document
        where check_count > 0
            and quality_score <> cast(round(check_passed_count / check_count, 4) as decimal(5, 4))
        """
    ).fetchall()
    assert bad == []


def test_check_columns_have_the_fixed_names(con):
    columns = {r[0]: r[1] for r in con.execute(
        "select column_name, data_type from information_schema.columns where table_name = 'fct_reconciliation_checks'"
    ).fetchall()}
    assert columns["passed"] == "BOOLEAN"
    for name in ("document_key", "check_name", "expected", "printed", "difference"):
        assert name in columns
    for table, names in (("dim_document", ("document_key", "source_file")),
                         ("dim_department", ("province", "city", "county", "division_code"))):
        present = {r[0] for r in con.execute(
            f"select column_name from information_schema.columns where table_name = '{table}'").fetchall()}
        assert set(names) <= present


# ------------------------------------------------------------------ the other tables

def test_summary_three_public_and_project_facts(con):
    summary = dict(con.execute(
        """
        select item_name, amount from fct_summary_items s join dim_document d using (document_key)
        where d.source_file = '002_ce97c528681cbbae.txt' and s.table_type = 'summary'
            and s.side = 'expenditure' and s.item_kind in ('current_year_item', 'current_year_total')
            and s.amount <> 0
        """
    ).fetchall())
    assert summary == {"一般公共服务支出": Decimal("662.12"), "社会保障和就业支出": Decimal("29.71"),
                       "卫生健康支出": Decimal("13.27"), "住房保障支出": Decimal("16.27"),
                       "本年支出合计": Decimal("721.36")}
    three_public = con.execute(
        """
        select stage, amount from fct_three_public t join dim_document d using (document_key)
        where d.source_file = '002_ce97c528681cbbae.txt' and item_code = 'total' order by stage
        """
    ).fetchall()
    assert three_public == [("budget", Decimal("0.14")), ("final", Decimal("0.10"))]
    projects = con.execute(
        """
        select count(*) filter (where not is_total), sum(amount) filter (where is_total)
        from fct_projects p join dim_document d using (document_key)
        where d.source_file = '001_525ba3c66e401ae8.txt' and measure = 'total'
        """
    ).fetchone()
    assert projects == (11, Decimal("250.44"))


# ------------------------------------------------------------------ regions

EXPECTED_REGIONS = {
    "000": ("河南省", "焦作市", "温县", "410825"),
    "001": ("河南省", "洛阳市", "孟津区", "410308"),
    "002": ("湖北省", "随州市", "曾都区", "421303"),
    "003": ("河北省", "秦皇岛市", "青龙满族自治县", "130321"),
    "004": ("河南省", "新乡市", "封丘县", "410727"),
    "上海市普陀区司法局": ("上海市", "上海市", "普陀区", "310107"),
    "中共上海市普陀区委社会工作部": ("上海市", "上海市", "普陀区", "310107"),
}


def test_every_document_has_its_region(con):
    rows = con.execute(
        "select source_file, province, city, county, division_code from dim_document order by 1"
    ).fetchall()
    for source_file, *region in rows:
        key = next(k for k in EXPECTED_REGIONS if source_file.startswith(k))
        assert tuple(region) == EXPECTED_REGIONS[key], source_file
    unresolved = con.execute(
        "select department_count from dim_region where region_level = 'unresolved'"
    ).fetchone()
    assert unresolved == (0,)


# ------------------------------------------------------------------ serving

def test_the_guide_holds_every_question_and_the_readme_three_of_them():
    questions = questions_by_file()
    guide, readme = questions[ANALYST_GUIDE], questions[README]
    assert len(guide) >= 8
    assert len(readme) == 3
    by_sql = {q.sql: q for q in guide}
    for q in readme:
        assert q.sql in by_sql, f"README question {q.title!r} is not in docs/analyst-guide.md (same SQL)"
        assert (q.header, q.rows) == (by_sql[q.sql].header, by_sql[q.sql].rows), q.title


def test_analyst_questions_through_sqlalchemy_read_only(warehouse):
    from sqlalchemy import create_engine, text

    questions = questions_by_file(DOCUMENTS)
    assert all(questions.values()), {path.name: len(qs) for path, qs in questions.items()}
    engine = create_engine(sqlalchemy_url(warehouse))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("select current_setting('access_mode')")).scalar() == "read_only"
            with pytest.raises(Exception, match="read-only|read only"):
                connection.execute(text("create table written_by_a_bi_tool (x integer)"))
        with engine.connect() as connection:
            for path, file_questions in questions.items():
                for q in file_questions:
                    where = f"{path.name}: {q.title}"
                    header, rows = run_query(connection, q.sql)
                    if q.header is None:
                        assert rows == [], f"{where}: the file says (no rows)"
                        continue
                    assert header == q.header, where
                    assert rows == q.rows, (
                        f"{where}: the answer differs from the file; rewrite the answers with "
                        "`python -m tests.integration.readme_queries --update`"
                    )
    finally:
        engine.dispose()


def test_export_writes_every_mart_as_parquet(warehouse, tmp_path):
    out = tmp_path / "parquet"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "export", "--format", "parquet", "--out", str(out),
         "--warehouse", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        relations = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        ).fetchall()]
        expected = {name: con.execute(f'select count(*) from "{name}"').fetchone()[0] for name in relations}
    finally:
        con.close()
    assert {"fct_reconciliation_checks", "fct_budget_execution", "dim_region", "line_items_flat"} <= set(expected)
    reader = duckdb.connect()
    try:
        for name, count in expected.items():
            path = out / f"{name}.parquet"
            assert path.exists(), name
            assert reader.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0] == count, name
        kind = reader.execute(
            f"select typeof(expected) from read_parquet('{out / 'fct_reconciliation_checks.parquet'}') limit 1"
        ).fetchone()[0]
        assert kind == "DECIMAL(18,2)"
    finally:
        reader.close()


# ------------------------------------------------------------------ dbt docs

@pytest.fixture(scope="module")
def docs(warehouse, tmp_path_factory) -> tuple[dict, dict]:
    out = tmp_path_factory.mktemp("docs")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.tools.docs", "--warehouse", str(warehouse), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (out / "static_index.html").exists()
    return (json.loads((out / "manifest.json").read_text()), json.loads((out / "catalog.json").read_text()))


def _documented(manifest: dict):
    """Every model, seed and source of the project with its catalog key."""
    for key, node in manifest["nodes"].items():
        if node["resource_type"] in ("model", "seed") and node["package_name"] == "budget_warehouse":
            yield key, node
    yield from manifest["sources"].items()


def test_every_model_and_column_is_described(docs):
    manifest, catalog = docs
    missing = []
    for key, node in _documented(manifest):
        if not node["description"].strip():
            missing.append(f"{key}: no description")
        described = {n.lower(): c["description"].strip() for n, c in node["columns"].items()}
        built = (catalog["nodes"].get(key) or catalog["sources"].get(key) or {}).get("columns", {})
        missing += [f"{key}.{col}: no description" for col in built if not described.get(col.lower())]
        missing += [f"{key}.{col}: empty description" for col, text in described.items() if not text]
    assert missing == []


def test_descriptions_name_the_chinese_term(docs):
    manifest, _ = docs
    english_only = []
    for key, node in _documented(manifest):
        if not CJK.search(node["description"]):
            english_only.append(key)
        english_only += [f"{key}.{n}" for n, c in node["columns"].items() if not CJK.search(c["description"])]
    assert english_only == []
