"""The Dagster entry point: `dagster dev -m pipeline.definitions`."""
from __future__ import annotations

from dagster import Definitions

from .defs import automation, ingest, warehouse
from .defs.resources import PipelineSettings

defs = Definitions(
    assets=[ingest.raw_documents, ingest.extracted_documents, ingest.parsed_documents,
            warehouse.warehouse_models],
    asset_checks=[*ingest.document_checks, warehouse.audit_check],
    jobs=automation.JOBS,
    sensors=[automation.raw_folder_sensor],
    schedules=[automation.nightly_schedule],
    resources={"pipeline": PipelineSettings()},
)


def job(name: str):
    """A job of these definitions, for `dagster.build_reconstructable_job` (multiprocess and remote executors)."""
    return defs.resolve_job_def(name)
