"""`python -m pipeline run`: the whole graph, materialized in-process by Dagster.

The run is planned first (``orchestrate.plan.plan``), so that it materializes only
what has to be done:

- ``raw_documents`` always (inventory; removals and renames applied);
- the document partitions that are new or changed (a partition range of an
  ephemeral instance holding just those), read by worker processes in parallel
  with a per-document time limit;
- the dbt build + publish only when the published warehouse is not current —
  when nothing changed, it is skipped entirely (and the summary says so); the
  dbt assets are then not even imported.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..orchestrate import plan as run_plan
from ..settings import Settings

PARTITION_RANGE_START = "dagster/asset_partition_range_start"
PARTITION_RANGE_END = "dagster/asset_partition_range_end"


@dataclass
class RunOutcome:
    """What an in-process run did: success, its plan, the warehouse (built | skipped | failed), time, failures."""

    success: bool
    plan: run_plan.RunPlan
    warehouse: str  # built | skipped | failed
    seconds: float
    failures: list[str] = field(default_factory=list)  # failed steps, with their message

    def lines(self) -> list[str]:
        """The run's report lines: what the plan found, the changed files and what became of the warehouse."""
        out = [f"this run: {self.plan.describe()}"]
        if self.plan.changed_files:
            out.append("  changed: " + ", ".join(self.plan.changed_files[:20]))
        if self.warehouse == "built":
            out.append(f"warehouse: rebuilt and published ({self.seconds:.1f} s in all)")
        elif self.warehouse == "skipped":
            out.append(f"warehouse: unchanged — nothing changed since it was built, so the dbt build was skipped "
                       f"({self.seconds:.1f} s in all)")
        else:
            out.append("warehouse: NOT rebuilt — the run failed; the published warehouse is unchanged")
        return out


def run_in_process(settings: Settings, log_level: str = "WARNING") -> RunOutcome:
    """Plan the run, then materialize only what it needs in an ephemeral Dagster instance (errors not raised)."""
    from dagster import DagsterInstance, materialize

    from . import ingest
    from .resources import PipelineSettings

    started = time.monotonic()
    plan = run_plan.plan(settings)
    instance = DagsterInstance.ephemeral()
    assets: list = [ingest.raw_documents]
    tags: dict[str, str] = {}
    if plan.pending:
        keys = [e.document_id for e in plan.pending]
        instance.add_dynamic_partitions(ingest.DOCUMENTS.name, keys)
        assets += [ingest.extracted_documents, ingest.parsed_documents, *ingest.document_checks]
        tags = {PARTITION_RANGE_START: keys[0], PARTITION_RANGE_END: keys[-1]}
    resources = {"pipeline": PipelineSettings(
        raw_dir=str(settings.raw_dir), warehouse=str(settings.warehouse),
        extract_dir=str(settings.extract_dir), workers=settings.workers,
        doc_timeout_s=settings.doc_timeout_s, full_refresh=settings.full_refresh,
    )}
    build = not plan.warehouse_current or settings.full_refresh
    if build:
        from . import warehouse  # imports dagster-dbt, only when the warehouse is rebuilt

        assets += [warehouse.warehouse_models, warehouse.audit_check]
    result = materialize(
        assets,
        resources=resources,
        instance=instance,
        tags=tags,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
    )
    failures = [f"{e.step_key}: {_failure_message(e)}" for e in result.all_events if e.is_failure]
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    ingest_keys = {*ingest.raw_documents.keys, *ingest.extracted_documents.keys, *ingest.parsed_documents.keys}
    if not result.success:
        state = "failed"
    elif materialized - ingest_keys:
        state = "built"
    else:
        state = "skipped"
    return RunOutcome(result.success, plan, state, time.monotonic() - started, failures)


def _failure_message(event) -> str:
    """A failed step's message: the plain reason the warehouse build gave (WarehouseBuildFailed) when
    that is what stopped it, Dagster's own message otherwise."""
    error = event.step_failure_data.error if event.is_step_failure else None
    while error is not None:
        if error.cls_name == "WarehouseBuildFailed":
            return error.message.strip().removeprefix(f"{error.cls_name}: ")
        error = error.cause
    return event.message
