"""The per-document stages as plain functions (Dagster assets only call these).

inventory → extract (reader: pages, blocks, cells) → parse (tables, line items,
document metadata). Each stage writes its Parquet per document and records what
it could not do as parse issues; an exception in one document never stops the rest.
"""
from __future__ import annotations

import hashlib
import json
import os
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import checks, documents, ledger
from .model import Block, Cell, ExtractedDocument, Page, ParseIssue
from .regions import region_for
from .storage import parquet as store

PACKAGE_DIR = Path(__file__).resolve().parent


def code_version(*subpackages: str) -> str:
    """A hash of the code a stage runs, so cached outputs are redone when the code changes."""
    h = hashlib.sha256()
    for sub in subpackages:
        target = PACKAGE_DIR / sub
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for f in files:
            h.update(f.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


EXTRACTOR_VERSION = code_version("readers", "model.py", "documents.py", "stages.py")
PARSER_VERSION = code_version("parsing", "model.py", "documents.py", "stages.py", "checks.py", "ledger.py", "regions.py")


@dataclass
class InventoryEntry:
    document_id: str
    sha256: str
    path: Path
    format: str | None
    size_bytes: int
    modified_at: datetime
    names: list[str] = field(default_factory=list)  # every file name with this content

    @property
    def source_file(self) -> str:
        return self.path.name


def _load_hash_cache(cache_path: Path | None) -> dict[str, list]:
    if cache_path is None or not cache_path.exists():
        return {}
    try:
        return json.loads(cache_path.read_text())
    except (OSError, ValueError):
        return {}


def _save_hash_cache(cache_path: Path | None, cache: dict[str, list]) -> None:
    if cache_path is None:
        return
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_path.with_name(f".{cache_path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(cache, sort_keys=True))
    tmp.replace(cache_path)


def take_inventory(raw_dir: Path, cache_path: Path | None = None) -> tuple[list[InventoryEntry], list[dict]]:
    """Files under raw_dir, one entry per distinct content (sha256); plus inventory rows per name.

    With cache_path, a file whose size and modification time (ns) are unchanged
    is not hashed again: a growing folder is scanned in milliseconds.
    """
    by_sha: dict[str, InventoryEntry] = {}
    rows: list[dict] = []
    cache = _load_hash_cache(cache_path)
    fresh: dict[str, list] = {}
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        stat = path.stat()
        cached = cache.get(str(path))
        if cached and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns:
            sha = cached[2]
        else:
            sha = documents.sha256_of(path)
        fresh[str(path)] = [stat.st_size, stat.st_mtime_ns, sha]
        modified = datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc)
        fmt = documents.file_format(path)
        entry = by_sha.get(sha)
        if entry is None:
            entry = by_sha[sha] = InventoryEntry(sha[:16], sha, path, fmt, stat.st_size, modified)
        entry.names.append(path.name)
        rows.append({
            "document_id": sha[:16], "source_file": path.name, "source_path": str(path),
            "sha256": sha, "size_bytes": stat.st_size, "format": fmt, "modified_at": modified,
        })
    if fresh != cache:
        _save_hash_cache(cache_path, fresh)
    return list(by_sha.values()), rows


def _issue_rows(entry: InventoryEntry, issues: list[ParseIssue]) -> list[dict]:
    return [{
        "document_id": entry.document_id, "source_file": entry.source_file, "sha256": entry.sha256,
        "stage": i.stage, "issue_code": i.issue_code, "severity": i.severity, "reason": i.reason,
        "page": i.page, "table_index": i.table_index, "detail": i.detail,
    } for i in issues]


def _done_marker(extract_dir: Path, stage: str, document_id: str) -> Path:
    return extract_dir / "_done" / f"{document_id}.{stage}.json"


def _is_done(extract_dir: Path, stage: str, entry: InventoryEntry, version: str) -> bool:
    marker = _done_marker(extract_dir, stage, entry.document_id)
    if not marker.exists():
        return False
    try:
        data = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    return data.get("sha256") == entry.sha256 and data.get("version") == version


def _mark_done(extract_dir: Path, stage: str, entry: InventoryEntry, version: str, **extra) -> None:
    marker = _done_marker(extract_dir, stage, entry.document_id)
    marker.parent.mkdir(parents=True, exist_ok=True)
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"sha256": entry.sha256, "version": version, **extra}))
    tmp.replace(marker)


@dataclass
class StageOutcome:
    document_id: str
    source_file: str
    stage: str
    skipped: bool = False  # cached output reused
    failed: bool = False
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def _failure_issue(stage: str, exc: BaseException) -> ParseIssue:
    code = {
        "UnsupportedFormat": "unsupported_format",
        "UnreadableText": "unreadable_text",
        "EmptyFile": "empty_file",
    }.get(type(exc).__name__, getattr(exc, "issue_code", f"{stage}_failed"))
    reason = str(exc) or type(exc).__name__
    return ParseIssue(stage, code, reason, severity="error",
                      detail="".join(traceback.format_exception_only(type(exc), exc)).strip())


class EmptyFile(ValueError):
    pass


def extract_stage(entry: InventoryEntry, extract_dir: Path, force: bool = False) -> StageOutcome:
    """Read one document into pages, blocks and cells (Parquet)."""
    out = StageOutcome(entry.document_id, entry.source_file, "extract")
    if not force and _is_done(extract_dir, "extract", entry, EXTRACTOR_VERSION):
        out.skipped = True
        return out
    key = entry.document_id
    try:
        if entry.size_bytes == 0:
            raise EmptyFile("the file is empty (0 bytes)")
        doc = documents.extract(entry.path, entry.sha256)
        issues = doc.issues
        pages, blocks, cells = _extracted_rows(entry, doc)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a recorded issue
        issues = [_failure_issue("extract", exc)]
        pages, blocks, cells = [], [], []
        out.failed, out.reason = True, issues[0].reason
    store.write_rows(extract_dir, "pages", key, pages)
    store.write_rows(extract_dir, "blocks", key, blocks)
    store.write_rows(extract_dir, "table_cells", key, cells)
    store.write_rows(extract_dir, "parse_issues", f"{key}__extract", _issue_rows(entry, issues))
    out.counts = {"pages": len(pages), "blocks": len(blocks), "cells": len(cells), "issues": len(issues)}
    _mark_done(extract_dir, "extract", entry, EXTRACTOR_VERSION, failed=out.failed, reason=out.reason)
    return out


def _extracted_rows(entry: InventoryEntry, doc: ExtractedDocument):
    base = {"document_id": entry.document_id, "source_file": entry.source_file}
    pages = [{**base, "page": p.number, "text": p.text, "has_text_layer": p.has_text_layer,
              "is_ocr": p.is_ocr, "needs_ocr": p.needs_ocr} for p in doc.pages]
    blocks, cells = [], []
    for b in doc.blocks:
        blocks.append({**base, "block_index": b.index, "kind": b.kind, "page": b.page,
                       "text": "\n".join(b.lines) if b.kind == "text" else None,
                       "n_rows": len(b.rows), "n_cols": max((len(r) for r in b.rows), default=0),
                       "is_ocr": b.is_ocr})
        for r, row in enumerate(b.rows):
            for c, cell in enumerate(row):
                x0, top, x1, bottom = cell.bbox if cell.bbox else (None, None, None, None)
                cells.append({**base, "block_index": b.index, "page": b.page, "row_index": r,
                              "col_index": c, "text": cell.text, "x0": x0, "top": top, "x1": x1,
                              "bottom": bottom, "is_ocr": b.is_ocr})
    return pages, blocks, cells


def load_extracted(entry: InventoryEntry, extract_dir: Path) -> ExtractedDocument:
    """Rebuild the extracted document (pages + blocks) from its Parquet files."""
    key = entry.document_id
    pages = [Page(r["page"], r["text"] or "", r["has_text_layer"], r["is_ocr"], r["needs_ocr"])
             for r in store.read_rows(extract_dir, "pages", key)]
    grid: dict[int, dict[tuple[int, int], Cell]] = {}
    for r in store.read_rows(extract_dir, "table_cells", key):
        bbox = (r["x0"], r["top"], r["x1"], r["bottom"]) if r["x0"] is not None else None
        grid.setdefault(r["block_index"], {})[(r["row_index"], r["col_index"])] = Cell(r["text"] or "", bbox)
    blocks = []
    for r in sorted(store.read_rows(extract_dir, "blocks", key), key=lambda r: r["block_index"]):
        block = Block(r["kind"], r["page"], r["block_index"], is_ocr=bool(r["is_ocr"]))
        if r["kind"] == "text":
            block.lines = (r["text"] or "").split("\n")
        else:
            cells = grid.get(r["block_index"], {})
            block.rows = [[cells.get((i, j), Cell("")) for j in range(r["n_cols"])] for i in range(r["n_rows"])]
        blocks.append(block)
    return ExtractedDocument(entry.source_file, entry.sha256, entry.format or "unknown", pages, blocks)


def parse_stage(entry: InventoryEntry, extract_dir: Path, force: bool = False) -> StageOutcome:
    """Tables, line items and document metadata from the extracted blocks (Parquet)."""
    out = StageOutcome(entry.document_id, entry.source_file, "parse")
    version = f"{EXTRACTOR_VERSION}-{PARSER_VERSION}"
    if not force and _is_done(extract_dir, "parse", entry, version):
        out.skipped = True
        return out
    key = entry.document_id
    now = datetime.now(timezone.utc)
    doc_row = failed_document_row(entry, version, now)
    tables, items, issues, check_rows = [], [], [], []
    extract_issues = store.read_rows(extract_dir, "parse_issues", f"{key}__extract")
    extract_failed = any(i["severity"] == "error" and i["stage"] == "extract" for i in extract_issues)
    if not extract_failed:
        try:
            extracted = load_extracted(entry, extract_dir)
            parsed = documents.parse(extracted)
            md = parsed.metadata
            paged = [p for p in extracted.pages if p.number is not None]
            doc_row.update(
                page_count=len(paged) if paged else None, report_type=md.report_type,
                fiscal_year=md.fiscal_year, department=md.department, scope=md.scope, unit=md.unit,
                table_count=len(parsed.result.tables), line_item_count=len(parsed.result.items),
                status="parsed",
            )
            doc_row.update(region_for(md.department))
            tables, items = _parsed_rows(entry, parsed)
            issues = parsed.result.issues
            check_rows = [{"document_id": key, "source_file": entry.source_file, **vars(c)} for c in
                          checks.document_checks(extracted.blocks, parsed.result.tables, parsed.result.items)]
        except Exception as exc:  # noqa: BLE001
            issues = [_failure_issue("parse", exc)]
            out.failed, out.reason = True, issues[0].reason
    else:
        out.failed, out.reason = True, "extraction failed"
    issue_rows = _issue_rows(entry, issues)
    failure = ledger.document_failure(extract_issues, issue_rows, len(items))
    if failure:  # nothing loadable (e.g. not a budget disclosure, a scan without OCR)
        doc_row["status"] = "failed"
        if not out.failed:
            out.failed, out.reason = True, failure["reason"]
    store.write_rows(extract_dir, "documents", key, [doc_row])
    store.write_rows(extract_dir, "tables", key, tables)
    store.write_rows(extract_dir, "line_items", key, items)
    store.write_rows(extract_dir, "parse_issues", f"{key}__parse", issue_rows)
    store.write_rows(extract_dir, "document_checks", key, check_rows)
    ledger.record_failure(extract_dir, entry, failure, now)
    out.counts = {"tables": len(tables), "line_items": len(items), "issues": len(issues)}
    _mark_done(extract_dir, "parse", entry, version, failed=out.failed, reason=out.reason)
    return out


def failed_document_row(entry: InventoryEntry, version: str, now: datetime) -> dict:
    """The documents row of a document nothing could be parsed from (status failed)."""
    return {
        "document_id": entry.document_id, "source_file": entry.source_file, "source_path": str(entry.path),
        "sha256": entry.sha256, "size_bytes": entry.size_bytes, "format": entry.format,
        "page_count": None, "report_type": None, "fiscal_year": None, "department": None,
        "scope": None, "unit": None, "table_count": 0, "line_item_count": 0, "status": "failed",
        "extracted_at": now, "parser_version": version,
    }


def _parsed_rows(entry: InventoryEntry, parsed: documents.ParsedDocument):
    base = {"document_id": entry.document_id, "source_file": entry.source_file}
    tables = {t.table_index: t for t in parsed.result.tables}
    table_rows = [{
        **base, "table_index": t.table_index, "title": t.title, "table_type": t.table_type,
        "unit": t.unit, "page_first": t.page_first, "page_last": t.page_last,
        "block_indexes": ",".join(str(i) for i in t.block_indexes), "n_rows": t.n_rows,
        "n_cols": t.n_cols, "no_data_note": t.no_data_note, "continued": t.continued,
    } for t in parsed.result.tables]
    item_rows = [{
        **base, "table_index": i.table_index, "table_title": tables[i.table_index].title,
        "table_type": tables[i.table_index].table_type, "page": i.page, "block_index": i.block_index,
        "row_index": i.row_index, "col_index": i.col_index, "row_kind": i.row_kind,
        "row_key": i.row_key, "account_code": i.account_code, "secondary_code": i.secondary_code,
        "account_name": i.account_name, "row_label": i.row_label, "column_header": i.column_header,
        "measure": i.measure, "amount": i.amount, "amount_text": i.amount_text, "unit": i.unit,
        "is_ocr": i.is_ocr, "side": i.side, "stage": i.stage,
    } for i in parsed.result.items]
    return table_rows, item_rows


def remove_stale(extract_dir: Path, current_ids: set[str], current_names: set[str] | None = None) -> list[str]:
    """Delete the outputs of documents no longer in raw/ (recording each in the removed_documents
    ledger); returns their ids."""
    stale = stale_ids(extract_dir, current_ids)
    for key in sorted(stale):
        ledger.record_removal(extract_dir, key, current_names or set())
        store.remove_key(extract_dir, key)
        for marker in (extract_dir / "_done").glob(f"{key}.*.json"):
            marker.unlink()
    return sorted(stale)


def stale_ids(extract_dir: Path, current_ids: set[str]) -> set[str]:
    """Documents with outputs that are no longer in raw/."""
    keys = store.keys(extract_dir, "documents") | store.keys(extract_dir, "pages")
    return {k.split("__")[0] for k in keys} - current_ids


def is_pending(entry: InventoryEntry, extract_dir: Path) -> bool:
    """True when the document still has to be extracted or parsed with the current code."""
    return not (_is_done(extract_dir, "extract", entry, EXTRACTOR_VERSION)
                and _is_done(extract_dir, "parse", entry, f"{EXTRACTOR_VERSION}-{PARSER_VERSION}"))


_NAMED_DATASETS = ("pages", "blocks", "table_cells", "documents", "tables", "line_items", "document_checks")


def relabel(entry: InventoryEntry, extract_dir: Path) -> bool:
    """A document renamed (same content, new file name): rewrite the file name in its outputs.

    Nothing is read again; only the source_file (and source_path) columns change,
    so that the warehouse shows the document under its current name. Returns
    True when something was rewritten.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = store.read_rows(extract_dir, "documents", entry.document_id)
    if not docs or (docs[0]["source_file"] == entry.source_file and docs[0]["source_path"] == str(entry.path)):
        return False
    keys = [(d, entry.document_id) for d in _NAMED_DATASETS]
    keys += [("parse_issues", f"{entry.document_id}__{stage}") for stage in ("extract", "parse")]
    for dataset, key in keys:
        path = store.dataset_dir(extract_dir, dataset) / f"{key}.parquet"
        if not path.exists():
            continue
        table = pq.read_table(path)
        for column, value in (("source_file", entry.source_file), ("source_path", str(entry.path))):
            if column in table.column_names:
                i = table.column_names.index(column)
                table = table.set_column(i, table.schema.field(i), pa.array([value] * table.num_rows, pa.string()))
        store.write_table(extract_dir, dataset, key, table)
    return True
