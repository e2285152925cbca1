"""Ingestion stage: raw files → inventory → extracted pages/blocks → parsed line items (Parquet).

``raw_documents`` is the inventory of raw/ (unpartitioned). Extraction and
parsing are partitioned by document: dynamic partitions keyed by document_id
(sha256[:16] of the file's bytes), so a partition is a content, not a file name.
A run may hold one partition (the sensor's per-document runs) or a range of them
(the nightly run, the CLI); the asset reads only the documents that have no
current output (new content, or code changed), using worker processes with a
per-document time limit. Nothing is shared in memory between steps: every step
re-derives what it needs from raw/ and the per-document Parquet files, so the
steps run unchanged in separate processes, containers or machines.
"""

import warnings

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    BackfillPolicy,
    DynamicPartitionsDefinition,
    MaterializeResult,
    MetadataValue,
    PreviewWarning,
    asset_check,
    multi_asset,
)

from ..load import ledger
from ..load import parquet as store
from ..orchestrate import steps
from ..parse.checks import CHECK_NAMES
from .resources import PipelineSettings

DOCUMENTS = DynamicPartitionsDefinition(name="document")


def sync_partitions(instance, document_ids: set[str]) -> tuple[list[str], list[str]]:
    """Make the dynamic partitions equal to the documents in raw/; returns (added, deleted)."""
    known = set(instance.get_dynamic_partitions(DOCUMENTS.name))
    added = sorted(document_ids - known)
    deleted = sorted(known - document_ids)
    if added:
        instance.add_dynamic_partitions(DOCUMENTS.name, added)
    for key in deleted:
        instance.delete_dynamic_partition(DOCUMENTS.name, key)
    return added, deleted


RAW_DOCUMENTS = AssetKey("raw_documents")
REMOVED_DOCUMENTS = AssetKey(["ledger", "removed_documents"])


@multi_asset(name="raw_documents", specs=[
    AssetSpec(RAW_DOCUMENTS, group_name="ingest",
              description="Inventory of raw/: one row per file (name, sha256, size, format). Brings the outputs in "
                          "line with raw/: deletes those of removed documents, renames those of renamed documents, "
                          "and keeps the document partitions equal to the documents in raw/."),
    AssetSpec(REMOVED_DOCUMENTS, group_name="ingest",
              description="Ledger of documents that left raw/ (deleted, or replaced by new content), kept across "
                        "runs (Parquet)."),
])
def raw_documents(context: AssetExecutionContext, pipeline: PipelineSettings):
    """Inventory raw/ and bring the outputs and the document partitions in line with it."""
    settings = pipeline.settings()
    report = steps.inventory_report(settings)
    added, deleted = [], []
    if not context.instance.is_ephemeral:  # the in-process CLI run registers just the partitions it reads
        added, deleted = sync_partitions(context.instance, {e.document_id for e in report.entries})
    formats: dict[str, int] = {}
    for e in report.entries:
        formats[e.format or "unsupported"] = formats.get(e.format or "unsupported", 0) + 1
    yield MaterializeResult(asset_key=RAW_DOCUMENTS, metadata={
        "documents": len(report.entries),
        "files": report.files,
        "formats": MetadataValue.json(formats),
        "removed_since_last_run": MetadataValue.json(report.removed),
        "renamed_or_copied": MetadataValue.json(report.renamed),
        "documents_with_ingestion_errors": report.failing,
        "partitions_added": len(added),
        "partitions_deleted": len(deleted),
        "raw_dir": str(settings.raw_dir),
    })
    yield MaterializeResult(asset_key=REMOVED_DOCUMENTS, metadata={
        "removed_this_run": MetadataValue.json(report.removed),
        "back_in_raw": MetadataValue.json(report.restored),
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
    "document_checks": "Quality checks per document: table pages with line items, hierarchy, totals (Parquet).",
    "narrative_statements": "Sentences of the 说明 narrative with their amounts, changes, years and reasons (Parquet).",
    "ingestion_errors": "Documents that could not be loaded, with the reason, first and last seen (Parquet ledger).",
}


def _specs(prefix: str, datasets: dict[str, str], deps) -> list[AssetSpec]:
    return [AssetSpec(AssetKey([prefix, name]), description=desc, group_name="ingest", deps=deps)
            for name, desc in datasets.items()]


def _failures_md(report: steps.StepReport) -> MetadataValue:
    text = "\n".join(f"- `{f}`: {r}" for f, r in report.failed) or "none"
    return MetadataValue.md(text)


def _partition_entries(context: AssetExecutionContext, pipeline: PipelineSettings):
    settings = pipeline.settings()
    keys = list(context.partition_keys)
    entries = steps.entries_for(settings, keys)
    gone = sorted(set(keys) - {e.document_id for e in entries})
    if gone:
        context.log.warning(f"no longer in raw/ (nothing to do): {', '.join(gone)}")
    return settings, entries, gone


@multi_asset(name="extracted_documents", specs=_specs("extracted", EXTRACTED, [RAW_DOCUMENTS]),
             partitions_def=DOCUMENTS, backfill_policy=BackfillPolicy.single_run())
def extracted_documents(context: AssetExecutionContext, pipeline: PipelineSettings):
    """Read the document(s) of this run's partitions with the reader for their format (only if not read yet)."""
    settings, entries, gone = _partition_entries(context, pipeline)
    report = steps.extract_step(settings, entries)
    metadata = {
        "documents": report.documents,
        "files": MetadataValue.json(sorted({n for e in entries for n in e.names})[:50]),
        "extracted": report.processed,
        "reused_unchanged": report.skipped,
        "no_longer_in_raw": len(gone),
        "failed": len(report.failed),
        "failures": _failures_md(report),
        "pages": report.counts.get("pages", 0),
        "table_cells": report.counts.get("cells", 0),
    }
    for name in EXTRACTED:
        yield MaterializeResult(asset_key=AssetKey(["extracted", name]), metadata=metadata)


@multi_asset(name="parsed_documents",
             specs=_specs("parsed", PARSED, [AssetKey(["extracted", n]) for n in EXTRACTED]),
             partitions_def=DOCUMENTS, backfill_policy=BackfillPolicy.single_run())
def parsed_documents(context: AssetExecutionContext, pipeline: PipelineSettings):
    """Tables, line items, metadata and quality checks of the document(s) of this run's partitions."""
    settings, entries, gone = _partition_entries(context, pipeline)
    report = steps.parse_step(settings, entries)
    metadata = {
        "documents": report.documents,
        "parsed": report.processed,
        "reused_unchanged": report.skipped,
        "no_longer_in_raw": len(gone),
        "failed": len(report.failed),
        "failures": _failures_md(report),
        "line_items": report.counts.get("line_items", 0),
        "tables": report.counts.get("tables", 0),
        "parse_issues": report.counts.get("issues", 0),
    }
    for name in PARSED:
        yield MaterializeResult(asset_key=AssetKey(["parsed", name]), metadata=metadata)


# ---------------------------------------------------------------------------
# Asset checks, per document partition. They read what the parse stage computed
# (pipeline/parse/checks.py → document_checks); severity WARN and non-blocking, so a
# document that fails a check never stops another document or the warehouse.

CHECK_DESCRIPTIONS = {
    "table_pages_with_line_items": "Share of the pages whose tables print amounts that produced line items (≥ 50 %).",
    "hierarchy_consistent": "类 = Σ 款 and 款 = Σ 项 in every account-coded table and measure "
                            "(±0.01 per child).",
    "totals_present": "Every account-coded table with account rows has its total row "
                      "(合计 / 人员经费合计 + 公用经费合计).",
}


def _rows_by_document(settings, dataset: str, document_ids: list[str]) -> dict[str, list[dict]]:
    """Rows of one per-document dataset for the given documents (one scan of the folder when there are many)."""
    if len(document_ids) <= 20:
        return {key: store.read_rows(settings.extract_dir, dataset, key) for key in document_ids}
    import duckdb

    wanted = set(document_ids)
    folder = store.dataset_dir(settings.extract_dir, dataset)
    table = duckdb.sql(f"select * from read_parquet('{folder}/*.parquet', union_by_name=true)").fetch_arrow_table()
    out: dict[str, list[dict]] = {key: [] for key in document_ids}
    for row in table.to_pylist():
        if row["document_id"] in wanted:
            out[row["document_id"]].append(row)
    return out


def evaluate_check(settings, check_name: str, document_ids: list[str]) -> AssetCheckResult:
    """One check over the given documents: passes when it passes for every one of them."""
    failed: dict[str, str] = {}
    values: dict[str, float | None] = {}
    checks = _rows_by_document(settings, "document_checks", document_ids)
    errors = _rows_by_document(settings, ledger.ERRORS, document_ids)
    for key in document_ids:
        rows = [r for r in checks[key] if r["check_name"] == check_name]
        if rows:
            values[key] = rows[0]["value"]
            if not rows[0]["passed"]:
                failed[rows[0]["source_file"]] = rows[0]["detail"]
        elif errors[key]:
            failed[errors[key][0]["source_file"]] = f"the document could not be loaded: {errors[key][0]['reason']}"
    metadata = {
        "documents": len(document_ids),
        "failed_documents": len(failed),
        "failures": MetadataValue.md("\n".join(f"- `{f}`: {d}" for f, d in sorted(failed.items())[:200])
                                     or "none"),
    }
    if len(document_ids) == 1 and values.get(document_ids[0]) is not None:
        metadata["value"] = float(values[document_ids[0]])
    return AssetCheckResult(passed=not failed, severity=AssetCheckSeverity.WARN, metadata=metadata,
                            description=CHECK_DESCRIPTIONS[check_name])


def _check_keys(context: AssetCheckExecutionContext) -> list[str]:
    op = context.op_execution_context
    if op.has_partition_key or op.has_partition_key_range:
        return list(op.partition_keys)
    return []


def _make_check(check_name: str):
    def _check(context: AssetCheckExecutionContext, pipeline: PipelineSettings) -> AssetCheckResult:
        return evaluate_check(pipeline.settings(), check_name, _check_keys(context))

    with warnings.catch_warnings():  # partitioned asset checks are a Dagster preview feature
        warnings.simplefilter("ignore", PreviewWarning)
        return asset_check(asset=AssetKey(["parsed", "line_items"]), name=check_name, partitions_def=DOCUMENTS,
                           description=CHECK_DESCRIPTIONS[check_name], blocking=False)(_check)


document_checks = [_make_check(name) for name in CHECK_NAMES]
