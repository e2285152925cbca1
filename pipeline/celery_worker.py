"""The Celery app of the pipeline's workers, for ``celery_document_job`` (pipeline/defs/distributed.py).

    celery -A pipeline.celery_worker worker --pool solo -n w1@%h

The broker and result backend are those of the job (BUDGET_CELERY_BROKER, BUDGET_CELERY_BACKEND);
the worker consumes the ``dagster`` queue. The definitions are imported once here, so a step
starts without re-importing Dagster and dbt. Use the solo pool (or ``--concurrency 1``) and one
worker process per core: a step already forks its own document readers with a time limit, which
the daemonic children of Celery's prefork pool could not.
"""
from __future__ import annotations

from dagster_celery.executor import CeleryExecutor
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_task

import pipeline.definitions  # noqa: F401  (preloaded: every task reconstructs its job from it)

from .defs.distributed import backend_url, broker_url

app = make_app(CeleryExecutor.for_cli(broker=broker_url(), backend=backend_url()).app_args())
execute_plan = create_task(app)
