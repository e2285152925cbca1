"""The document audit report (pipeline/audit) and `python -m pipeline audit`: finding the document,
grouping and order, Markdown and HTML escaping, exit codes, a warehouse without the audit."""
from __future__ import annotations

import duckdb
import pytest

from pipeline.audit import findings as audit
from pipeline.audit import report
from pipeline.cli import main
from tests.audit_fixture import FINDINGS, finding, make_warehouse

PDF_KEY = "aaaa111122223333"


@pytest.fixture
def warehouse(tmp_path):
    return make_warehouse(tmp_path / "warehouse.duckdb")


def _doc_and_findings(path, key=PDF_KEY):
    con = duckdb.connect(str(path), read_only=True)
    try:
        doc = audit.find_documents(con, key)[0]
        return doc, audit.load_findings(con, [key])[key]
    finally:
        con.close()


def test_findings_are_grouped_groups_with_errors_first_and_errors_first_in_a_group():
    rows = [f for f in FINDINGS if f["document_key"] == PDF_KEY]
    groups = report.grouped(rows)
    assert [g for g, _ in groups] == ["presence", "in_table", "narrative"]
    assert [f["severity"] for f in dict(groups)["in_table"]] == ["error", "warning", "info"]
    # a group with only warnings comes after every group with an error, whatever its place in GROUPS
    mixed = [finding("w", PDF_KEY, "presence", "warning"), finding("e", PDF_KEY, "consistency", "error")]
    assert [g for g, _ in report.grouped(mixed)] == ["consistency", "presence"]
    # in a group, by page then table
    same = [finding("b", PDF_KEY, "in_table", "error", page=9, table_index=1),
            finding("a", PDF_KEY, "in_table", "error", page=2, table_index=5),
            finding("c", PDF_KEY, "in_table", "error", page=None)]
    assert [f["finding_key"] for f in report.grouped(same)[0][1]] == ["a", "b", "c"]


def test_counts_by_group_and_severity():
    rows = [f for f in FINDINGS if f["document_key"] == PDF_KEY]
    assert report.counts(rows) == {("presence", "error"): 1, ("in_table", "error"): 1, ("in_table", "warning"): 1,
                                   ("in_table", "info"): 1, ("narrative", "error"): 1}
    assert report.describe_totals(report.severity_totals(rows)) == "3 errors, 1 warning, 1 info"


def test_terminal_report_shows_the_document_counts_and_each_finding(warehouse):
    text = report.render_text(*_doc_and_findings(warehouse))
    assert text.splitlines()[:5] == ["audit of 曾都区2023决算.pdf", "  document: aaaa111122223333",
                                     "  department: 曾都区政务服务和大数据管理局", "  fiscal year: 2023",
                                     "  report type: final account (部门决算)"]
    assert "findings: 3 errors, 1 warning, 1 info" in text
    assert "  in_table           1        1        1" in text
    assert "[info] 尾数差异 [in_table.rounding] — page 5, table 2 (支出决算表)" in text
    assert "expected: 100.01   found: 100.00" in text
    assert "quoted: “合计 100.00”" in text  # the tab of the quoted row is a space on one line
    assert text.index("[error] 缺少必需的表") < text.index("[error] 合计不符") < text.index("[warning]")


def test_markdown_escapes_the_quoted_text(warehouse):
    md = report.render_markdown(*_doc_and_findings(warehouse))
    assert md.startswith("# Audit: 曾都区2023决算.pdf\n")
    assert "| in\\_table | 1 | 1 | 1 |" in md
    assert "## presence — required tables present (表格完整性)" in md
    assert ("> 2023年支出合计&lt;b\\>1,234.65&lt;/b\\>万元 \\| \\*比上年\\* &amp; \"增加\" \\[详见\\](表1)" in md)
    assert "<b>" not in md
    assert "- expected: 1,234.56" in md and "- found: 1,234.65" in md
    assert report.md_escape("1. 项目") == "1\\. 项目" and report.md_escape("# 标题") == "\\# 标题"


def test_html_escapes_every_text(warehouse):
    page = report.render_html(*_doc_and_findings(warehouse))
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert ("<blockquote>2023年支出合计&lt;b&gt;1,234.65&lt;/b&gt;万元 | *比上年* &amp; &quot;增加&quot; "
            "[详见](表1)</blockquote>") in page
    assert "<b>" not in page
    assert '<div class="finding error">' in page


def test_a_document_without_findings_says_so():
    doc = audit.Document("k", "clean.pdf", "某某局", 2024, "budget")
    assert "findings: none" in report.render_text(doc, [])
    assert "No findings" in report.render_markdown(doc, [])


def test_report_file_names_keep_the_extension_and_stay_short():
    assert report.report_filename(audit.Document("k", "a/b.pdf"), "md") == "a_b.pdf.md"
    long = report.report_filename(audit.Document("key123", "局" * 200 + ".pdf"), "html")
    assert long.endswith("-key123.html") and len(long.encode()) < 255


def test_documents_are_found_by_name_part_of_it_path_or_key(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        keys = lambda q: [d.document_key for d in audit.find_documents(con, q)]  # noqa: E731
        assert keys("曾都区2023决算.pdf") == [PDF_KEY]
        assert keys("raw/曾都区2023决算.pdf") == [PDF_KEY]
        assert keys(PDF_KEY) == [PDF_KEY]
        assert keys("aaaa1111") == [PDF_KEY]
        assert keys("曾都") == [PDF_KEY, "aaaa444455556666"]  # the PDF and its text: ambiguous
        assert keys("copy of 温县") == ["bbbb111122223333"]  # another name of the same content
        assert keys("温县") == ["bbbb111122223333"]  # two names, one document
        assert keys("nothing") == []
    finally:
        con.close()


def test_cli_prints_and_writes_the_report(warehouse, capsys):
    assert main(["audit", "曾都区2023决算.pdf", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "audit of 曾都区2023决算.pdf" in out and "findings: 3 errors, 1 warning, 1 info" in out
    written = warehouse.parent / "audit" / "曾都区2023决算.pdf.md"
    assert written.read_text(encoding="utf-8").startswith("# Audit: 曾都区2023决算.pdf")
    assert f"written to {written}" in out


def test_cli_writes_html_to_the_folder_given(warehouse, tmp_path, capsys):
    out_dir = tmp_path / "reports"
    assert main(["audit", "温县", "--warehouse", str(warehouse), "--out", str(out_dir), "--format", "html"]) == 0
    assert (out_dir / "温县2022预算.pdf.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_all_writes_a_report_per_document_and_an_index(warehouse, capsys):
    assert main(["audit", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "audit of 4 documents: 4 errors, 2 warnings, 1 info" in out
    folder = warehouse.parent / "audit"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["index.md", "clean.pdf.md", "曾都区2023决算.pdf.md", "曾都区2023决算.txt.md", "温县2022预算.pdf.md"])
    index = (folder / "index.md").read_text(encoding="utf-8")
    rows = [line for line in index.splitlines() if line.startswith("| [")]
    assert rows[0].startswith("| [曾都区2023决算.pdf](%E6%9B%BE") and rows[0].endswith("| 3 | 1 | 1 |")
    assert rows[-1].startswith("| [clean.pdf](clean.pdf.md)")
    assert main(["audit", "--all", "--warehouse", str(warehouse), "--format", "html"]) == 0
    assert (folder / "index.html").exists()


def test_cli_ambiguous_name_lists_the_candidates_and_exits_2(warehouse, capsys):
    assert main(["audit", "曾都", "--warehouse", str(warehouse)]) == 2
    err = capsys.readouterr().err
    assert "'曾都' matches 2 documents" in err
    assert "aaaa111122223333  曾都区2023决算.pdf" in err and "aaaa444455556666  曾都区2023决算.txt" in err
    assert not (warehouse.parent / "audit").exists()


def test_cli_unknown_document_exits_2(warehouse, capsys):
    assert main(["audit", "nothing", "--warehouse", str(warehouse)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("no document matches 'nothing'") and len(err.strip().splitlines()) == 1


def test_cli_on_a_warehouse_built_before_the_audit_says_so_in_one_line(tmp_path, capsys):
    path = make_warehouse(tmp_path / "warehouse.duckdb", findings=None)
    assert main(["audit", "曾都区2023决算.pdf", "--warehouse", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "has no audit findings (no table fct_audit_findings)" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_cli_without_a_warehouse_or_with_a_broken_one_says_so_plainly(tmp_path, capsys):
    assert main(["audit", "x", "--warehouse", str(tmp_path / "none.duckdb")]) == 1
    assert capsys.readouterr().err.startswith("no warehouse at ")
    broken = tmp_path / "broken.duckdb"
    broken.write_text("not a database")
    assert main(["audit", "x", "--warehouse", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("could not open ") and err.count("\n") == 1


def test_cli_document_and_all_together_exit_2(warehouse, capsys):
    assert main(["audit", "温县", "--all", "--warehouse", str(warehouse)]) == 2
