"""The per-document stages as plain functions (Dagster assets and the worker pool only call these).

inventory → extract (reader: pages, blocks, cells) → parse (tables, line items,
document metadata, quality checks). Each stage writes its Parquet per document and
records what it could not do as parse issues; an exception in one document never
stops the rest.

Each stage's output is reused while its cache key holds (see :func:`extract_key`,
:func:`parse_key`): the key names the code the stage runs and every setting that
changes its output, so a new reader, parser or PDF engine re-reads what it must.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from ..extract import EmptyFile, code_version, extract, extractor_key
from ..inventory.files import InventoryEntry
from ..load import ledger, markers
from ..load import parquet as store
from ..load.rows import (
    extracted_rows,
    failed_document_row,
    issue_rows,
    load_extracted,
    narrative_rows,
    parsed_rows,
)
from ..model import ParseIssue
from ..parse.checks import document_checks
from ..parse.document import parse
from ..parse.reference import seed_paths
from ..parse.regions import region_for

log = logging.getLogger(__name__)

# the code the parse stage runs, relative to the pipeline package (its key also holds the extract key)
PARSER_CODE = ("parse", "vocabulary", "model.py", "load")


@lru_cache(maxsize=1)
def _parser_code() -> str:
    h = hashlib.sha256(code_version(*PARSER_CODE).encode())
    for seed in seed_paths():  # reference data the parser reads
        h.update(seed.read_bytes())
    return h.hexdigest()[:12]


def extract_key(file_format: str | None = "pdf") -> str:
    """The cache key of the extract stage for a file format: reader code (+ for PDFs the reader
    settings: engine, OCR)."""
    return extractor_key(file_format)


def parse_key(file_format: str | None = "pdf") -> str:
    """The cache key of the parse stage: the extract key + the parser's code."""
    return f"{extract_key(file_format)}-{_parser_code()}"


def stage_key(stage: str, file_format: str | None = "pdf") -> str:
    """The cache key of a stage ('extract' or 'parse') for a file format."""
    return extract_key(file_format) if stage == "extract" else parse_key(file_format)


@dataclass
class StageOutcome:
    """What one stage did with one document: reused, done or failed (with why), and the rows it wrote."""

    document_id: str
    source_file: str
    stage: str
    skipped: bool = False  # cached output reused
    failed: bool = False
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def failure_issue(stage: str, exc: BaseException, source_file: str = "") -> ParseIssue:
    """A stage's exception as an error issue.

    The readers' own exceptions (empty, damaged, encrypted, a web page, an unknown type)
    carry a plain-language message and an ``issue_code``, which are kept. Anything else
    is an internal error: ``<stage>_failed`` with a reason that says so, while the
    exception and its traceback go to the log — an exception's text is no reason a
    reader of the warehouse can act on.
    """
    code = getattr(exc, "issue_code", None)
    if code is not None:
        return ParseIssue(stage, code, str(exc) or type(exc).__name__, severity="error")
    log.error("%s of %s failed on an internal error", stage, source_file or "a document", exc_info=exc)
    return ParseIssue(stage, f"{stage}_failed",
                      f"The document could not be read: the {stage} stage stopped on an internal error "
                      "(see the log).", severity="error", detail=type(exc).__name__)


def is_current(entry: InventoryEntry, extract_dir: Path, stage: str) -> bool:
    """True when the stage's output of this document was made under the current key."""
    return markers.is_done(extract_dir, stage, entry, stage_key(stage, entry.format))


def is_pending(entry: InventoryEntry, extract_dir: Path) -> bool:
    """True when the document still has to be extracted or parsed with the current code and settings."""
    return not (is_current(entry, extract_dir, "extract") and is_current(entry, extract_dir, "parse"))


def extract_stage(entry: InventoryEntry, extract_dir: Path, force: bool = False) -> StageOutcome:
    """Read one document into pages, blocks and cells (Parquet)."""
    out = StageOutcome(entry.document_id, entry.source_file, "extract")
    key = extract_key(entry.format)
    if not force and markers.is_done(extract_dir, "extract", entry, key):
        out.skipped = True
        return out
    doc_id = entry.document_id
    try:
        if entry.size_bytes == 0:
            raise EmptyFile("the file is empty (0 bytes)")
        doc = extract(entry.path, entry.sha256)
        issues = doc.issues
        pages, blocks, cells = extracted_rows(entry, doc)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a recorded issue
        issues = [failure_issue("extract", exc, entry.source_file)]
        pages, blocks, cells = [], [], []
        out.failed, out.reason = True, issues[0].reason
    store.write_rows(extract_dir, "pages", doc_id, pages)
    store.write_rows(extract_dir, "blocks", doc_id, blocks)
    store.write_rows(extract_dir, "table_cells", doc_id, cells)
    store.write_rows(extract_dir, "parse_issues", f"{doc_id}__extract", issue_rows(entry, issues))
    out.counts = {"pages": len(pages), "blocks": len(blocks), "cells": len(cells), "issues": len(issues)}
    markers.mark_done(extract_dir, "extract", entry, key, failed=out.failed, reason=out.reason)
    return out


def parse_stage(entry: InventoryEntry, extract_dir: Path, force: bool = False) -> StageOutcome:
    """Tables, line items, narrative statements and document metadata from the extracted blocks (Parquet)."""
    out = StageOutcome(entry.document_id, entry.source_file, "parse")
    key = parse_key(entry.format)
    if not force and markers.is_done(extract_dir, "parse", entry, key):
        out.skipped = True
        return out
    doc_id = entry.document_id
    now = datetime.now(UTC)
    doc_row = failed_document_row(entry, key, now)
    tables, items, issues, check_rows, statements = [], [], [], [], []
    extract_issues = store.read_rows(extract_dir, "parse_issues", f"{doc_id}__extract")
    extract_failed = any(i["severity"] == "error" and i["stage"] == "extract" for i in extract_issues)
    if not extract_failed:
        try:
            extracted = load_extracted(entry, extract_dir)
            parsed = parse(extracted)
            md = parsed.metadata
            paged = [p for p in extracted.pages if p.number is not None]
            doc_row.update(
                page_count=len(paged) if paged else None, report_type=md.report_type,
                fiscal_year=md.fiscal_year, department=md.department, scope=md.scope, unit=md.unit,
                table_count=len(parsed.result.tables), line_item_count=len(parsed.result.items),
                status="parsed",
            )
            doc_row.update(region_for(md.department))
            tables, items = parsed_rows(entry, parsed)
            statements = narrative_rows(entry, parsed)
            issues = parsed.result.issues
            # the quality checks are about tables: none for a paper that is not a disclosure, nor for a
            # disclosure without tables (a 情况说明 alone, loaded as it is)
            checked = parsed.recognition.is_disclosure and not parsed.recognition.narrative_only
            check_rows = [{"document_id": doc_id, "source_file": entry.source_file, **vars(c)} for c in
                          document_checks(extracted.blocks, parsed.result.tables, parsed.result.items)] \
                if checked else []
        except Exception as exc:  # noqa: BLE001
            issues = [failure_issue("parse", exc, entry.source_file)]
            out.failed, out.reason = True, issues[0].reason
    else:
        out.failed, out.reason = True, "extraction failed"
    parse_issue_rows = issue_rows(entry, issues)
    failure = ledger.document_failure(extract_issues, parse_issue_rows, len(items))
    if failure:  # nothing loadable (e.g. not a budget disclosure, a scan without OCR)
        doc_row["status"] = "failed"
        if not out.failed:
            out.failed, out.reason = True, failure["reason"]
    store.write_rows(extract_dir, "documents", doc_id, [doc_row])
    store.write_rows(extract_dir, "tables", doc_id, tables)
    store.write_rows(extract_dir, "line_items", doc_id, items)
    store.write_rows(extract_dir, "parse_issues", f"{doc_id}__parse", parse_issue_rows)
    store.write_rows(extract_dir, "document_checks", doc_id, check_rows)
    store.write_rows(extract_dir, "narrative_statements", doc_id, statements)
    ledger.record_failure(extract_dir, entry, failure, now)
    out.counts = {"tables": len(tables), "line_items": len(items), "issues": len(issues),
                  "narrative_statements": len(statements)}
    markers.mark_done(extract_dir, "parse", entry, key, failed=out.failed, reason=out.reason)
    return out
