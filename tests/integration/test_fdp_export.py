"""`python -m pipeline export --format fdp` on a warehouse built from the seed texts of raw/:

frictionless finds the package valid, the FDP requirements hold (the columnTypes of the
budget taxonomy, with their data types; fiscal year; currency), and the exported values
add up to the warehouse's own facts, document by document, exactly.
"""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.conftest import RAW, ROOT

FRICTIONLESS = Path(sys.executable).parent / "frictionless"

# columnType → the data type the FDP budget taxonomy (1.0-rc.1) gives it
TAXONOMY_TYPES = {
    "value": "number",
    "value-currency:code": "string",
    "value-kind:code": "string",
    "date:fiscal-year": "integer",
    "phase:id": "string",
    "phase:label": "string",
    "direction": "string",
    "budget-line-id": "string",
    "administrative-classification:generic:code": "string",
    "administrative-classification:generic:label": "string",
    "geo:generic:code": "string",
    "geo:generic:title": "string",
}
REQUIRED = {"value", "value-currency:code", "date:fiscal-year", "phase:id", "direction",
            "administrative-classification:generic:code", "administrative-classification:generic:label"}
CLASSIFICATION = {
    "expenditure-functional": ("functional", 3),
    "expenditure-economic": ("economic", 2),
    "revenue": ("functional", 3),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fdp")
    raw = base / "raw"
    raw.mkdir()
    for path in sorted(RAW.glob("*.txt")):  # the seed texts: a full build in about a minute
        shutil.copy2(path, raw / path.name)
    out = base / "out" / "warehouse.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out


@pytest.fixture(scope="module")
def package(warehouse, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fdp_out") / "package"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "export", "--format", "fdp", "--out", str(out),
         "--warehouse", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "datapackage.json" in result.stdout
    return out


def _rows(package: Path, name: str) -> list[dict]:
    with (package / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_frictionless_validates_the_package(package):
    assert FRICTIONLESS.exists(), f"{FRICTIONLESS}: install the dev extra"
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(package / "datapackage.json")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["stats"]["errors"] == 0
    assert {task["name"] for task in report["tasks"]} == set(CLASSIFICATION)
    assert all(task["valid"] for task in report["tasks"])


def test_every_resource_has_the_fdp_column_types(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["fiscalDataPackage"]["version"] == "1.0-rc.1"
    assert {r["name"] for r in descriptor["resources"]} == set(CLASSIFICATION)
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        by_type = {f["columnType"]: f for f in fields if "columnType" in f}
        cls, levels = CLASSIFICATION[resource["name"]]
        wanted = set(REQUIRED)
        for level in range(1, levels + 1):
            wanted |= {f"{cls}-classification:generic:level{level}:code",
                       f"{cls}-classification:generic:level{level}:label"}
        assert wanted <= set(by_type), (resource["name"], wanted - set(by_type))
        for column_type, field in by_type.items():
            expected = TAXONOMY_TYPES.get(column_type, "string")
            assert field["type"] == expected, (resource["name"], column_type, field["type"])
        # the provenance columns are plain fields
        plain = {f["name"] for f in fields if "columnType" not in f}
        assert {"source_file", "page", "table_type", "printed_amount", "printed_unit"} <= plain


def test_rows_carry_year_phase_direction_and_currency_of_their_document(package, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        documents = {r[0]: r[1:] for r in con.execute(
            "select source_file, fiscal_year, report_type, department from dim_document where is_preferred"
        ).fetchall()}
        not_preferred = {r[0] for r in con.execute(
            "select source_file from dim_document where not is_preferred").fetchall()}
    finally:
        con.close()
    seen = set()
    for name in CLASSIFICATION:
        rows = _rows(package, name)
        assert rows, name
        for row in rows:
            assert row["source_file"] not in not_preferred
            year, report_type, department = documents[row["source_file"]]
            assert (int(row["fiscal_year"]), row["phase"], row["department"]) == (year, report_type, department)
            assert row["currency"] == "CNY"
            assert row["direction"] == ("revenue" if name == "revenue" else "expenditure")
            assert row["phase_label"] == {"budget": "预算", "final": "决算"}[row["phase"]]
            code = row["account_code"]
            assert int(row["account_level"]) == {3: 1, 5: 2, 7: 3}[len(code)]
            cls, _ = CLASSIFICATION[name]
            assert row[f"{cls}_level1_code"] == code[:3]
            assert Decimal(row["value"]) == Decimal(row["printed_amount"]) * (
                10000 if row["printed_unit"] == "万元" else 1)
            seen.add(row["source_file"])
    assert seen == set(documents)  # every preferred report is in the package


def _exported_sums(package) -> dict[tuple, Decimal]:
    sums: dict[tuple, Decimal] = defaultdict(Decimal)
    for name in CLASSIFICATION:
        for row in _rows(package, name):
            sums[(row["source_file"], row["table_type"], row["measure"], row["phase"])] += Decimal(row["value"])
    return dict(sums)


def test_exported_values_add_up_to_the_warehouse_facts(package, warehouse):
    # the same selection, said another way: account facts of preferred documents that no
    # account of the same table, measure and stage has as its 类 or 款
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        expected = {(f, t, m, p): s for f, t, m, p, s in con.execute(
            """
            with facts as (
                select d.source_file, f.table_key, f.table_type, f.measure, coalesce(f.stage, f.report_type) as phase,
                       f.amount_yuan, a.account_code, a.level, a.class_code, a.section_code
                from fct_line_items f
                join dim_document d using (document_key)
                join dim_account a using (account_key)
                where d.is_preferred and f.row_kind = 'account'
            )
            select p.source_file, p.table_type, p.measure, p.phase, sum(p.amount_yuan)
            from facts p
            where not exists (
                select 1 from facts c
                where c.table_key = p.table_key and c.measure = p.measure and c.phase = p.phase
                  and c.level > p.level and p.account_code in (c.class_code, c.section_code)
            )
            group by all
            """
        ).fetchall()}
        totals = {(f, t, m, p): s for f, t, m, p, s in con.execute(
            """
            select d.source_file, f.table_type, f.measure, coalesce(f.stage, f.report_type), sum(f.amount_yuan)
            from fct_line_items f join dim_document d using (document_key)
            where d.is_preferred and f.row_kind = 'total'
            group by all
            """
        ).fetchall()}
        every_account_fact = con.execute(
            """
            select sum(f.amount_yuan) from fct_line_items f join dim_document d using (document_key)
            where d.is_preferred and f.row_kind = 'account'
            """
        ).fetchone()[0]
    finally:
        con.close()
    exported = _exported_sums(package)
    assert exported == expected
    # levels are not counted twice: the leaves of a table's column sum to less than all its account rows …
    assert sum(exported.values()) < every_account_fact
    # … and, in 温县's final account (every 勾稽 check passes), to the 合计 row the table prints
    clean = {k: v for k, v in exported.items() if k[0] == "000_5cd6d46b1da1057e.txt" and k in totals}
    assert len(clean) >= 5, clean
    assert all(v == totals[k] for k, v in clean.items()), {k: (v, totals[k]) for k, v in clean.items()}
