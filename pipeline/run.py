"""The job's steps as plain functions over Settings (Dagster assets call these)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import stages
from .model import ParseIssue
from .parallel import run_each
from .settings import Settings
from .storage import parquet as store


@dataclass
class StepReport:
    documents: int = 0
    processed: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    counts: dict[str, int] = field(default_factory=dict)


def inventory_step(settings: Settings) -> tuple[list[stages.InventoryEntry], list[str]]:
    """Inventory raw/, write it, and drop the outputs of documents no longer there."""
    store.ensure_layout(settings.extract_dir)
    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"the raw folder {settings.raw_dir} does not exist")
    entries, rows = stages.take_inventory(settings.raw_dir)
    store.write_rows(settings.extract_dir, "inventory", "inventory", rows)
    removed = stages.remove_stale(settings.extract_dir, {e.document_id for e in entries})
    return entries, removed


def _report(outcomes: list[stages.StageOutcome]) -> StepReport:
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


def _timed_out(stage: str, settings: Settings):
    def record(entry: stages.InventoryEntry, reason: str) -> stages.StageOutcome:
        issue = ParseIssue(stage, "timeout" if "time limit" in reason else f"{stage}_crashed",
                           f"{stage} of this document did not finish: {reason}", severity="error")
        store.write_rows(settings.extract_dir, "parse_issues", f"{entry.document_id}__{stage}",
                         stages._issue_rows(entry, [issue]))
        if stage == "extract":
            for dataset in ("pages", "blocks", "table_cells"):
                store.write_rows(settings.extract_dir, dataset, entry.document_id, [])
        stages._mark_done(settings.extract_dir, stage, entry,
                          stages.EXTRACTOR_VERSION if stage == "extract"
                          else f"{stages.EXTRACTOR_VERSION}-{stages.PARSER_VERSION}",
                          failed=True, reason=reason)
        return stages.StageOutcome(entry.document_id, entry.source_file, stage, failed=True, reason=reason)
    return record


def extract_step(settings: Settings, entries: list[stages.InventoryEntry], force: bool = False) -> StepReport:
    outcomes = run_each(stages.extract_stage, entries, (settings.extract_dir, force),
                        workers=settings.workers, timeout_s=settings.doc_timeout_s,
                        on_failure=_timed_out("extract", settings))
    return _report(outcomes)


def parse_step(settings: Settings, entries: list[stages.InventoryEntry], force: bool = False) -> StepReport:
    outcomes = run_each(stages.parse_stage, entries, (settings.extract_dir, force),
                        workers=settings.workers, timeout_s=settings.doc_timeout_s,
                        on_failure=_timed_out("parse", settings))
    return _report(outcomes)
