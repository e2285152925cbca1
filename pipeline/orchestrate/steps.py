"""The job's steps over all documents, as plain functions over Settings (Dagster assets call these).

The inventory step brings the outputs in line with raw/; the extract and parse
steps run their stage on every pending document in worker processes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..extract import import_readers
from ..inventory.files import InventoryEntry
from ..load import ledger, outputs
from ..load import parquet as store
from ..load.markers import mark_done
from ..load.rows import failed_document_row, issue_rows
from ..model import ParseIssue
from ..parse.regions import load_place_names
from ..settings import Settings
from . import plan, stages
from .progress import StageCounter
from .workers import run_each


@dataclass
class StepReport:
    """A stage over many documents: how many were processed, reused or failed (file, reason), and counts."""

    documents: int = 0
    processed: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class InventoryReport:
    """The inventory step's result: the entries, the file count and the documents whose outputs changed."""

    entries: list[InventoryEntry]
    files: int
    removed: list[str]  # document ids whose outputs were deleted (recorded in removed_documents)
    renamed: list[str]  # document ids whose outputs now carry another file name
    restored: list[str]  # document ids back in raw/ after having been removed
    failing: int  # documents in raw/ with an ingestion error


def inventory_report(settings: Settings) -> InventoryReport:
    """Inventory raw/ and bring the outputs in line with it: write the inventory, delete the outputs
    of documents no longer there (recording them), rename the outputs of renamed documents,
    and mark documents with an ingestion error as seen. Reads no document."""
    store.ensure_layout(settings.extract_dir)
    entries, rows = plan.current_entries(settings)
    current_ids = {e.document_id for e in entries}
    before = plan.previous_names(settings.extract_dir)
    removed = outputs.remove_stale(settings.extract_dir, current_ids, {r["source_file"] for r in rows})
    restored = ledger.clear_removals(settings.extract_dir, current_ids)
    # documents whose file names changed since the last inventory (or that it did not list yet)
    candidates = [e for e in entries if before.get(e.document_id) != set(e.names)]
    renamed = [e.document_id for e in candidates
               if not stages.is_pending(e, settings.extract_dir) and outputs.relabel(e, settings.extract_dir)]
    failing = ledger.touch_failures(settings.extract_dir, entries)
    store.write_rows(settings.extract_dir, "inventory", "inventory", rows)
    return InventoryReport(entries, len(rows), removed, renamed, restored, failing)


def inventory_step(settings: Settings) -> tuple[list[InventoryEntry], list[str]]:
    """Inventory raw/, write it, and drop the outputs of documents no longer there."""
    report = inventory_report(settings)
    return report.entries, report.removed


def entries_for(settings: Settings, document_ids: list[str] | None = None) -> list[InventoryEntry]:
    """Inventory entries of the given documents (all when None), without touching any output."""
    entries, _ = plan.current_entries(settings)
    if document_ids is None:
        return entries
    wanted = set(document_ids)
    return [e for e in entries if e.document_id in wanted]


def step_report(outcomes: list[stages.StageOutcome]) -> StepReport:
    """The outcomes of one stage over its documents, summed into a StepReport."""
    report = StepReport(documents=len(outcomes))
    for o in outcomes:
        if o.skipped:
            report.skipped += 1
            continue
        report.processed += 1
        if o.failed:
            report.failed.append((o.source_file, o.reason or "failed"))
        for k, v in o.counts.items():
            report.counts[k] = report.counts.get(k, 0) + v
    return report


def record_unfinished(stage: str, settings: Settings):
    """The workers' on_failure handler for a stage: it records a crashed or timed-out document as failed."""
    def record(entry: InventoryEntry, reason: str) -> stages.StageOutcome:
        issue = ParseIssue(stage, "timeout" if "time limit" in reason else f"{stage}_crashed",
                           f"{stage} of this document did not finish: {reason}", severity="error")
        store.write_rows(settings.extract_dir, "parse_issues", f"{entry.document_id}__{stage}",
                         issue_rows(entry, [issue]))
        if stage == "extract":
            for dataset in ("pages", "blocks", "table_cells"):
                store.write_rows(settings.extract_dir, dataset, entry.document_id, [])
        if stage == "parse":
            now = ledger.now()
            store.write_rows(settings.extract_dir, "documents", entry.document_id,
                             [failed_document_row(entry, stages.parse_key(entry.format), now)])
            for dataset in ("tables", "line_items", "document_checks", "narrative_statements"):
                store.write_rows(settings.extract_dir, dataset, entry.document_id, [])
            ledger.record_failure(settings.extract_dir, entry,
                                  {"stage": stage, "issue_code": issue.issue_code, "reason": issue.reason}, now)
        mark_done(settings.extract_dir, stage, entry, stages.stage_key(stage, entry.format), failed=True, reason=reason)
        return stages.StageOutcome(entry.document_id, entry.source_file, stage, failed=True, reason=reason)
    return record


def split_current(settings: Settings, stage: str, entries: list[InventoryEntry], force: bool):
    """Documents whose output for this stage is current are reused without starting a worker."""
    todo, done = [], []
    for e in entries:
        current = not force and stages.is_current(e, settings.extract_dir, stage)
        (done if current else todo).append(e)
    return todo, [stages.StageOutcome(e.document_id, e.source_file, stage, skipped=True) for e in done]


def extract_step(settings: Settings, entries: list[InventoryEntry], force: bool = False) -> StepReport:
    """Extract the given documents whose extract output is not current, largest first, in worker processes."""
    todo, reused = split_current(settings, "extract", entries, force)
    # largest files first, so the workers finish together rather than one waiting on a big PDF
    todo.sort(key=lambda e: e.size_bytes, reverse=True)
    import_readers({e.format for e in todo})
    counter = StageCounter("extract", len(todo))
    outcomes = run_each(stages.extract_stage, todo, (settings.extract_dir, force),
                        workers=settings.workers, timeout_s=settings.doc_timeout_s,
                        on_failure=record_unfinished("extract", settings),
                        on_finished=lambda e: counter.advance(e.source_file))
    return step_report(outcomes + reused)


def parse_step(settings: Settings, entries: list[InventoryEntry], force: bool = False) -> StepReport:
    """Parse the given documents whose parse output is not current, in worker processes."""
    todo, reused = split_current(settings, "parse", entries, force)
    if todo:
        load_place_names()  # once here: every forked worker shares it
    counter = StageCounter("parse", len(todo))
    outcomes = run_each(stages.parse_stage, todo, (settings.extract_dir, force),
                        workers=settings.workers, timeout_s=settings.doc_timeout_s,
                        on_failure=record_unfinished("parse", settings),
                        on_finished=lambda e: counter.advance(e.source_file))
    return step_report(outcomes + reused)
