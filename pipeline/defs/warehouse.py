"""Warehouse stage: dbt models as Dagster assets, built into a scratch file and then published."""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..settings import DBT_PROJECT_DIR
from ..storage.publish import prepare_build, publish
from .ingest import extracted_documents, parsed_documents, raw_documents
from .resources import PipelineSettings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
if not dbt_project.manifest_path.exists():
    dbt_project.preparer.prepare(dbt_project)

# dbt sources (Parquet datasets) → the ingestion asset that writes them
_SOURCE_ASSETS = {
    "inventory": raw_documents.key,
    "pages": extracted_documents.key,
    "blocks": extracted_documents.key,
    "table_cells": extracted_documents.key,
}


class Translator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return _SOURCE_ASSETS.get(dbt_resource_props["name"], parsed_documents.key)
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=Translator())
def warehouse_models(context: AssetExecutionContext, dbt: DbtCliResource, pipeline: PipelineSettings):
    """`dbt build` into a scratch warehouse file; published over the live file only when it succeeds."""
    settings = pipeline.settings()
    os.environ.update(settings.env())
    prepare_build(settings.build_warehouse)
    yield from dbt.cli(["build"], context=context).stream()
    publish(settings.build_warehouse, settings.warehouse)
    context.log.info(f"published {settings.warehouse}")
