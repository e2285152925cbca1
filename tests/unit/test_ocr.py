"""Pages without a text layer: OCR'd when Tesseract is there, reported as needs_ocr when not."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.extract import extract, ocr
from pipeline.extract.pdf import reader as pdf_reader
from pipeline.parse.document import parse
from tests.conftest import RAW


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory) -> Path:
    """Pages 3–4 of seed 000 (the 收入决算表 title ends page 3, its table and the
    支出决算表 fill page 4) as an image-only PDF, like a scan."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(RAW / "000_5cd6d46b1da1057e.pdf"))
    images = [source[i].render(scale=200 / 72).to_pil().convert("RGB") for i in (2, 3)]
    source.close()
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    return path


def test_image_only_page_without_tesseract_is_reported(scanned_pdf, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_status", lambda: (False, "Tesseract is not installed"))
    pages, blocks, issues = pdf_reader.read_pdf(scanned_pdf)
    assert blocks == []
    assert all(p.needs_ocr and not p.has_text_layer for p in pages)
    assert [(i.issue_code, i.page) for i in issues] == [("needs_ocr", 1), ("needs_ocr", 2)]
    assert "Tesseract is not installed" in issues[0].reason


@pytest.mark.skipif(not ocr.ocr_status()[0], reason=f"OCR unavailable: {ocr.ocr_status()[1]}")
def test_image_only_page_is_read_by_ocr_into_the_same_facts(scanned_pdf):
    parsed = parse(extract(scanned_pdf))
    codes = [i.issue_code for i in parsed.issues]
    assert "ocr" in codes and "needs_ocr" not in codes
    facts = {(parsed.result.tables[i.table_index].table_type, i.row_key, i.measure): i
             for i in parsed.result.items}
    income_total = facts[("income", "TOTAL", "total")]
    assert income_total.amount == Decimal("166.54")
    assert income_total.is_ocr and income_total.page == 2
    assert facts[("expenditure", "2010301", "basic")].amount == Decimal("170.96")
    assert facts[("income", "201", "superior_subsidy")].amount == Decimal("0.00")


def test_ruling_lines_are_found_and_painted_out():
    import numpy as np
    from PIL import Image

    canvas = np.full((200, 400), 255, dtype=np.uint8)
    canvas[50, 20:380] = 0  # a horizontal rule
    canvas[20:180, 100] = 0  # a vertical rule
    canvas[120:126, 200:206] = 0  # a dot: not a rule
    rules, mask = ocr.ruling_lines(np.asarray(Image.fromarray(canvas)) < 128, scale=1.0)
    kinds = sorted((r.orientation, round(r.pos)) for r in rules)
    assert kinds == [("h", 50), ("v", 100)]
    assert mask[50, 200] and mask[100, 100] and not mask[122, 202]


def test_marks_tesseract_reads_into_borders_are_dropped_and_quotes_kept():
    assert ocr.clean_word("”166.54") == "166.54"
    assert ocr.clean_word("”科目名称") == "科目名称"
    assert ocr.clean_word("“31") == "31"
    assert ocr.clean_word("06，") == "06"
    assert ocr.clean_word("|20103") == "20103"
    assert ocr.clean_word("«11") == "11"  # a 款 code after a cell border, scanned Shanghai budget
    assert ocr.clean_word("“三公”经费") == "“三公”经费"


def test_chinese_pieces_on_one_line_are_joined_and_a_column_gap_is_not():
    def word(text, x0, x1, line=(1, 1, 1)):
        return ocr.OcrWord(text, x0, 100, x1, 110, 90.0, line)

    words = [word("公共", 10, 30), word("安全", 33, 53), word("支出", 56, 76),  # gaps of 0.3 × height
             word("87267272.44", 90, 150),  # a number: not joined
             word("司法", 200, 220), word("支出", 240, 260),  # a gap of 2 × height: the next column
             word("行政", 263, 283, line=(1, 1, 2)),  # the next Tesseract line
             word("事业", 300, 320, line=(1, 1, 3)), word("收入", 323, 343, line=(1, 1, 3))]
    border = ocr.OcrRule("v", 321.5, 90, 120)  # a cell border between 事业 and 收入
    joined = ocr.join_chinese_words(words, [border])
    assert [w.text for w in joined] == ["公共安全支出", "87267272.44", "司法", "支出", "行政", "事业", "收入"]
    assert (joined[0].x0, joined[0].x1) == (10, 76)
    assert [w.text for w in ocr.join_chinese_words(words)][-1] == "事业收入"


def test_look_alike_readings_are_undone_only_where_they_make_no_sense():
    assert ocr.fix_misreadings("部门文出预算总表") == "部门支出预算总表"
    assert ocr.fix_misreadings("部门财务收文预算总表") == "部门财务收支预算总表"
    assert ocr.fix_misreadings("财政拨款三公经费支出决笋表") == "财政拨款三公经费支出决算表"
    assert ocr.fix_misreadings("收文登记") == "收文登记"
    assert ocr.clean_word("，") == "" and ocr.clean_word("”") == ""


def test_a_word_takes_the_more_confident_reading_of_its_box():
    # 000 公开05表 scanned: the blob reading has 'ait' where the line reading has 合计,
    # and the line reading splits 栏次 into 栏 | 次
    def word(text, x0, x1, confidence):
        return ocr.OcrWord(text, x0, 100, x1, 110, confidence)

    blobs = [word("ait", 10, 30, 91), word("170.96", 60, 90, 95), word("栏次", 120, 140, 80)]
    lines = [word("合计", 10, 30, 96), word("170.86", 60, 90, 60), word("栏", 120, 129, 94), word("次", 131, 140, 94)]
    fused = ocr.fuse_readings(blobs, lines)
    assert [w.text for w in fused] == ["合计", "170.96", "栏次"]
    assert [(w.x0, w.x1) for w in fused] == [(10, 30), (60, 90), (120, 140)]


def test_a_second_reading_of_the_same_ink_is_dropped():
    # scanned Shanghai budget 项目支出 column: Tesseract also returns '.00' at confidence 0
    # inside the box of '70540547.00'; kept, the cell read '70540547.00.00'
    amount = ocr.OcrWord("70540547.00", 717.8, 207.4, 780.2, 216.2, 91.0)
    shadow = ocr.OcrWord(".00", 764.6, 206.4, 780.7, 220.1, 0.0)
    neighbour = ocr.OcrWord("0.00", 800.0, 207.4, 820.0, 216.2, 88.0)
    assert ocr.drop_shadow_readings([amount, shadow, neighbour]) == [amount, neighbour]
    assert ocr.drop_shadow_readings([shadow, neighbour, amount]) == [neighbour, amount]
    # a different word under a tall box (the second line of a wrapped header cell) stays
    tall = ocr.OcrWord("功能分类", 100.0, 100.0, 140.0, 125.0, 95.0)
    below = ocr.OcrWord("科目编码", 100.0, 112.0, 140.0, 122.0, 90.0)
    assert ocr.drop_shadow_readings([tall, below]) == [tall, below]


def test_total_read_as_a_latin_word_is_read_back():
    # 003 and Shanghai scans: the 合计 row label came out as 'ait' / 'Att'
    assert [ocr.fix_misreadings(t) for t in ("ait", "Att", "Aiit")] == ["合计", "合计", "合计"]
    assert ocr.fix_misreadings("Attention") == "Attention"


def test_the_ocr_engine_in_the_cache_key_follows_whether_ocr_is_available(monkeypatch):
    """A process that once saw OCR switched off must not keep that answer in its extract cache key."""
    real = ocr.ocr_engine()
    monkeypatch.setattr(ocr, "ocr_status", lambda: (False, "Tesseract is not installed"))
    assert ocr.ocr_engine() == "none (Tesseract is not installed)"
    monkeypatch.undo()
    assert ocr.ocr_engine() == real


@pytest.mark.skipif(not ocr.ocr_status()[0], reason=f"OCR unavailable: {ocr.ocr_status()[1]}")
def test_a_scan_ocr_reads_and_finds_no_text_on_is_read_not_waiting_for_ocr(tmp_path):
    from PIL import Image

    path = tmp_path / "blank_scan.pdf"
    Image.new("L", (400, 560), 250).save(path, resolution=50)  # a scanned blank sheet
    pages, blocks, issues = pdf_reader.read_pdf(path)
    assert blocks == [] and (pages[0].is_ocr, pages[0].needs_ocr, pages[0].text) == (True, False, "")
    assert [i.issue_code for i in issues] == ["ocr", "ocr_found_no_text"]
    assert "OCR read it and found no text" in issues[1].reason and "unavailable" not in issues[1].reason


def test_the_ocr_engine_is_a_setting_and_part_of_the_extract_cache_key(monkeypatch):
    from pipeline.extract import extractor_key
    from pipeline.settings import ocr_engine_name

    monkeypatch.delenv("BUDGET_OCR_ENGINE", raising=False)
    default = (ocr_engine_name(), extractor_key("pdf"))
    monkeypatch.setenv("BUDGET_OCR_ENGINE", "tesseract")
    tesseract = (ocr_engine_name(), extractor_key("pdf"))
    monkeypatch.setenv("BUDGET_OCR_ENGINE", "RapidOCR ")
    rapid = (ocr_engine_name(), extractor_key("pdf"))
    assert rapid[0] == "rapidocr" and tesseract[0] == "tesseract" and default[0] in ("tesseract", "rapidocr")
    assert rapid[1] != tesseract[1]  # another engine: every PDF is read again
    assert extractor_key("text") == extractor_key("text")  # a text extract does not depend on it
    monkeypatch.setenv("BUDGET_OCR_ENGINE", "easyocr")
    with pytest.raises(ValueError, match="BUDGET_OCR_ENGINE must be one of tesseract, rapidocr"):
        ocr_engine_name()


def test_rapidocr_lines_are_cut_into_words_at_column_gaps():
    from pipeline.extract.ocr_rapid import words_from_lines

    # one detected line holding a label and, after a wide gap, an amount (pixel boxes, 2 px per point)
    line = [((10, 40, 30, 60), "行", 0.99), ((32, 40, 52, 60), "政", 0.98), ((54, 40, 74, 60), "运", 0.97),
            ((76, 40, 96, 60), "行", 0.99), ((200, 41, 210, 60), "5", 0.99), ((210, 41, 220, 60), "1", 0.6),
            ((220, 41, 224, 60), ".", 0.99), ((224, 41, 234, 60), "3", 0.99), ((234, 41, 244, 60), "2", 0.99)]
    words = words_from_lines([line, [((10, 80, 20, 100), " ", 0.5)]], scale=2.0)
    assert [w.text for w in words] == ["行政运行", "51.32"]
    amount = words[1]
    assert (amount.x0, amount.top, amount.x1, amount.bottom) == (100.0, 20.5, 122.0, 30.0)
    assert amount.confidence == pytest.approx(60.0)  # the least sure character's


@pytest.mark.skipif(not __import__("pipeline.extract.ocr_rapid", fromlist=["x"]).rapidocr_status()[0],
                    reason="rapidocr-onnxruntime is not installed")
def test_rapidocr_reads_a_scanned_table_into_the_same_facts(scanned_pdf, monkeypatch):
    monkeypatch.setenv("BUDGET_OCR_ENGINE", "rapidocr")
    parsed = parse(extract(scanned_pdf))
    ocr_issues = [i for i in parsed.issues if i.issue_code == "ocr"]
    assert ocr_issues and "RapidOCR" in ocr_issues[0].reason
    facts = {(parsed.result.tables[i.table_index].table_type, i.row_key, i.measure): i
             for i in parsed.result.items}
    assert facts[("income", "TOTAL", "total")].amount == Decimal("166.54")
    assert facts[("income", "TOTAL", "total")].is_ocr
    assert facts[("expenditure", "2010301", "basic")].amount == Decimal("170.96")


def test_income_read_with_the_look_alike_ren_is_read_back():
    # Shanghai 2026 预算 scanned, RapidOCR: 收入预算总表 came out as 收人预算总表, so the table had no type
    assert ocr.fix_misreadings("2026年部门收人预算总表") == "2026年部门收入预算总表"
    assert ocr.fix_misreadings("事业收人") == "事业收入"
    assert ocr.fix_misreadings("吸收人员") == "吸收人员"
