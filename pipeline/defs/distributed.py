"""Distributed execution of document runs: ``celery_document_job`` on dagster-celery with a Redis broker.

``celery_document_job`` is ``document_job`` (extraction + parsing + checks of one document
partition) with every step sent as a Celery task to whichever worker takes it first. The
run itself (its coordinator) stays where it was launched; only the steps travel. A step
re-derives everything from raw/ and the per-document Parquet files, so every worker must
see the same raw/ and extract folders (docs/operations.md: Distributed execution).

Environment (read by a run's process when the run starts, and by a worker when it starts):

- ``BUDGET_CELERY_BROKER``: the broker URL (default ``redis://127.0.0.1:6379/0``);
- ``BUDGET_CELERY_BACKEND``: the result backend URL (default: the same as the broker);
- ``BUDGET_DOCUMENT_EXECUTOR``: ``celery`` makes raw_folder_sensor request ``celery_document_job``
  runs instead of ``document_job`` runs (read at every evaluation; empty or ``multiprocess``: the default).

Workers: ``celery -A pipeline.celery_worker worker --pool solo -n w1@%h`` (pipeline/celery_worker.py),
one task at a time per worker process; start as many as the machines have cores.
"""
from __future__ import annotations

import os

from dagster import AssetSelection, define_asset_job
from dagster_celery import celery_executor

from .ingest import extracted_documents, parsed_documents

DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
BROKER_ENV = "BUDGET_CELERY_BROKER"
BACKEND_ENV = "BUDGET_CELERY_BACKEND"
EXECUTOR_ENV = "BUDGET_DOCUMENT_EXECUTOR"
EXECUTORS = ("multiprocess", "celery")


def broker_url() -> str:
    """The Celery broker: BUDGET_CELERY_BROKER, else the local Redis."""
    return os.environ.get(BROKER_ENV) or DEFAULT_BROKER


def backend_url() -> str:
    """The Celery result backend: BUDGET_CELERY_BACKEND, else the broker."""
    return os.environ.get(BACKEND_ENV) or broker_url()


def document_executor(value: str | None = None) -> str:
    """Which executor the sensor's document runs use: `value`, else BUDGET_DOCUMENT_EXECUTOR, else
    multiprocess; an unknown one is an error, not a silent default."""
    value = (value or os.environ.get(EXECUTOR_ENV) or "multiprocess").strip().lower()
    if value not in EXECUTORS:
        raise ValueError(f"unknown document executor {value!r} (argument or {EXECUTOR_ENV}): "
                         f"expected one of {', '.join(EXECUTORS)}")
    return value


def _celery_config(_config) -> dict:
    # resolved when a run starts (not when the definitions are imported): the environment of the run's process
    return {"broker": broker_url(), "backend": backend_url()}


CELERY_EXECUTOR = celery_executor.configured(_celery_config, name="celery", config_schema={})

celery_document_job = define_asset_job(
    "celery_document_job",
    selection=AssetSelection.assets(extracted_documents, parsed_documents),  # partitioned by DOCUMENTS
    executor_def=CELERY_EXECUTOR,
    description="document_job on Celery workers: extract, parse and check one document, every step a Celery task "
                "(broker BUDGET_CELERY_BROKER).",
    tags={"budget/stage": "document"},
)
