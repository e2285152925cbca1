"""Pages without a text layer: OCR'd when Tesseract is there, reported as needs_ocr when not."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.documents import extract, parse
from pipeline.readers import ocr
from pipeline.readers import pdf as pdf_reader
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
    rules, mask = ocr._ruling_lines(np.asarray(Image.fromarray(canvas)) < 128, scale=1.0)
    kinds = sorted((r.orientation, round(r.pos)) for r in rules)
    assert kinds == [("h", 50), ("v", 100)]
    assert mask[50, 200] and mask[100, 100] and not mask[122, 202]
