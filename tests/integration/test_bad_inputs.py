"""Bad input never stops the run: one run over good documents and every kind of bad file.

The corpus is built in a temp folder (tests/corpus.py). The run is the
in-process `python -m pipeline run` path, with the PDF reader patched to hang
on one file (as pdfplumber can on a pathological PDF) and OCR switched off.
Each bad file must become a row of ingestion_errors with a plain-language
reason, and every good document of the same run must load fully. Decoys — papers
named like a disclosure that are something else (tests/decoys.py) — are refused,
each saying what it looks like.
"""
from __future__ import annotations

import hashlib

import duckdb
import pytest

from pipeline.defs.runner import run_in_process
from pipeline.extract import extract
from pipeline.orchestrate import stages
from pipeline.orchestrate.summary import run_summary
from pipeline.parse.document import parse
from pipeline.settings import Settings
from tests import corpus, decoys
from tests.conftest import RAW

GOOD = "000_5cd6d46b1da1057e.txt"
GBK_SEED = "004_7ef2e694213809ab.txt"
GBK_NAME = "gbk_encoded_disclosure.txt"
TIME_LIMIT_S = 3


def _disable_ocr(mp: pytest.MonkeyPatch) -> None:
    """'OCR unavailable', whatever is installed on this machine."""
    try:
        from pipeline.extract import ocr
    except ImportError:  # no OCR support at all: unavailable already
        return
    if hasattr(ocr, "ocr_status"):
        mp.setattr(ocr, "ocr_status", lambda: (False, "OCR is switched off for this test"))


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad_inputs")
    raw = base / "raw"
    raw.mkdir()
    bad = corpus.write_bad_inputs(raw)
    made = decoys.write_decoys(raw)
    bad.update({name: raw / name for name in made})
    corpus.copy_seed(raw, GOOD)
    corpus.write_gbk_seed(raw, GBK_SEED, GBK_NAME)
    settings = Settings(raw_dir=raw, warehouse=base / "out" / "warehouse.duckdb", workers=2,
                        doc_timeout_s=TIME_LIMIT_S)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stages, "extract", corpus.slow_reader(extract))
        _disable_ocr(mp)
        outcome = run_in_process(settings)
    assert outcome.success, "\n".join(outcome.failures)
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    errors = {r[0]: dict(zip(("source_file", "sha256", "stage", "issue_code", "reason", "first_seen",
                                "last_seen", "is_current"), r))
              for r in con.execute("select source_file, sha256, stage, issue_code, reason, first_seen, last_seen, "
                                   "is_current from ingestion_errors").fetchall()}
    yield {"settings": settings, "outcome": outcome, "bad": bad, "decoys": made, "errors": errors, "con": con,
           "summary": run_summary(settings.warehouse)}
    con.close()


def _error(bad_run, name: str) -> dict:
    errors = bad_run["errors"]
    assert name in errors, f"{name} is not in ingestion_errors: {sorted(errors)}"
    row = errors[name]
    assert row["reason"] and row["first_seen"] and row["last_seen"] and row["is_current"]
    assert row["sha256"] == hashlib.sha256(bad_run["bad"][name].read_bytes()).hexdigest()
    assert name in bad_run["summary"]  # a line in the run summary
    return row


def test_every_good_document_loads_fully(bad_run):
    con = bad_run["con"]
    loaded = {r[0]: (r[1] + r[2], r[1]) for r in con.execute(
        "select d.source_file,"
        " (select count(*) from fct_line_items f where f.document_key = d.document_key),"
        " (select count(*) from fct_other_table_rows o where o.document_key = d.document_key) "
        "from dim_document d where d.status like 'loaded%'").fetchall()}
    raw = bad_run["settings"].raw_dir
    assert set(loaded) == {GOOD, GBK_NAME}
    assert loaded[GOOD] == corpus.expected_items(raw / GOOD)
    assert loaded[GBK_NAME] == corpus.expected_items(RAW / GBK_SEED)  # the same as its UTF-8 original
    assert min(n for _, n in loaded.values()) > 100
    assert set(bad_run["errors"]) == set(bad_run["bad"])  # every bad file, nothing else


def test_zero_byte_file(bad_run):
    row = _error(bad_run, "empty_file.pdf")
    assert row["stage"] == "extract" and row["issue_code"] == "empty_file"
    assert "empty" in row["reason"]


def test_truncated_pdf(bad_run):
    row = _error(bad_run, "truncated_download.pdf")
    assert row["stage"] == "extract"
    assert "PDF" in row["reason"]


def test_corrupt_pdf(bad_run):
    row = _error(bad_run, "corrupt.pdf")
    assert row["stage"] == "extract"
    assert "PDF" in row["reason"]


def test_password_protected_pdf(bad_run):
    row = _error(bad_run, "password_protected.pdf")
    assert row["stage"] == "extract"
    assert "password" in row["reason"] or "encrypt" in row["reason"]


def test_pdf_that_is_not_a_budget_disclosure(bad_run):
    row = _error(bad_run, "newsletter_not_a_budget.pdf")
    assert row["stage"] == "parse" and row["issue_code"] == "not_a_disclosure"
    assert row["reason"] == ("Refused: this file looks like a document of another kind, not a budget or "
                             "final-account disclosure — no budget table title or account code was found in its 1 page.")


def test_decoys_named_like_disclosures_are_refused_saying_what_they_look_like(bad_run):
    for name, decoy in bad_run["decoys"].items():
        row = _error(bad_run, name)
        if "scanned" in decoy.looks_like:  # OCR is off in this run: the scan could not be read at all
            assert row["issue_code"] == "needs_ocr"
            assert "OCR is not available here (OCR is switched off for this test)" in row["reason"]
            continue
        assert row["issue_code"] == "not_a_disclosure", name
        assert row["reason"].startswith(f"Refused: this file looks like {decoy.looks_like}"), row["reason"]
    html = next(n for n, d in bad_run["decoys"].items() if "HTML" in d.looks_like)
    assert bad_run["errors"][html]["stage"] == "extract"


def test_image_only_pdf_when_ocr_is_unavailable(bad_run):
    row = _error(bad_run, "scanned_image_only.pdf")
    assert row["issue_code"] == "needs_ocr"
    assert "OCR" in row["reason"]
    codes = {r[0] for r in bad_run["con"].execute(
        "select issue_code from parse_issues where source_file = 'scanned_image_only.pdf'").fetchall()}
    assert "needs_ocr" in codes


def test_gbk_encoded_text_is_read_correctly(bad_run):
    assert GBK_NAME not in bad_run["errors"]
    con = bad_run["con"]
    department, status = con.execute(
        "select department, status from dim_document where source_file = ?", [GBK_NAME]).fetchone()
    expected = parse(extract(RAW / GBK_SEED)).metadata.department
    assert status.startswith("loaded") and department == expected and department


def test_unknown_file_type(bad_run):
    row = _error(bad_run, "spreadsheet.xlsx")
    assert row["stage"] == "extract" and row["issue_code"] == "unsupported_format"
    assert ".xlsx" in row["reason"]


def test_document_over_the_time_limit(bad_run):
    row = _error(bad_run, corpus.SLOW_NAME)
    assert row["stage"] == "extract" and row["issue_code"] == "timeout"
    assert f"time limit of {TIME_LIMIT_S} s" in row["reason"]


def test_failed_documents_have_no_line_items(bad_run):
    names = list(bad_run["bad"])
    n = bad_run["con"].execute(
        f"select count(*) from line_items_flat where source_file in ({', '.join('?' * len(names))})", names
    ).fetchone()[0]
    assert n == 0
    # the summary's counts are the tables' counts: every bad input is refused or failed, none loaded
    outcomes = dict(bad_run["con"].execute(
        "select outcome, count(*) from ingestion_errors where is_current group by 1").fetchall())
    assert sum(outcomes.values()) == len(names)
    assert f"documents that failed (nothing could be loaded): {outcomes.get('failed', 0)}" in bad_run["summary"]
    assert (f"documents refused (not a budget or final-account disclosure): {outcomes.get('refused', 0)}"
            in bad_run["summary"])
    statuses = dict(bad_run["con"].execute("select status, count(*) from dim_document group by 1").fetchall())
    assert statuses.get("refused", 0) + statuses.get("failed", 0) == len(names)
