"""Ledgers kept across runs: documents that failed (ingestion_errors) and documents that left raw/.

One small Parquet file per document (schemas.LEDGERS), so concurrent
per-document runs never write the same file. The document outputs of a removed
document are deleted; its ledger rows stay — they are the record of what happened.
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from . import parquet as store

ERRORS = "ingestion_errors"
REMOVALS = "removed_documents"


def now() -> datetime:
    """The current time in UTC, as ledger rows record it."""
    return datetime.now(UTC)


# The issue codes an ingestion error can carry (stage / issue_code):
#   refused — the file is not a disclosure:
#     extract|parse / not_a_disclosure   what it looks like is in the reason (a notice, a form, a report of
#                                        another kind, a letter, an HTML web page saved with a .pdf name …)
#   could not be read:
#     extract / empty_file, unreadable_pdf, encrypted_pdf, unreadable_text, unsupported_format
#     extract|parse / timeout            over the per-document time limit
#     parse / needs_ocr                  scanned pages, and OCR is not available here
#     parse / no_line_items              a disclosure whose tables gave no amount
#     extract|parse / <stage>_failed, <stage>_crashed   an internal error (the traceback is in the log)
REFUSED = frozenset({"not_a_disclosure"})


def document_failure(extract_issues: list[dict], parse_issues: list[dict], line_item_count: int) -> dict | None:
    """Why a document could not be loaded (stage, issue_code, reason), or None when it loaded.

    A document fails when its extraction failed (empty, damaged, encrypted, a web page,
    unknown type, undecodable, time limit, an internal error), or when it loaded no line
    item: then the document-level verdict of the parse stage says why — refused as not a
    disclosure, scanned pages OCR could not read, a disclosure whose tables gave no
    amount (see :mod:`pipeline.parse.recognition`). A document with line items is
    loaded, whatever one of its tables lacked (those stay in parse_issues), and so is a
    disclosure without tables (a 情况说明 alone: its verdict is an info issue).
    """
    for issue in extract_issues:
        if issue["severity"] == "error":
            return _failure(issue)
    if line_item_count:
        return None
    errors = [i for i in parse_issues if i["severity"] == "error"]
    document_level = [i for i in errors if i.get("table_index") is None]
    if document_level or errors:
        return _failure((document_level or errors)[0])
    return None


def _failure(issue: dict) -> dict:
    failure = {k: issue[k] for k in ("stage", "issue_code", "reason")}
    failure["outcome"] = outcome(failure["issue_code"])
    return failure


def outcome(issue_code: str) -> str:
    """refused (the file is not a disclosure) or failed (it could not be read), for an ingestion error's code."""
    return "refused" if issue_code in REFUSED else "failed"


def record_failure(extract_dir: Path, entry, failure: dict | None, when: datetime | None = None) -> None:
    """Write (or clear, when failure is None) the ingestion error of one document, keeping first_seen."""
    key = entry.document_id
    if failure is None:
        store.delete(extract_dir, ERRORS, key)
        return
    when = when or now()
    previous = store.read_rows(extract_dir, ERRORS, key)
    first_seen = previous[0]["first_seen"] if previous else when
    store.write_rows(extract_dir, ERRORS, key, [{
        "document_id": key, "sha256": entry.sha256, "source_file": entry.source_file,
        "source_files": "; ".join(entry.names or [entry.source_file]), "format": entry.format,
        "size_bytes": entry.size_bytes, "first_seen": first_seen, "last_seen": when,
        "outcome": outcome(failure["issue_code"]), **failure,
    }])


def touch_failures(extract_dir: Path, entries, when: datetime | None = None) -> int:
    """Set last_seen (and the current file names) of the documents still in raw/ that have an ingestion error."""
    when = when or now()
    failing = store.keys(extract_dir, ERRORS)
    touched = 0
    for entry in entries:
        if entry.document_id not in failing:
            continue
        rows = store.read_rows(extract_dir, ERRORS, entry.document_id)
        if not rows:
            continue
        row = rows[0]
        row.update(last_seen=when, source_file=entry.source_file,
                   source_files="; ".join(entry.names or [entry.source_file]))
        store.write_rows(extract_dir, ERRORS, entry.document_id, [row])
        touched += 1
    return touched


def record_removal(extract_dir: Path, document_id: str, current_names: set[str], when: datetime | None = None) -> dict:
    """Record that a document left raw/ (read from its outputs before they are deleted)."""
    docs = store.read_rows(extract_dir, "documents", document_id)
    doc = docs[0] if docs else {}
    source_file = doc.get("source_file")
    if source_file is None:
        pages = store.read_rows(extract_dir, "pages", document_id)
        source_file = pages[0]["source_file"] if pages else None
    row = {
        "document_id": document_id, "sha256": doc.get("sha256"), "source_file": source_file,
        "change": "replaced" if source_file in current_names else "removed",
        "report_type": doc.get("report_type"), "fiscal_year": doc.get("fiscal_year"),
        "department": doc.get("department"), "line_item_count": doc.get("line_item_count"),
        "extracted_at": doc.get("extracted_at"), "removed_at": when or now(),
    }
    store.write_rows(extract_dir, REMOVALS, document_id, [row])
    return row


def clear_removals(extract_dir: Path, current_ids: set[str]) -> list[str]:
    """A document back in raw/ is no longer removed."""
    back = sorted(store.keys(extract_dir, REMOVALS) & current_ids)
    for key in back:
        store.delete(extract_dir, REMOVALS, key)
    return back
