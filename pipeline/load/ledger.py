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


def document_failure(extract_issues: list[dict], parse_issues: list[dict], line_item_count: int) -> dict | None:
    """Why a document could not be loaded (stage, issue_code, reason), or None when it loaded.

    A document fails when its extraction failed (empty, damaged, encrypted, unknown
    type, undecodable, time limit), when its pages need OCR that is not available
    and nothing else could be read, or when parsing found no table / no line item
    (not a budget disclosure).
    """
    for issue in extract_issues:
        if issue["severity"] == "error":
            return {k: issue[k] for k in ("stage", "issue_code", "reason")}
    if line_item_count == 0:
        ocr = [i for i in extract_issues if i["issue_code"] == "needs_ocr"]
        if ocr:
            pages = len(ocr)
            return {
                "stage": "extract", "issue_code": "needs_ocr",
                "reason": f"{pages} page{'s' if pages > 1 else ''} without a text layer (scanned images) and "
                          f"OCR is not available, so nothing could be read: {ocr[0]['reason']}",
            }
    for issue in parse_issues:
        if issue["severity"] == "error":
            return {k: issue[k] for k in ("stage", "issue_code", "reason")}
    if line_item_count == 0:
        return {
            "stage": "parse", "issue_code": "no_line_items",
            "reason": "Tables were found but no printed amount could be read from them; the document may not "
                      "be a budget disclosure.",
        }
    return None


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
        "size_bytes": entry.size_bytes, "first_seen": first_seen, "last_seen": when, **failure,
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
