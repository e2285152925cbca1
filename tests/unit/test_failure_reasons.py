"""Reasons a reader can act on: no exception text, web pages told apart from damaged PDFs, text that
can always be written (lone surrogates from a text layer or a GBK file name)."""
from __future__ import annotations

import logging
import os
import shutil
from datetime import UTC, datetime

import pytest

from pipeline.extract import HtmlPage, extract, writable
from pipeline.inventory.files import InventoryEntry, file_format, is_html
from pipeline.load import parquet as store
from pipeline.load.rows import extracted_rows
from pipeline.model import Block, Cell, ExtractedDocument, Page, ParseIssue
from pipeline.orchestrate import stages, workers
from pipeline.orchestrate import steps as run
from pipeline.settings import Settings
from pipeline.vocabulary.text import readable_file_name, without_lone_surrogates
from tests import decoys, pdfbytes
from tests.conftest import RAW

SEED = "000_5cd6d46b1da1057e.txt"


# --- exceptions ---------------------------------------------------------------------------

def test_an_unexpected_exception_is_an_internal_error_and_its_traceback_goes_to_the_log(caplog):
    try:
        "某某局".encode("ascii")
    except UnicodeEncodeError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="pipeline.orchestrate.stages"):
        issue = stages.failure_issue("parse", error, "某某局2026年部门预算.pdf")
    assert (issue.stage, issue.issue_code, issue.severity) == ("parse", "parse_failed", "error")
    assert issue.reason == ("The document could not be read: the parse stage stopped on an internal error "
                            "(see the log).")
    assert "codec" not in issue.reason and "UnicodeEncodeError" not in issue.reason
    record = caplog.records[-1]
    assert "某某局2026年部门预算.pdf" in record.getMessage() and record.exc_info[1] is error


def test_a_readers_own_error_keeps_its_plain_reason():
    issue = stages.failure_issue("extract", HtmlPage("Refused: this file looks like an HTML web page …"))
    assert (issue.issue_code, issue.reason) == ("not_a_disclosure", "Refused: this file looks like an HTML web page …")


def _explode(item):
    raise RuntimeError(f"boom in {item}: 'utf-8' codec can't encode character '\\udcb5'")


def test_a_worker_that_raises_reports_a_plain_failure():
    failures = []
    workers.run_each(_explode, ["a.pdf"], workers=2, on_failure=lambda item, why: failures.append((item, why)))
    assert failures == [("a.pdf", "the worker stopped on an internal error (see the log)")]


# --- web pages saved as PDFs ----------------------------------------------------------------

def test_html_saved_with_a_pdf_name_is_html_and_a_pdf_is_a_pdf(tmp_path):
    page = tmp_path / "某某局2026年部门预算.pdf"
    page.write_bytes(decoys.html_page())
    assert file_format(page) == "html"
    assert file_format(RAW / "000_5cd6d46b1da1057e.pdf") == "pdf"
    assert file_format(RAW / SEED) == "text"
    assert is_html(b"\xef\xbb\xbf\n<!-- saved -->\n<html><head>")
    assert is_html(b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">')
    assert not is_html(b"%PDF-1.7\n<html>")
    assert not is_html("收入决算表\n<br>单位：万元".encode())


def test_an_html_page_is_refused_as_a_web_page_not_as_a_damaged_pdf(tmp_path):
    page = tmp_path / "某某局2026年部门预算.pdf"
    page.write_bytes(decoys.html_page())
    with pytest.raises(HtmlPage) as refused:
        extract(page)
    assert refused.value.issue_code == "not_a_disclosure"
    assert str(refused.value) == (
        "Refused: this file looks like an HTML web page saved with a .pdf name (its title: “某某局2026年部门预算 - "
        "某某市人民政府”), not a budget or final-account disclosure; the pipeline reads PDF, text and markdown files.")


# --- text that can be written ---------------------------------------------------------------

def test_lone_surrogates_are_replaced_and_whole_pairs_joined():
    assert without_lone_surrogates("收入\udcb5合计") == "收入\ufffd合计"
    assert without_lone_surrogates("\ud842\udfb7") == "𠮷"  # a character beyond the BMP, split in two
    assert without_lone_surrogates("支出合计") == "支出合计"


def test_a_gbk_file_name_is_read_as_gbk():
    name = os.fsdecode("某某局2026年部门预算.pdf".encode("gbk"))
    assert readable_file_name(name) == "某某局2026年部门预算.pdf"
    assert readable_file_name("纯文本.pdf") == "纯文本.pdf"


def test_an_extract_with_lone_surrogates_can_be_written_to_parquet(tmp_path):
    bad = "一般公共服务支出\udc80"
    doc = ExtractedDocument("a\udcff.pdf", "0" * 64, "pdf", [Page(1, bad)],
                            [Block("text", 1, 0, lines=[bad]), Block("table", 1, 1, rows=[[Cell(bad), Cell("1.00")]])],
                            [ParseIssue("extract", "needs_ocr", bad, page=1, detail=bad)])
    entry = InventoryEntry("0" * 16, "0" * 64, tmp_path / "a.pdf", "pdf", 1, datetime.now(UTC))
    with pytest.raises(UnicodeEncodeError):
        store.write_rows(tmp_path, "pages", "x", extracted_rows(entry, doc)[0])
    clean = writable(doc)
    pages, blocks, cells = extracted_rows(entry, clean)
    store.write_rows(tmp_path, "pages", "x", pages)
    store.write_rows(tmp_path, "table_cells", "x", cells)
    assert store.read_rows(tmp_path, "table_cells", "x")[0]["text"] == "一般公共服务支出\ufffd"
    assert clean.blocks[0].lines == ["一般公共服务支出\ufffd"] and clean.issues[0].detail == "一般公共服务支出\ufffd"
    assert clean.source_file == "a\ufffd.pdf"


def test_a_document_whose_file_name_is_gbk_loads_under_its_chinese_name(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / SEED, os.path.join(os.fsencode(raw), "某某局2026年部门预算.txt".encode("gbk")))
    settings = Settings(raw_dir=raw, warehouse=tmp_path / "out" / "warehouse.duckdb", workers=1)
    entries, _ = run.inventory_step(settings)
    assert [e.source_file for e in entries] == ["某某局2026年部门预算.txt"]
    assert not run.extract_step(settings, entries).failed
    report = run.parse_step(settings, entries)
    assert not report.failed and report.counts["line_items"] > 100
    doc = store.read_rows(settings.extract_dir, "documents", entries[0].document_id)[0]
    assert (doc["source_file"], doc["status"]) == ("某某局2026年部门预算.txt", "parsed")
    assert doc["source_path"].endswith("raw/某某局2026年部门预算.txt")


def test_half_a_character_in_a_pdf_text_layer_is_read_and_written(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "某某局2026年部门预算.pdf").write_bytes(pdfbytes.half_character_pdf("部门预算"))
    doc = extract(raw / "某某局2026年部门预算.pdf")
    assert doc.pages[0].text == "部门\ufffd预算"
    settings = Settings(raw_dir=raw, warehouse=tmp_path / "out" / "warehouse.duckdb", workers=1)
    entries, _ = run.inventory_step(settings)
    assert not run.extract_step(settings, entries).failed  # it was: UnicodeEncodeError … surrogates not allowed
    assert store.read_rows(settings.extract_dir, "pages", entries[0].document_id)[0]["text"] == "部门\ufffd预算"
