"""Ingestion stage: raw files → inventory → extracted pages/blocks → parsed line items (Parquet)."""

import duckdb
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
    multi_asset,
)

from .. import run
from ..stages import InventoryEntry
from .resources import PipelineSettings


def _entries(pipeline: PipelineSettings) -> list[InventoryEntry]:
    entries, _ = run.inventory_step(pipeline.settings())
    return entries


def _failures_md(report: run.StepReport) -> MetadataValue:
    text = "\n".join(f"- `{f}`: {r}" for f, r in report.failed) or "none"
    return MetadataValue.md(text)


@asset(group_name="ingest", description="Inventory of raw/: one row per file (name, sha256, size, format).")
def raw_documents(context: AssetExecutionContext, pipeline: PipelineSettings) -> MaterializeResult:
    settings = pipeline.settings()
    entries, removed = run.inventory_step(settings)
    formats: dict[str, int] = {}
    for e in entries:
        formats[e.format or "unsupported"] = formats.get(e.format or "unsupported", 0) + 1
    return MaterializeResult(metadata={
        "documents": len(entries),
        "files": sum(len(e.names) for e in entries),
        "formats": MetadataValue.json(formats),
        "removed_since_last_run": MetadataValue.json(removed),
        "raw_dir": str(settings.raw_dir),
    })


EXTRACTED = {
    "pages": "Pages of every document: text, text layer, OCR flags (Parquet).",
    "blocks": "Prose and table blocks in reading order, with page numbers (Parquet).",
    "table_cells": "Every table cell: row, column, text, bounding box (Parquet).",
}
PARSED = {
    "documents": "One row per document: report type, fiscal year, department, scope, unit, status (Parquet).",
    "tables": "Every table found: title, table_type, unit, pages (Parquet).",
    "line_items": "One row per printed amount cell, with row key, measure, exact amount, provenance (Parquet).",
    "parse_issues": "What could not be read, per document/page/table, in plain language (Parquet).",
}


def _specs(prefix: str, datasets: dict[str, str], deps) -> list[AssetSpec]:
    return [AssetSpec(AssetKey([prefix, name]), description=desc, group_name="ingest", deps=deps)
            for name, desc in datasets.items()]


@multi_asset(name="extracted_documents", specs=_specs("extracted", EXTRACTED, [raw_documents]))
def extracted_documents(context: AssetExecutionContext, pipeline: PipelineSettings):
    """Read every new or changed document with the reader for its format."""
    settings = pipeline.settings()
    report = run.extract_step(settings, _entries(pipeline))
    metadata = {
        "documents": report.documents,
        "extracted": report.processed,
        "reused_unchanged": report.skipped,
        "failed": len(report.failed),
        "failures": _failures_md(report),
        "pages": report.counts.get("pages", 0),
        "table_cells": report.counts.get("cells", 0),
    }
    for name in EXTRACTED:
        yield MaterializeResult(asset_key=AssetKey(["extracted", name]), metadata=metadata)


@multi_asset(name="parsed_documents",
             specs=_specs("parsed", PARSED, [AssetKey(["extracted", n]) for n in EXTRACTED]))
def parsed_documents(context: AssetExecutionContext, pipeline: PipelineSettings):
    """Tables, line items and metadata of every new or changed document."""
    settings = pipeline.settings()
    report = run.parse_step(settings, _entries(pipeline))
    metadata = {
        "documents": report.documents,
        "parsed": report.processed,
        "reused_unchanged": report.skipped,
        "failed": len(report.failed),
        "failures": _failures_md(report),
        "line_items": report.counts.get("line_items", 0),
        "tables": report.counts.get("tables", 0),
        "parse_issues": report.counts.get("issues", 0),
    }
    for name in PARSED:
        yield MaterializeResult(asset_key=AssetKey(["parsed", name]), metadata=metadata)


@asset_check(asset=AssetKey(["parsed", "line_items"]), description="Every document that was read has line items.")
def documents_have_line_items(pipeline: PipelineSettings) -> AssetCheckResult:
    settings = pipeline.settings()
    folder = settings.extract_dir / "documents"
    rows = duckdb.sql(
        f"select source_file, status, line_item_count from read_parquet('{folder}/*.parquet')"
    ).fetchall()
    empty = [r[0] for r in rows if (r[2] or 0) == 0]
    return AssetCheckResult(
        passed=not empty,
        severity=AssetCheckSeverity.WARN,
        metadata={"documents": len(rows), "without_line_items": MetadataValue.json(empty)},
    )
