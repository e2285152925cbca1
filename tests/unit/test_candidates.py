"""Candidate readings of a ruled table chosen by its own sums (pipeline/extract/pdf/candidates.py)."""
from __future__ import annotations

from pipeline.extract.pdf import candidates
from pipeline.extract.pdf.geometry import Char, Table
from pipeline.extract.pdf.lines import group_lines
from pipeline.model import Cell

# 支出预算表 as printed: code | name | 合计 | 基本支出 | 项目支出 (x of each column's left edge)
PRINTED = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "300.00", "200.00", "100.00"],
    ["20103", "政府办公厅事务", "300.00", "200.00", "100.00"],
    ["2010301", "行政运行", "200.00", "200.00", ""],
    ["2010302", "一般行政管理事务", "100.00", "", "100.00"],
]
COLUMN_X = [40, 100, 220, 300, 380]


def _page():
    """The characters of the printed table, one row every 20 pt, and the ids of all of them."""
    chars = []
    for r, row in enumerate(PRINTED):
        top = 100 + 20 * r
        for c, text in enumerate(row):
            x = COLUMN_X[c]
            for ch in text:
                chars.append(Char(ch, x, top, x + 6, top + 9))
                x += 6
    return chars, group_lines(chars)


def _ruled(rows: list[list[str]], chars) -> Table:
    return Table([[Cell(t) for t in row] for row in rows], (30, 95, 440, 200), {id(c) for c in chars}, "lines",
                 [30, 90, 210, 290, 370, 440])


def test_a_ruled_reading_that_adds_up_is_kept_and_not_read_again(monkeypatch):
    chars, lines = _page()
    table = _ruled(PRINTED, chars)
    monkeypatch.setattr(candidates, "text_alignment_reading",
                        lambda *a: (_ for _ in ()).throw(AssertionError("read again")))
    kept, issues = candidates.choose_readings([table], lines, page=3)
    assert kept == [table] and issues == []


def test_a_ruled_reading_that_does_not_add_up_gives_way_to_the_text_alignment_reading():
    chars, lines = _page()
    wrong = [list(r) for r in PRINTED]
    wrong[3] = ["2010301", "行政运行", "200.00", "", "200.00"]  # a rule drawn through the cells: 基本 → 项目
    kept, issues = candidates.choose_readings([_ruled(wrong, chars)], lines, page=3)
    assert len(kept) == 1 and kept[0].strategy == "text"
    texts = [[c.text for c in row] for row in kept[0].rows]
    assert ["2010301", "行政运行", "200.00", "200.00", ""] in texts
    assert [i.issue_code for i in issues] == ["table_reread"]
    assert issues[0].severity == "info" and "did not add up" in issues[0].reason


def test_an_alternative_that_adds_up_no_better_leaves_the_ruled_reading(monkeypatch):
    chars, lines = _page()
    wrong = [list(r) for r in PRINTED]
    wrong[3] = ["2010301", "行政运行", "200.00", "", "200.00"]
    table = _ruled(wrong, chars)
    monkeypatch.setattr(candidates, "text_alignment_reading", lambda *a: [_ruled(wrong, chars)])
    kept, issues = candidates.choose_readings([table], lines, page=3)
    assert kept == [table] and issues == []


def test_amounts_printed_side_by_side_in_one_cell_are_parted_into_the_blank_cells_beside_them():
    chars, lines = _page()
    fused = [list(r) for r in PRINTED]
    for r in range(1, 5):  # columns too narrow: 合计 and 基本支出 read as one cell, 项目支出 beside it
        fused[r] = [fused[r][0], fused[r][1], " ".join(t for t in fused[r][2:4] if t), "", fused[r][4]]
    table = Table([[Cell(t) for t in row] for row in fused], (30, 95, 440, 200), {id(c) for c in chars}, "text",
                  [30, 90, 210, 290, 370, 440])
    kept, issues = candidates.choose_readings([table], lines, page=3)
    texts = [[c.text for c in row] for row in kept[0].rows]
    assert texts[1] == ["201", "一般公共服务支出", "300.00", "200.00", "100.00"]
    assert texts[4] == ["2010302", "一般行政管理事务", "100.00", "", "100.00"]  # one amount: nothing to part
    assert "side by side" in issues[0].reason


def test_side_by_side_amounts_stay_when_the_cells_beside_them_are_taken():
    table = Table([[Cell("201"), Cell("300.00 200.00"), Cell("100.00")]], (0, 0, 1, 1), set(), "text", [])
    assert candidates.split_fused_amounts(table).rows[0][1].text == "300.00 200.00"


# --- the page's ruled tables: PDFium's reading first, pdfplumber's only where it misplaces characters ---


def _pdfplumber_reads(tmp_path, monkeypatch, rows: list[list[str]]) -> tuple[int, list]:
    """How many times pdfplumber was asked to read the page, and the grids read."""
    from pipeline.extract.pdf import page as page_module
    from pipeline.extract.pdf import read_pdf
    from tests.decoys import cjk_pdf, grid, prose

    calls = []
    real = page_module.plumber_objects

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(page_module, "plumber_objects", counting)
    path = tmp_path / "table.pdf"
    path.write_bytes(cjk_pdf([prose(["支出决算表", "单位：万元"]) + grid(rows, 150, [70, 130, 80, 80, 80])]))
    _, blocks, _ = read_pdf(path, engine="pdfplumber")
    return len(calls), [[[c.text for c in row] for row in b.rows] for b in blocks if b.kind == "table"]


def test_a_ruled_table_that_adds_up_in_pdfiums_reading_is_not_read_again(tmp_path, monkeypatch):
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "300.00", "200.00", "100.00"],
        ["201", "一般公共服务支出", "100.00", "100.00", ""],
        ["205", "教育支出", "200.00", "100.00", "100.00"],
    ]
    asked, grids = _pdfplumber_reads(tmp_path, monkeypatch, rows)
    assert asked == 0
    assert grids == [rows]


def test_a_ruled_table_failing_a_sum_with_one_value_per_cell_is_not_read_again_by_pdfplumber(
        tmp_path, monkeypatch):
    """A sum that fails while every cell holds one value is the document's own arithmetic:
    pdfplumber would read the same characters into the same cells."""
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "300.00", "200.00", "100.00"],
        ["201", "一般公共服务支出", "100.00", "100.00", ""],
        ["205", "教育支出", "250.00", "100.00", "100.00"],  # printed so: 250 ≠ 100 + 100
    ]
    asked, grids = _pdfplumber_reads(tmp_path, monkeypatch, rows)
    assert asked == 0
    assert grids == [rows]


def test_a_ruled_table_printing_two_amounts_in_one_cell_is_read_again_by_pdfplumber(tmp_path, monkeypatch):
    """Two amounts in one cell are characters PDFium's reading may have put on the wrong side of
    a rule: pdfplumber reads the page too (here it reads the same), and the amounts are then
    parted into the blank cell beside them."""
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "300.00", "200.00", "100.00"],
        ["201", "一般公共服务支出", "100.00", "100.00", ""],
        ["205", "教育支出", "200.00", "100.00 100.00", ""],
    ]
    asked, grids = _pdfplumber_reads(tmp_path, monkeypatch, rows)
    assert asked == 1
    assert grids == [rows[:3] + [["205", "教育支出", "200.00", "100.00", "100.00"]]]
