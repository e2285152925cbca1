"""The OCR engine bench section: reading the gold scorer's printout, and the OCR patches it runs under."""
from __future__ import annotations

import os

from pipeline.extract import ocr
from pipeline.extract.pdf import page
from pipeline.tools.bench_ocr import ocr_setup, parse_scores


def test_the_scorers_printout_gives_f1_per_document_and_overall():
    printout = (
        "003_ff2ed464ea78daa4__scan.pdf: F1=0.983 P=0.990 R=0.976 gold=330 pred=326 match=322\n"
        "    missing t1 201 total 264.87\n"
        "中共上海市普陀区委社会工作部_2024_年度部门决算__scan.pdf: F1=0.969 P=0.97 R=0.97 gold=10 pred=10 match=9"
        "  metadata: fiscal_year=None≠2024\n"
        "overall F1=0.9770 P=0.9800 R=0.9740 worst-file F1=0.9690 metadata=10/10 files=2\n"
    )
    per_file, overall = parse_scores(printout)
    assert per_file == {"003_ff2ed464ea78daa4__scan.pdf": 0.983,
                        "中共上海市普陀区委社会工作部_2024_年度部门决算__scan.pdf": 0.969}
    assert overall == 0.977


def test_ocr_setup_caches_readings_switches_the_check_and_restores_everything(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.delenv("BUDGET_OCR_ENGINE", raising=False)
    calls = []
    monkeypatch.setattr(ocr, "read_image", lambda image, scale: calls.append(scale) or (["word"], []))
    original_read, original_check = ocr.read_image, page.correct_ocr_digits
    image = Image.new("L", (20, 20), 255)
    with ocr_setup("rapidocr", tmp_path, digit_check=False):
        assert os.environ["BUDGET_OCR_ENGINE"] == "rapidocr"
        assert ocr.read_image(image, 2.0) == (["word"], []) and ocr.read_image(image, 2.0) == (["word"], [])
        assert page.correct_ocr_digits(None) == []
    assert calls == [2.0]  # read once, then from the cache
    assert (ocr.read_image, page.correct_ocr_digits) == (original_read, original_check)
    assert "BUDGET_OCR_ENGINE" not in os.environ
