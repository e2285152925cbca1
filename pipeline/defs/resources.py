"""Resources, declared once."""
from __future__ import annotations

from dagster import ConfigurableResource

from ..settings import Settings


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
    full_refresh: bool = False

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
        return Settings(**kwargs, full_refresh=self.full_refresh)
