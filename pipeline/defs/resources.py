"""Resources, declared once."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from dagster import ConfigurableResource

from ..settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, Settings

if TYPE_CHECKING:
    from dagster_dbt import DbtCliResource


class PipelineSettings(ConfigurableResource):
    """Where raw documents are read from and where Parquet and the warehouse are written.

    Empty values fall back to the environment (BUDGET_RAW_DIR, BUDGET_WAREHOUSE,
    BUDGET_EXTRACT_DIR, BUDGET_WORKERS, BUDGET_DOC_TIMEOUT) and then to defaults.
    """

    raw_dir: str = ""
    warehouse: str = ""
    extract_dir: str = ""
    workers: int = 0
    doc_timeout_s: float = 0

    def settings(self) -> Settings:
        """These values as Settings (an empty value falls back to the environment, then the default)."""
        kwargs = {}
        if self.raw_dir:
            kwargs["raw_dir"] = self.raw_dir
        if self.warehouse:
            kwargs["warehouse"] = self.warehouse
        if self.extract_dir:
            kwargs["extract_dir"] = self.extract_dir
        if self.workers:
            kwargs["workers"] = self.workers
        if self.doc_timeout_s:
            kwargs["doc_timeout_s"] = self.doc_timeout_s
        return Settings(**kwargs)


def dbt_resource() -> DbtCliResource:
    """The dbt CLI resource for dbt_project/ (its profiles.yml too), run with the dbt beside this Python."""
    from dagster_dbt import DbtCliResource  # imported only where the warehouse is built (it is slow to import)

    return DbtCliResource(
        project_dir=os.fspath(DBT_PROJECT_DIR),
        profiles_dir=os.fspath(DBT_PROJECT_DIR),
        dbt_executable=DBT_EXECUTABLE,
    )
