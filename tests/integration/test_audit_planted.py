"""Planted errors in real documents: each produces exactly the audit findings it should.

Variants of the shared documents are built here: a table page dropped from the
司法局 2026 部门预算 PDF (pypdf), a figure of the 说明 changed in the text extract of seed
000, and every amount of one of its tables blanked (its codes and names left). One warehouse holds the originals and the variants; a variant's findings
minus its original's must be exactly the planted error's.
"""
from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.conftest import RAW
from tests.integration.test_end_to_end import run_pipeline

JUSTICE = RAW / "上海市普陀区司法局2026年部门预算.pdf"
SEED_000 = RAW / "000_5cd6d46b1da1057e.txt"
pytest.importorskip("pypdf")
needs_raw = pytest.mark.skipif(not (JUSTICE.exists() and SEED_000.exists()), reason="raw documents are not in raw/")
_INCOME_TOTAL = re.compile(r"(收入合计|收入总计)\s*(\d+\.\d{2})(\s*万元)")


def _drop_page(source: Path, target: Path, title: str) -> int:
    """`source` without the page whose first text line ends with `title`; that page's number."""
    import pypdf
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        page = next(i for i in range(len(pdf))
                    if (pdf[i].get_textpage().get_text_range().strip().splitlines() or [""])[0].strip()
                    .endswith(title))
    finally:
        pdf.close()
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.remove_page(page)
    writer.write(str(target))
    return page + 1


def _blank_table(source: Path, target: Path, first_title: str, next_title: str) -> None:
    """The text with every amount between two table titles blanked (codes and names stay)."""
    text = source.read_text(encoding="utf-8")
    start = text.index(first_title)
    end = text.index(next_title, start + len(first_title))
    blanked = re.sub(r"(?<=\t)-?\d[\d,]*\.\d{2}(?=\t|$)", "", text[start:end], flags=re.M)
    assert blanked != text[start:end]
    target.write_text(text[:start] + blanked + text[end:], encoding="utf-8")


def _change_narrative_total(source: Path, target: Path) -> tuple[str, str]:
    """The text with the first 收入合计 figure of its 说明 raised by 20 万元: (as printed, as planted)."""
    text = source.read_text(encoding="utf-8")
    match = _INCOME_TOTAL.search(text)
    assert match, "the text quotes no 收入合计 figure"
    planted = f"{Decimal(match[2]) + 20:.2f}"
    target.write_text(text[:match.start(2)] + planted + text[match.end(2):], encoding="utf-8")
    return match[2], planted


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    base = tmp_path_factory.mktemp("planted")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(JUSTICE, raw / "justice.pdf")
    dropped = _drop_page(JUSTICE, raw / "justice_without_income_table.pdf", "部门收入预算总表")
    shutil.copy(SEED_000, raw / "seed000.txt")
    printed, changed = _change_narrative_total(SEED_000, raw / "seed000_changed_narrative.txt")
    _blank_table(SEED_000, raw / "seed000_blank_table.txt", "\n一般公共预算财政拨款基本支出决算明细表\n",
                 "\n政府性基金预算财政拨款收入支出决算表\n")
    warehouse = base / "out" / "warehouse.duckdb"
    result = run_pipeline(raw, warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "select source_file, rule_id, severity, found from fct_audit_findings").fetchall()
    con.close()
    findings: dict[str, list[tuple]] = {}
    for source_file, rule_id, severity, found in rows:
        findings.setdefault(source_file, []).append((rule_id, severity, found))
    return findings, dropped, printed, changed


def _added(findings, original: str, variant: str) -> list[tuple]:
    before = {(rule, severity) for rule, severity, _ in findings.get(original, [])}
    return sorted(f for f in findings.get(variant, []) if (f[0], f[1]) not in before)


@needs_raw
def test_the_clean_budget_has_no_error_finding(planted):
    findings, *_ = planted
    assert not [f for f in findings.get("justice.pdf", []) if f[1] == "error"]


@needs_raw
def test_a_dropped_table_page_is_a_missing_required_table(planted):
    findings, dropped, *_ = planted
    added = _added(findings, "justice.pdf", "justice_without_income_table.pdf")
    assert [(rule, severity) for rule, severity, _ in added] == [
        ("presence_listed_table_missing", "warning"),  # the 目录 still lists it
        ("presence_required_table_missing", "error"),
    ], f"page {dropped} dropped"


@needs_raw
def test_a_changed_narrative_figure_is_a_narrative_finding(planted):
    findings, _, printed, changed = planted
    assert not [f for f in findings.get("seed000.txt", []) if f[0].startswith("narrative")]
    added = _added(findings, "seed000.txt", "seed000_changed_narrative.txt")
    assert added == [("narrative_amount_differs", "error", f"{changed}万元")], f"{printed} → {changed}"


@needs_raw
def test_a_blanked_table_is_an_empty_table_without_a_note(planted):
    findings, *_ = planted
    added = _added(findings, "seed000.txt", "seed000_blank_table.txt")
    assert [(rule, severity) for rule, severity, _ in added] == [("presence_empty_table_unmarked", "warning")]
