"""Warehouse stage: dbt models as Dagster assets, built into a scratch file and then published."""

import os
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..settings import DBT_EXECUTABLE, DBT_PROJECT_DIR
from ..storage.publish import prepare_build, publish
from .ingest import EXTRACTED, PARSED, raw_documents
from .resources import PipelineSettings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _manifest_is_stale() -> bool:
    """True when manifest.json is missing or older than any file of the dbt project."""
    if not dbt_project.manifest_path.exists():
        return True
    built = dbt_project.manifest_path.stat().st_mtime
    sources = [p for sub in ("models", "seeds", "macros", "tests") for p in (DBT_PROJECT_DIR / sub).rglob("*")]
    sources += [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


if _manifest_is_stale():
    # `dbt parse` once, so the asset graph is known (dagster dev re-parses when files change)
    DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE).cli(
        ["parse"], target_path=dbt_project.target_path
    ).wait()

# dbt sources (Parquet datasets) → the ingestion asset that writes them
_SOURCE_ASSETS = {"inventory": raw_documents.key}
_SOURCE_ASSETS.update({name: AssetKey(["extracted", name]) for name in EXTRACTED})
_SOURCE_ASSETS.update({name: AssetKey(["parsed", name]) for name in PARSED})


class Translator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return _SOURCE_ASSETS[dbt_resource_props["name"]]
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
