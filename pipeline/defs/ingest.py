"""Ingestion stage: raw files → inventory → extracted pages/blocks → parsed line items (Parquet)."""
from __future__ import annotations

import duckdb
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
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


@asset(group_name="ingest", deps=[raw_documents],
       description="Pages, prose/table blocks and table cells of every document (Parquet), by format reader.")
def extracted_documents(context: AssetExecutionContext, pipeline: PipelineSettings) -> MaterializeResult:
    settings = pipeline.settings()
    report = run.extract_step(settings, _entries(pipeline))
    return MaterializeResult(metadata={
        "documents": report.documents,
        "extracted": report.processed,
        "reused_unchanged": report.skipped,
        "failed": len(report.failed),
        "failures": _failures_md(report),
        "pages": report.counts.get("pages", 0),
        "table_cells": report.counts.get("cells", 0),
    })


@asset(group_name="ingest", deps=[extracted_documents],
       description="Document metadata, tables and line items (one per printed amount cell), plus parse issues (Parquet).")
def parsed_documents(context: AssetExecutionContext, pipeline: PipelineSettings) -> MaterializeResult:
    settings = pipeline.settings()
    report = run.parse_step(settings, _entries(pipeline))
    return MaterializeResult(metadata={
        "documents": report.documents,
        "parsed": report.processed,
        "reused_unchanged": report.skipped,
        "failed": len(report.failed),
        "failures": _failures_md(report),
        "line_items": report.counts.get("line_items", 0),
        "tables": report.counts.get("tables", 0),
        "parse_issues": report.counts.get("issues", 0),
    })


@asset_check(asset=parsed_documents, description="Every document that was read has line items.")
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
