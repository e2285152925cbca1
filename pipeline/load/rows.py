"""Records ↔ Parquet rows: the extracted and parsed outputs of one document, as dataset rows.

Every row carries its provenance (document_id, source_file; page, block, row and
column where it applies). :func:`load_extracted` reads an extract back into the
grid model, so the parse stage can run in another process than the extract stage.
"""
from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ..inventory.files import InventoryEntry
from ..model import Block, Cell, ExtractedDocument, Page, ParseIssue
from ..parse.document import ParsedDocument
from . import parquet as store


def issue_rows(entry: InventoryEntry, issues: list[ParseIssue]) -> list[dict]:
    """parse_issues rows of one document."""
    return [{
        "document_id": entry.document_id, "source_file": entry.source_file, "sha256": entry.sha256,
        "stage": i.stage, "issue_code": i.issue_code, "severity": i.severity, "reason": i.reason,
        "page": i.page, "table_index": i.table_index, "detail": i.detail,
    } for i in issues]


def extracted_rows(entry: InventoryEntry, doc: ExtractedDocument) -> tuple[list[dict], list[dict], list[dict]]:
    """pages, blocks and table_cells rows of one extracted document."""
    base = {"document_id": entry.document_id, "source_file": entry.source_file}
    pages = [{**base, "page": p.number, "text": p.text, "has_text_layer": p.has_text_layer,
              "is_ocr": p.is_ocr, "needs_ocr": p.needs_ocr} for p in doc.pages]
    blocks, cells = [], []
    for b in doc.blocks:
        blocks.append({**base, "block_index": b.index, "kind": b.kind, "page": b.page,
                       "text": "\n".join(b.lines) if b.kind == "text" else None,
                       "n_rows": len(b.rows), "n_cols": max((len(r) for r in b.rows), default=0),
                       "is_ocr": b.is_ocr, "reading": b.reading})
        for r, row in enumerate(b.rows):
            for c, cell in enumerate(row):
                x0, top, x1, bottom = cell.bbox if cell.bbox else (None, None, None, None)
                cells.append({**base, "block_index": b.index, "page": b.page, "row_index": r,
                              "col_index": c, "text": cell.text, "x0": x0, "top": top, "x1": x1,
                              "bottom": bottom, "is_ocr": b.is_ocr})
    return pages, blocks, cells


def load_extracted(entry: InventoryEntry, extract_dir: Path) -> ExtractedDocument:
    """Rebuild the extracted document (pages, blocks and the issues of reading it) from its Parquet files."""
    key = entry.document_id
    pages = [Page(r["page"], r["text"] or "", r["has_text_layer"], r["is_ocr"], r["needs_ocr"])
             for r in store.read_rows(extract_dir, "pages", key)]
    grid: dict[int, dict[tuple[int, int], Cell]] = {}
    for r in store.read_rows(extract_dir, "table_cells", key):
        bbox = (r["x0"], r["top"], r["x1"], r["bottom"]) if r["x0"] is not None else None
        grid.setdefault(r["block_index"], {})[(r["row_index"], r["col_index"])] = Cell(r["text"] or "", bbox)
    blocks = []
    for r in sorted(store.read_rows(extract_dir, "blocks", key), key=lambda r: r["block_index"]):
        block = Block(r["kind"], r["page"], r["block_index"], is_ocr=bool(r["is_ocr"]), reading=r.get("reading"))
        if r["kind"] == "text":
            block.lines = (r["text"] or "").split("\n")
        else:
            cells = grid.get(r["block_index"], {})
            block.rows = [[cells.get((i, j), Cell("")) for j in range(r["n_cols"])] for i in range(r["n_rows"])]
        blocks.append(block)
    issues = [ParseIssue(r["stage"], r["issue_code"], r["reason"], r["severity"], r["page"], r["table_index"],
                         r["detail"]) for r in store.read_rows(extract_dir, "parse_issues", f"{key}__extract")]
    return ExtractedDocument(entry.source_file, entry.sha256, entry.format or "unknown", pages, blocks, issues)


def failed_document_row(entry: InventoryEntry, version: str, now: datetime) -> dict:
    """The documents row of a document nothing could be parsed from (status failed)."""
    return {
        "document_id": entry.document_id, "source_file": entry.source_file, "source_path": entry.source_path,
        "sha256": entry.sha256, "size_bytes": entry.size_bytes, "format": entry.format,
        "page_count": None, "report_type": None, "fiscal_year": None, "department": None,
        "scope": None, "unit": None, "table_count": 0, "line_item_count": 0, "status": "failed",
        "extracted_at": now, "parser_version": version,
    }


def parsed_rows(entry: InventoryEntry, parsed: ParsedDocument) -> tuple[list[dict], list[dict]]:
    """tables and line_items rows of one parsed document."""
    base = {"document_id": entry.document_id, "source_file": entry.source_file}
    tables = {t.table_index: t for t in parsed.result.tables}
    table_rows = [{
        **base, "table_index": t.table_index, "title": t.title, "table_type": t.table_type,
        "unit": t.unit, "page_first": t.page_first, "page_last": t.page_last,
        "block_indexes": ",".join(str(i) for i in t.block_indexes), "n_rows": t.n_rows,
        "n_cols": t.n_cols, "no_data_note": t.no_data_note, "continued": t.continued,
        "reading": t.reading, "identities_tested": t.identities_tested, "identities_held": t.identities_held,
        "heading_year": t.heading_year, "heading_department": t.heading_department,
    } for t in parsed.result.tables]
    item_rows = [{
        **base, "table_index": i.table_index, "table_title": tables[i.table_index].title,
        "table_type": tables[i.table_index].table_type, "page": i.page, "block_index": i.block_index,
        "row_index": i.row_index, "col_index": i.col_index, "row_kind": i.row_kind,
        "row_key": i.row_key, "account_code": i.account_code, "secondary_code": i.secondary_code,
        "account_name": i.account_name, "row_label": i.row_label, "column_header": i.column_header,
        "measure": i.measure, "amount": i.amount, "amount_text": i.amount_text, "unit": i.unit,
        "is_ocr": i.is_ocr, "side": i.side, "stage": i.stage, "verified": i.verified,
        "column_group": i.column_group,
    } for i in parsed.result.items]
    return table_rows, item_rows



def _fits(value: Decimal | None, scale: int, precision: int = 18) -> Decimal | None:
    """`value` when it is exact at `scale` decimals within `precision` digits, else None (never rounded)."""
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or -exponent > scale:
        return None
    return value if abs(value) < Decimal(10) ** (precision - scale) else None


def narrative_rows(entry: InventoryEntry, parsed: ParsedDocument) -> list[dict]:
    """narrative_statements rows of one parsed document."""
    base = {"document_id": entry.document_id, "source_file": entry.source_file}
    rows = []
    for located in parsed.narrative:
        st = located.statement
        rows.append({
            **base, "page": located.page, "block_index": located.block_index,
            "sentence_index": located.sentence_index, "text": st.text, "topic": st.topic,
            "amount": _fits(st.amount, 2), "amount_unit": st.amount_unit, "amount_phrase": st.amount_phrase,
            "amount_wan": _fits(st.amount_wan, 6), "change_direction": st.change_direction,
            "change_amount": _fits(st.change_amount, 2), "change_unit": st.change_unit,
            "change_amount_wan": _fits(st.change_amount_wan, 6), "change_percent": _fits(st.change_percent, 4),
            "compared_with": st.compared_with, "compared_year": st.compared_year,
            "years": ",".join(str(y) for y in st.years) or None, "reason": st.reason,
            "amount_count": len(st.amounts),
            "amounts": json.dumps([{"value": str(a.value), "unit": a.unit, "phrase": a.phrase, "wan": str(a.wan),
                                    "is_change": a.is_change, "is_threshold": a.is_threshold}
                                   for a in st.amounts], ensure_ascii=False),
            "percentages": json.dumps([{"value": str(p.value), "phrase": p.phrase} for p in st.percentages],
                                      ensure_ascii=False),
        })
    return rows
