"""PDF reader: pages of the raw PDFs → blocks with the structure the parser expects.

Each test reads real pages of raw/*.pdf (the two published Shanghai PDFs and the
PDF renditions of the seed texts) and checks concrete cells: how a header row is
split, where a merged cell's text sits, that a wrapped name stays in its cell,
that title / 单位 lines come before their table. Small PDFs built in the test
(a scan, a blank page, an encrypted or damaged file, a rotated page, a table with
its rules removed) cover the cases the raw files do not have.
"""
from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest

from pipeline.extract.pdf import UnreadablePdf, read_pdf
from pipeline.model import Block
from pipeline.tools.variants import remove_rules
from tests.conftest import RAW

pdfium = pytest.importorskip("pypdfium2")
pdfium_c = pytest.importorskip("pypdfium2.raw")

JUSTICE = RAW / "上海市普陀区司法局2026年部门预算.pdf"  # budget, 元, WPS 表格, rules are thin filled rects
SOCIAL = RAW / "中共上海市普陀区委社会工作部_2024_年度部门决算.pdf"  # final, 万元, WPS 文字, stroked rules
SEED_000 = RAW / "000_5cd6d46b1da1057e.pdf"
SEED_001 = RAW / "001_525ba3c66e401ae8.pdf"  # its font's encoding is an embedded CMap
SEED_002 = RAW / "002_ce97c528681cbbae.pdf"
SEED_003 = RAW / "003_ff2ed464ea78daa4.pdf"

needs_raw = pytest.mark.skipif(not JUSTICE.exists(), reason="raw PDFs are not in raw/")


@cache
def _read(path: Path):
    return read_pdf(path)


def _blocks(path: Path, page: int) -> list[Block]:
    return [b for b in _read(path)[1] if b.page == page]


def _tables(path: Path, page: int) -> list[Block]:
    return [b for b in _blocks(path, page) if b.kind == "table"]


def _texts(block: Block) -> list[list[str]]:
    return [[c.text for c in row] for row in block.rows]


def _row_starting(block: Block, *cells: str) -> list[str]:
    for row in _texts(block):
        if row[: len(cells)] == list(cells):
            return row
    raise AssertionError(f"no row starts with {cells}: {_texts(block)[:8]}")


# --- pages, numbering, order ------------------------------------------------------------

@needs_raw
def test_every_block_has_a_one_based_page_and_indexes_follow_reading_order():
    pages, blocks, issues = _read(JUSTICE)
    assert [p.number for p in pages] == list(range(1, 24))
    assert all(b.page is not None and 1 <= b.page <= 23 for b in blocks)
    assert [b.index for b in blocks] == list(range(len(blocks)))
    assert [b.page for b in blocks] == sorted(b.page for b in blocks)
    assert issues == []


@needs_raw
def test_title_department_and_unit_lines_come_before_their_table():
    title, table = _blocks(JUSTICE, 11)
    assert title.kind == "text" and table.kind == "table"
    # the 编制部门 and 单位 pieces of one printed line are separate lines
    assert title.lines == ["2026年部门收入预算总表", "编制部门：上海市普陀区司法局", "单位：元"]


@needs_raw
def test_several_tables_on_one_page_each_after_its_own_title():
    kinds = [(b.kind, b.lines[:1] if b.kind == "text" else len(b.rows)) for b in _blocks(SEED_000, 4)]
    assert [k for k, _ in kinds] == ["text", "table", "text", "table", "text"]
    second_title_block = _blocks(SEED_000, 4)[2]
    assert "支出决算表" in second_title_block.lines
    assert second_title_block.lines[-1] == "单位：万元"


# --- ruled grids ----------------------------------------------------------------------

@needs_raw
def test_header_rows_split_into_leaf_cells_with_group_labels_in_the_top_left_slot():
    table = _tables(JUSTICE, 11)[0]
    rows = _texts(table)
    assert rows[0] == ["项目", "", "", "", "收入预算", "", "", "", ""]
    assert rows[1] == ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "事业收入",
                       "事业单位\n经营收入", "其他收入"]
    assert rows[2][:3] == ["类", "款", "项"]
    # codes in split 类/款/项 columns, one cell each
    assert _row_starting(table, "204", "06", "01") == [
        "204", "06", "01", "行政运行", "16726725.44", "16726725.44", "0.00", "0.00", "0.00"]
    # the 合计 row's label spans the code and name columns: it sits in the first slot
    assert _texts(table)[-1][0] == "合计" and _texts(table)[-1][4] == "96282213.44"


@needs_raw
def test_cells_carry_their_boxes():
    table = _tables(JUSTICE, 11)[0]
    header = table.rows[0]
    x0, top, x1, bottom = header[0].bbox
    assert x1 > x0 and bottom > top
    # the merged 项目 cell spans the four label columns: slots of one cell share its box
    assert header[1].bbox == header[0].bbox
    assert header[4].bbox[0] > header[0].bbox[2] - 1


@needs_raw
def test_wrapped_header_and_wrapped_account_name_stay_in_their_cells():
    table = _tables(SOCIAL, 6)[0]
    rows = _texts(table)
    assert rows[0][2:] == ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                           "附属单位\n上缴收入", "其他收入"]
    assert rows[1][:2] == ["功能分类\n科目编码", "科目名称"]
    assert _row_starting(table, "2080505") == [
        "2080505", "机关事业单位基本养老保险缴费\n支出", "6.18", "6.18", "", "", "", "", ""]


@needs_raw
def test_thousands_separators_are_kept_as_printed():
    table = _tables(JUSTICE, 10)[0]
    assert _row_starting(table, "一、财政拨款收入") == [
        "一、财政拨款收入", "96,282,213.44", "一、公共安全支出", "87,267,272.44"]


@needs_raw
def test_side_by_side_column_groups_of_the_basic_expenditure_table():
    table = _tables(SOCIAL, 13)[0]
    assert _texts(table)[0] == ["经济分类\n科目编码", "科目名称", "决算数"] * 2
    assert _row_starting(table, "30101") == ["30101", "基本工资", "14.12", "30201", "办公费", "3.78"]
    # the paired totals of the last row
    last = _texts(table)[-1]
    assert "人员经费合计" in last and "公用经费合计" in last and "95.36" in last and "10.23" in last


@needs_raw
def test_empty_table_with_a_no_data_note():
    blocks = _blocks(JUSTICE, 17)
    assert [b.kind for b in blocks] == ["text", "table", "text"]
    assert [row[0] for row in _texts(blocks[1])][-2:] == ["无", "合计"]
    assert "故本表为空表" in blocks[2].lines[0]


@needs_raw
def test_table_continued_on_the_next_page_without_its_header_is_a_titleless_block():
    first, = _tables(SOCIAL, 6)
    (cont,) = _tables(SOCIAL, 7)
    assert [b.kind for b in _blocks(SOCIAL, 7)][0] == "table"  # nothing before it: no title
    assert _texts(cont)[0][0] == "2101101" and len(cont.rows[0]) == len(first.rows[0])


@needs_raw
def test_header_cut_off_at_the_foot_of_a_page_is_joined_to_the_body_on_the_next():
    # 001: 一般公共预算支出预算表 prints two header rows on page 7, the 类/款/项 row and body on page 8
    page7 = _blocks(SEED_001, 7)
    assert page7[-1].kind == "text" and "2022 年一般公共预算支出预算表" in page7[-1].lines
    table = _tables(SEED_001, 8)[0]
    rows = _texts(table)
    assert "基本支出" in rows[0] and "项目支出" in rows[0]
    assert rows[1][2] == "115" and "合计" in rows[1]
    assert rows[2][:3] == ["类", "款", "项"]
    assert _row_starting(table, "201", "3", "1")[4] == "行政运行"


@needs_raw
def test_embedded_cmap_font_is_decoded():
    pages, _, issues = _read(SEED_001)
    assert "洛阳市孟津区政务服务和大数据管理局" in pages[0].text
    assert not any(i.issue_code == "needs_ocr" for i in issues)


@needs_raw
def test_fonts_pdfminer_cannot_decode_are_not_given_to_it_again(monkeypatch):
    """001's every page is set in a font pdfminer reads as no text. With PDFium's paths taken
    away (so every table page asks pdfplumber for a second reading), pdfminer interprets only
    the first page asked: it comes out empty, and later pages set in the same fonts go straight
    back to PDFium's reading."""
    import pdfplumber.page

    from pipeline.extract.pdf import page as page_module

    interpreted, asked = [], []
    layout = pdfplumber.page.Page.layout
    monkeypatch.setattr(pdfplumber.page.Page, "layout",
                        property(lambda page: interpreted.append(page.page_number) or layout.fget(page)))
    monkeypatch.setattr(page_module, "page_edges", lambda page, transform: [])
    plumber_objects = page_module.plumber_objects
    monkeypatch.setattr(page_module, "plumber_objects",
                        lambda plumber_page, *args: asked.append(plumber_page.page_number)
                        or plumber_objects(plumber_page, *args))
    read_pdf(SEED_001)
    assert len(asked) >= 10
    assert interpreted == [asked[0]]


@needs_raw
def test_pdfplumber_reads_only_the_pages_whose_pdfium_tables_do_not_add_up(monkeypatch):
    """Cheap first: PDFium's characters and paths read every page once; pdfplumber (pdfminer's
    content parsing, most of the cost) is asked only for the table pages where PDFium's reading
    finds no table or prints two amounts in one cell. The justice bureau's budget has none:
    pdfminer never opens it, though some of its tables fail a sum (a table the page cuts)."""
    import pdfplumber.page

    from pipeline.extract.pdf import plumber_page
    from pipeline.extract.pdf.pdfium_page import TextLayer
    from pipeline.vocabulary.arithmetic import table_arithmetic

    interpreted, measured, opened = [], [], []
    monkeypatch.setattr(plumber_page.pdfplumber, "open",
                        lambda *args, open_=plumber_page.pdfplumber.open, **kw: opened.append(args) or open_(*args, **kw))
    layout = pdfplumber.page.Page.layout
    monkeypatch.setattr(pdfplumber.page.Page, "layout",
                        property(lambda page: interpreted.append(page.page_number) or layout.fget(page)))
    chars = TextLayer.chars
    monkeypatch.setattr(TextLayer, "chars", lambda layer: measured.append(layer) or chars(layer))
    pages, blocks, _ = read_pdf(JUSTICE)
    with_text = [p for p in pages if p.has_text_layer]  # one page is blank
    assert len(set(map(id, measured))) == len(with_text)
    table_pages = {b.page for b in blocks if b.kind == "table"}
    assert len(table_pages) >= 10
    assert any(table_arithmetic(b.row_texts()).failed for b in blocks if b.kind == "table")
    assert interpreted == [] and opened == []


def test_font_memo_gives_up_only_on_pages_set_in_undecodable_fonts_alone():
    from pipeline.extract.pdf.geometry import FontMemo

    memo = FontMemo()
    memo.record(frozenset({7, 9}), decoded=False)
    memo.record(frozenset({12}), decoded=True)
    assert memo.hopeless(frozenset({7})) and memo.hopeless(frozenset({7, 9}))
    assert not memo.hopeless(frozenset({7, 12}))  # 12 decodes: the page may hold readable text
    assert not memo.hopeless(frozenset({30}))  # a font not seen yet
    assert not memo.hopeless(frozenset())  # fonts not listed (inside a form): always try


@needs_raw
def test_table_of_contents_is_prose_not_a_table():
    blocks = _blocks(SEED_003, 1)
    assert all(b.kind == "text" for b in blocks[:1])
    toc = blocks[0].lines
    assert "部门预算收支总表 4" in toc and "部门预算一般公共预算财政拨款支出表 12" in toc


@needs_raw
def test_cover_heading_wrapped_over_lines_is_one_line():
    (cover,) = _blocks(SOCIAL, 1)
    assert cover.lines == ["中共上海市普陀区委社会工作部2024年度部门决算"]


@needs_raw
def test_page_text_holds_prose_and_tab_separated_rows():
    pages, _, _ = _read(JUSTICE)
    text = pages[10].text
    assert text.startswith("2026年部门收入预算总表\n编制部门：上海市普陀区司法局\n单位：元\n")
    assert "204\t06\t01\t行政运行\t16726725.44" in text


# --- tables without ruling lines ------------------------------------------------------

def _rewrite(src: Path, page_index: int, out: Path, add=()) -> None:
    """One page of `src` with every path removed, plus the given rules (x0, top, x1, bottom)."""
    doc = pdfium.PdfDocument(str(src))
    new = pdfium.PdfDocument.new()
    new.import_pages(doc, [page_index])
    page = new[0]
    remove_rules(page)
    _, height = page.get_size()
    for x0, top, x1, bottom in add:
        rect = pdfium_c.FPDFPageObj_CreateNewRect(x0, height - bottom, x1 - x0, bottom - top)
        pdfium_c.FPDFPath_SetDrawMode(rect, 0, 1)
        pdfium_c.FPDFPage_InsertObject(page.raw, rect)
    page.gen_content()
    new.save(str(out))


@needs_raw
def test_table_without_rules_is_read_by_text_alignment(tmp_path):
    out = tmp_path / "unruled.pdf"
    _rewrite(JUSTICE, 10, out)
    table = [b for b in read_pdf(out)[1] if b.kind == "table"][0]
    rows = _texts(table)
    assert ["204", "06", "01", "行政运行", "16726725.44", "16726725.44", "0.00", "0.00", "0.00"] in rows
    assert ["208", "", "", "社会保障和就业支出", "3343704.00", "3343704.00", "0.00", "0.00", "0.00"] in rows
    header = " ".join(c for row in rows[:4] for c in row)
    for word in ("合计", "财政拨款收入", "事业收入", "经营收入", "其他收入", "类", "款", "项"):
        assert word in header


@needs_raw
def test_box_around_an_unruled_table_does_not_make_one_big_cell(tmp_path):
    ruled = _tables(JUSTICE, 11)[0]
    x0, top = ruled.rows[0][0].bbox[:2]
    x1, bottom = ruled.rows[-1][-1].bbox[2:]
    header_bottom = ruled.rows[2][0].bbox[3]
    out = tmp_path / "boxed.pdf"
    _rewrite(JUSTICE, 10, out, add=[(x0, top, x1, bottom), (x0, top, x1, header_bottom)])
    table = [b for b in read_pdf(out)[1] if b.kind == "table"][0]
    assert len(table.rows[0]) >= 9
    assert ["204", "06", "01", "行政运行", "16726725.44", "16726725.44", "0.00", "0.00", "0.00"] in _texts(table)



@needs_raw
def test_unruled_header_label_centred_over_right_aligned_amounts_labels_them(tmp_path):
    """Seed 002, 一般公共预算财政拨款支出决算表 without its rules: 小计 is printed centred,
    the amounts right-aligned, so the gaps alone put 小计 in a column of its own."""
    out = tmp_path / "unruled.pdf"
    _rewrite(SEED_002, 6, out)
    table = [b for b in read_pdf(out)[1] if b.kind == "table" and "小计" in _texts(b)[1]][0]
    rows = _texts(table)
    assert rows[1] == ["科目代码", "科目名称", "小计", "基本支出", "项目支出"]
    assert ["201", "一般公共预算服务支出", "657.15", "232.48", "424.67"] in rows


@needs_raw
def test_unruled_header_cell_wrapped_around_the_header_line_is_one_cell(tmp_path):
    """Seed 002, 基本支出决算明细表 without its rules: 决算/数 and 科目代/码 print one line
    above and one below the 科目代码 … 科目名称 line; the three lines are one header row."""
    out = tmp_path / "unruled.pdf"
    _rewrite(SEED_002, 7, out)
    table = [b for b in read_pdf(out)[1] if b.kind == "table"][0]
    rows = _texts(table)
    assert ["科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算\n数", "科目代\n码", "科目名称",
            "决算\n数"] in rows
    assert ["30101", "基本工资", "42.27", "30201", "办公费", "1.00", "30701", "国内债务付息", "0.00"] in rows



@needs_raw
def test_unruled_left_aligned_label_before_the_amounts_labels_them_not_the_next_one(tmp_path):
    """Seed 003 page 9 without its rules: the 栏次 numbers print left-aligned, the amounts
    right-aligned, so 4 (人员经费, empty) sits right after the 合计 amounts: the amounts
    belong under 3, and column 4 stays empty."""
    out = tmp_path / "unruled.pdf"
    _rewrite(SEED_003, 8, out)
    table = [b for b in read_pdf(out)[1] if b.kind == "table"][0]
    rows = _texts(table)
    assert rows[0] == ["栏次", "1", "2", "3", "4", "5"]
    assert ["20", "30217", "公务接待费", "1.20", "", "1.20"] in rows


@needs_raw
def test_unruled_header_line_with_a_long_run_of_symbols_stays_in_the_header(tmp_path):
    """Seed 003 page 7 (an OCR-style extract) without its rules: a header line holding a
    run of backslashes is not a sentence, so the header above it stays with the table."""
    out = tmp_path / "unruled.pdf"
    _rewrite(SEED_003, 6, out)
    table = [b for b in read_pdf(out)[1] if b.kind == "table" and any(
        "2010306" in row for row in _texts(b))][0]
    header = " ".join(c for row in _texts(table)[:3] for c in row)
    for word in ("序号", "功能分类科目", "合计", "基本支出", "项目支出", "科目编码", "科目名称"):
        assert word in header


# --- pages without text, files that are not readable ----------------------------------

def _scan_and_blank_pdf(path: Path) -> None:
    from PIL import Image

    doc = pdfium.PdfDocument.new()
    page = doc.new_page(300, 400)
    image = pdfium.PdfImage.new(doc)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (60, 80), (120, 120, 120))))
    image.set_matrix(pdfium.PdfMatrix().scale(300, 400))
    page.insert_obj(image)
    page.gen_content()
    doc.new_page(300, 400)
    doc.save(str(path))


def test_scanned_page_needs_ocr_and_blank_page_does_not(tmp_path, monkeypatch):
    from pipeline.extract import ocr

    monkeypatch.setattr(ocr, "ocr_status", lambda: (False, "Tesseract is not installed"))
    path = tmp_path / "scan.pdf"
    _scan_and_blank_pdf(path)
    pages, blocks, issues = read_pdf(path)
    assert blocks == []
    assert (pages[0].needs_ocr, pages[0].has_text_layer) == (True, False)
    assert (pages[1].needs_ocr, pages[1].has_text_layer) == (False, False)
    assert [(i.stage, i.issue_code, i.page) for i in issues] == [("extract", "needs_ocr", 1)]
    assert "OCR" in issues[0].reason


def test_text_page_with_a_pasted_scan_reads_its_text_and_flags_the_image(tmp_path):
    import ctypes

    from PIL import Image

    doc = pdfium.PdfDocument.new()
    page = doc.new_page(400, 600)
    text = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", 12.0)
    buf = ctypes.create_string_buffer("Budget 2024 notes".encode("utf-16-le") + b"\x00\x00")
    pdfium_c.FPDFText_SetText(text, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 40, 560)
    pdfium_c.FPDFPage_InsertObject(page.raw, text)
    image = pdfium.PdfImage.new(doc)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (60, 60), (90, 90, 90))))
    image.set_matrix(pdfium.PdfMatrix().scale(320, 400).translate(40, 100))
    page.insert_obj(image)
    page.gen_content()
    doc.save(str(tmp_path / "mixed.pdf"))
    pages, blocks, issues = read_pdf(tmp_path / "mixed.pdf")
    assert blocks[0].lines == ["Budget 2024 notes"]
    assert (pages[0].has_text_layer, pages[0].needs_ocr) == (True, True)
    assert [i.issue_code for i in issues] == ["needs_ocr"] and issues[0].detail == "image box 40,100,360,500"


def _minimal_pdf(encrypted: bool) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    if encrypted:  # standard security handler whose user password is not empty
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
                       + b"> /P -4 >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        trailer += b" /Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">]"
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def test_encrypted_pdf_raises_a_plain_language_value_error(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_minimal_pdf(encrypted=True))
    with pytest.raises(UnreadablePdf, match="encrypted") as caught:
        read_pdf(path)
    assert isinstance(caught.value, ValueError)
    assert caught.value.issue_code == "encrypted_pdf"


def test_damaged_or_non_pdf_files_raise_unreadable_pdf(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n garbage")
    with pytest.raises(UnreadablePdf, match="damaged") as caught:
        read_pdf(damaged)
    assert caught.value.issue_code == "unreadable_pdf"
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("部门预算", encoding="utf-8")
    with pytest.raises(UnreadablePdf, match="not a PDF"):
        read_pdf(not_pdf)


def test_an_empty_page_gives_no_blocks(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(_minimal_pdf(encrypted=False))
    pages, blocks, issues = read_pdf(path)
    assert len(pages) == 1 and blocks == [] and issues == []


@needs_raw
def test_rotated_page_reads_like_the_upright_one(tmp_path):
    # a landscape table stored on a portrait page with /Rotate 90 (its content drawn turned)
    src = pdfium.PdfDocument(str(JUSTICE))
    upright, turned = pdfium.PdfDocument.new(), pdfium.PdfDocument.new()
    upright.import_pages(src, [10])
    turned.import_pages(src, [10])
    page = turned[0]
    width, height = page.get_size()
    for obj in list(page.get_objects(max_depth=1)):
        obj.transform(pdfium.PdfMatrix(0, 1, -1, 0, height, 0))
    page.gen_content()
    page.set_mediabox(0, 0, height, width)
    page.set_cropbox(0, 0, height, width)
    page.set_rotation(90)
    upright.save(str(tmp_path / "upright.pdf"))
    turned.save(str(tmp_path / "turned.pdf"))
    a = [b for b in read_pdf(tmp_path / "upright.pdf")[1] if b.kind == "table"]
    b = [b for b in read_pdf(tmp_path / "turned.pdf")[1] if b.kind == "table"]
    assert a and [_texts(t) for t in a] == [_texts(t) for t in b]


# --- the grid builder on hand-made characters and rules --------------------------------

def _chars(text: str, x: float, top: float, width: float = 10.0, height: float = 12.0):
    from pipeline.extract.pdf.geometry import Char

    return [Char(t, x + i * width, top, x + (i + 1) * width, top + height) for i, t in enumerate(text)]


def _grid(rows_y, cols_x, chars, open_cells=()):
    """Rules of a full grid, minus the vertical rules of the given (row, column-boundary) pairs."""
    from pipeline.extract.pdf.geometry import Edge
    from pipeline.extract.pdf.rules import grid_table

    hs = [Edge("h", y, cols_x[0], cols_x[-1]) for y in rows_y]
    vs = []
    for c, x in enumerate(cols_x):
        for r in range(len(rows_y) - 1):
            if (r, c) not in open_cells:
                vs.append(Edge("v", x, rows_y[r], rows_y[r + 1]))
    return grid_table(hs, vs, chars)


def test_name_overflowing_into_the_empty_cell_beside_it_stays_in_its_cell():
    chars = (_chars("科目编码", 2, 4) + _chars("科目名称", 52, 4) + _chars("金额", 160, 4)
             + _chars("301", 2, 24) + _chars("机关事业单位基本养老保险缴费", 52, 24)
             + _chars("302", 2, 44) + _chars("办公费", 52, 44) + _chars("12.00", 250, 44, width=6))
    table = _grid([0, 20, 40, 60], [0, 50, 150, 300], chars)
    assert _texts(table) == [["科目编码", "科目名称", "金额"],
                             ["301", "机关事业单位基本养老保险缴费", ""],
                             ["302", "办公费", "12.00"]]


def test_merged_cells_put_their_text_in_the_top_left_slot():
    # '项目' spans the two label columns (no rule between them in the first row)
    chars = _chars("项目", 40, 4) + _chars("合计", 160, 4) + _chars("201", 2, 24) + _chars("一般", 60, 24) \
        + _chars("1.00", 200, 24, width=6)
    table = _grid([0, 20, 40], [0, 50, 150, 300], chars, open_cells={(0, 1)})
    assert _texts(table) == [["项目", "", "合计"], ["201", "一般", "1.00"]]
    assert table.rows[0][0].bbox == table.rows[0][1].bbox == (0, 0, 150, 20)


@needs_raw
@pytest.mark.parametrize("path", [JUSTICE, SOCIAL], ids=["rules-as-filled-rects", "rules-as-stroked-lines"])
def test_pdfplumber_and_pdfium_engines_read_the_same_tables(path):
    """pdfplumber's layout objects (rects, lines, characters) give the grids PDFium's do
    (up to spaces: the engines disagree on a few printed space characters)."""
    def tables(engine: str):
        blocks = read_pdf(path, engine=engine)[1]
        return [(b.page, [["".join(t.split()) for t in row] for row in _texts(b)])
                for b in blocks if b.kind == "table"]

    plumber_tables, pdfium_tables = tables("pdfplumber"), tables("pdfium")
    assert len(plumber_tables) >= 8
    assert plumber_tables == pdfium_tables


def test_characters_printed_twice_in_the_same_place_do_not_break_line_grouping():
    """Fake bold prints a character twice at one position; OCR can read two words into
    boxes that start at the same place (seen on a scanned Shanghai budget page)."""
    from pipeline.extract.pdf.geometry import Char
    from pipeline.extract.pdf.lines import group_lines

    twice = [Char("合", 10, 10, 20, 20), Char("合", 10, 10, 20, 20), Char("计", 20, 10, 30, 20),
             Char("1", 10, 40, 15, 50), Char("1.", 10, 40, 15, 50)]
    lines = group_lines(twice)
    assert [len(line.chars) for line in lines] == [3, 2]
