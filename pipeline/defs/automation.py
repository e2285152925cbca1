"""Jobs, the raw/ sensor and the nightly schedule.

- ``document_job``: extraction + parsing + checks of ONE document partition.
  The sensor launches one run per new or changed document; runs go in parallel
  (one process per run, as many at once as the run queue allows — dagster.yaml).
- ``warehouse_job``: inventory (clean-up of removed/renamed documents) + the dbt
  build and publish, as separate steps.
- ``nightly_job``: the full graph in one run — inventory, every document
  partition (only new or changed ones are read; the others are reused), dbt.

``raw_folder_sensor`` (every 30 s): takes the inventory of raw/ (sha256 cached
by size + mtime), keeps the dynamic partitions equal to the documents there,
requests a ``document_job`` run per pending document (``celery_document_job``, the
same steps on Celery workers, when BUDGET_DOCUMENT_EXECUTOR=celery: pipeline/defs/distributed.py),
and — once no document run is queued or running — a ``warehouse_job`` run if the published warehouse
is not current (run keys make every request happen once).

``nightly_schedule``: 02:00 Asia/Shanghai, ``nightly_job`` over all partitions.

Both are off by default; switch them on in the UI (`make dev` → Automation).
"""
from __future__ import annotations

import json

from dagster import (
    AssetSelection,
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    ScheduleEvaluationContext,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    define_asset_job,
    multiprocess_executor,
    schedule,
    sensor,
)

from ..orchestrate import plan as run_plan
from ..orchestrate import stages
from .distributed import celery_document_job, document_executor
from .ingest import DOCUMENTS, extracted_documents, parsed_documents, raw_documents, sync_partitions
from .resources import PipelineSettings

PARTITION_RANGE_START = "dagster/asset_partition_range_start"
PARTITION_RANGE_END = "dagster/asset_partition_range_end"
WAREHOUSE_GROUP = "warehouse"

# Steps run in their own processes (multiprocess executor; as many at once as cores), forked from a
# server that imported the definitions once per run, so a step starts in milliseconds instead of
# re-importing Dagster and dbt. A distributed executor (k8s_job_executor, celery_executor) replaces
# this line and nothing else (docs/operations.md: Running at scale).
EXECUTOR = multiprocess_executor.configured(
    {"start_method": {"forkserver": {"preload_modules": ["pipeline.definitions"]}}}, name="multiprocess",
)

document_job = define_asset_job(
    "document_job",
    selection=AssetSelection.assets(extracted_documents, parsed_documents),
    partitions_def=DOCUMENTS,
    executor_def=EXECUTOR,
    description="Extract, parse and check one document (a partition = a document's content, sha256[:16]).",
    tags={"budget/stage": "document"},
)

warehouse_job = define_asset_job(
    "warehouse_job",
    selection=AssetSelection.assets(raw_documents) | AssetSelection.groups(WAREHOUSE_GROUP),
    executor_def=EXECUTOR,
    description="Inventory of raw/ (removals, renames), then the dbt build into a scratch file and the atomic publish.",
    tags={"budget/stage": "warehouse"},
)

nightly_job = define_asset_job(
    "nightly_job",
    selection=AssetSelection.all(),
    partitions_def=DOCUMENTS,
    executor_def=EXECUTOR,
    description="The full graph: inventory, every document partition (only new or changed ones are read), dbt.",
    tags={"budget/stage": "warehouse"},
)

JOBS = [document_job, celery_document_job, warehouse_job, nightly_job]
BUILDERS = [warehouse_job, nightly_job]  # jobs that build the warehouse
RUN_KEY_TAG = "dagster/run_key"
_IN_FLIGHT = [DagsterRunStatus.QUEUED, DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING,
              DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING]


def document_run_key(document_id: str) -> str:
    """The sensor's run key for one document: its id + the current parse cache key (new code, new run)."""
    return f"document:{document_id}:{stages.parse_key()}"


def _runs_in_flight(instance, jobs) -> int:
    return sum(len(instance.get_run_records(RunsFilter(job_name=job.name, statuses=_IN_FLIGHT), limit=1))
               for job in jobs)


def document_job_name(executor: str | None = None) -> str:
    """The job of the sensor's document runs: celery_document_job when BUDGET_DOCUMENT_EXECUTOR=celery."""
    return celery_document_job.name if document_executor(executor) == "celery" else document_job.name


def evaluate_raw_folder(context: SensorEvaluationContext, settings,
                        executor: str | None = None) -> SensorResult | SkipReason:
    """The sensor's decision, as a plain function of raw/, the outputs and the instance (tested directly).

    executor: multiprocess or celery (default: BUDGET_DOCUMENT_EXECUTOR, read now) — which job the
    document runs use (document_job or celery_document_job)."""
    job_name = document_job_name(executor)
    plan = run_plan.plan(settings)
    current = {e.document_id for e in plan.entries}
    known = set(context.instance.get_dynamic_partitions(DOCUMENTS.name))
    partition_requests = []
    if current - known:
        partition_requests.append(DOCUMENTS.build_add_request(sorted(current - known)))
    if known - current:
        partition_requests.append(DOCUMENTS.build_delete_request(sorted(known - current)))

    cursor = json.loads(context.cursor) if context.cursor else {}
    requested: dict[str, str] = {k: v for k, v in cursor.get("requested", {}).items() if k in current}
    runs: list[RunRequest] = []
    waiting = False  # a document run is requested, queued or running
    for entry in plan.pending:
        key = document_run_key(entry.document_id)
        if requested.get(entry.document_id) == key:
            # already requested: wait for its run, unless it ended without output (it failed; the nightly retries)
            records = context.instance.get_run_records(RunsFilter(tags={RUN_KEY_TAG: key}), limit=1)
            waiting = waiting or not records or records[0].dagster_run.status in _IN_FLIGHT
            continue
        requested[entry.document_id] = key
        waiting = True
        runs.append(RunRequest(run_key=key, job_name=job_name, partition_key=entry.document_id,
                               tags={"budget/source_file": entry.source_file[:200]}))
    if not waiting and not plan.warehouse_current and _runs_in_flight(context.instance, BUILDERS) == 0:
        runs.append(RunRequest(run_key=f"warehouse:{plan.fingerprint}", job_name=warehouse_job.name,
                               tags={"budget/reason": plan.describe()[:200]}))
    new_cursor = json.dumps({"requested": requested}, sort_keys=True)
    if not runs and not partition_requests:
        context.update_cursor(new_cursor)
        return SkipReason(f"nothing to do: {plan.describe()}; warehouse "
                          f"{'current' if plan.warehouse_current else 'waiting for document runs'}")
    return SensorResult(run_requests=runs, dynamic_partitions_requests=partition_requests, cursor=new_cursor)


@sensor(name="raw_folder_sensor", jobs=JOBS, minimum_interval_seconds=30,
        default_status=DefaultSensorStatus.STOPPED,
        description="Notices new, changed, renamed and removed files in raw/; launches one document_job run per "
                    "new or changed document (celery_document_job when BUDGET_DOCUMENT_EXECUTOR=celery), then "
                    "warehouse_job when they are done.")
def raw_folder_sensor(context: SensorEvaluationContext, pipeline: PipelineSettings):
    """Every 30 s: sync the partitions with raw/ and request the runs due (evaluate_raw_folder)."""
    return evaluate_raw_folder(context, pipeline.settings())


def nightly_request(instance, settings) -> RunRequest | SkipReason:
    """The nightly run: the full graph over every document partition (partitions synced with raw/ first)."""
    entries, _ = run_plan.current_entries(settings)
    sync_partitions(instance, {e.document_id for e in entries})
    keys = instance.get_dynamic_partitions(DOCUMENTS.name)
    if not keys:
        return SkipReason(f"{settings.raw_dir} holds no document")
    return RunRequest(job_name=nightly_job.name,
                      tags={PARTITION_RANGE_START: keys[0], PARTITION_RANGE_END: keys[-1]})


@schedule(name="nightly_schedule", job=nightly_job, cron_schedule="0 2 * * *",
          execution_timezone="Asia/Shanghai", default_status=DefaultScheduleStatus.STOPPED,
          description="Runs the full graph every night at 02:00 (Asia/Shanghai).")
def nightly_schedule(context: ScheduleEvaluationContext, pipeline: PipelineSettings):
    """02:00 Asia/Shanghai: the full graph over every document partition (nightly_request)."""
    return nightly_request(context.instance, pipeline.settings())
