"""The Dagster entry point: `dagster dev -m pipeline.definitions`."""
from __future__ import annotations

from dagster import Definitions, load_assets_from_modules

from .defs import ingest, warehouse
from .defs.resources import PipelineSettings, dbt_resource

defs = Definitions(
    assets=[ingest.raw_documents, ingest.extracted_documents, ingest.parsed_documents,
            warehouse.warehouse_models],
    asset_checks=[ingest.documents_have_line_items],
    resources={"pipeline": PipelineSettings(), "dbt": dbt_resource()},
)
