"""The Dagster side: document partitions, the raw/ sensor, the nightly schedule, per-document asset
checks, and the full graph under the multiprocess executor."""
from __future__ import annotations

from pathlib import Path

import duckdb
from dagster import (
    DagsterInstance,
    RunRequest,
    SensorResult,
    SkipReason,
    build_reconstructable_job,
    build_sensor_context,
    execute_job,
    instance_for_test,
    materialize,
)

from pipeline.defs import automation, ingest
from pipeline.defs.resources import PipelineSettings
from pipeline.orchestrate import plan as run_plan
from pipeline.orchestrate import steps as run
from pipeline.settings import Settings
from tests import corpus, pdfbytes

S0, S1, S2 = corpus.SEEDS[:3]


def _settings(tmp_path: Path, *seeds: str) -> Settings:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for seed in seeds:
        corpus.copy_seed(raw, seed)
    return Settings(raw_dir=raw, warehouse=tmp_path / "out" / "warehouse.duckdb", workers=2)


def _resource(settings: Settings) -> PipelineSettings:
    return PipelineSettings(raw_dir=str(settings.raw_dir), warehouse=str(settings.warehouse),
                            extract_dir=str(settings.extract_dir), workers=settings.workers)


def test_definitions_show_partitions_sensor_schedule_and_checks():
    from pipeline.definitions import defs

    schedule = defs.resolve_schedule_def("nightly_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.job_name == "nightly_job"
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    assert {j.name for j in sensor.jobs} == {"document_job", "celery_document_job", "warehouse_job", "nightly_job"}
    document_job = defs.resolve_job_def("document_job")
    assert document_job.partitions_def == ingest.DOCUMENTS
    assert document_job.executor_def.name == "multiprocess"
    checks = {k.name for k in defs.resolve_asset_graph().asset_check_keys}
    assert {"table_pages_with_line_items", "hierarchy_consistent", "totals_present"} <= checks
    # the document audit's check sits on a warehouse asset and runs with the warehouse jobs
    assert "no_audit_errors" in checks
    warehouse_job = defs.resolve_job_def("warehouse_job")
    assert "no_audit_errors" in {k.name for k in warehouse_job.asset_layer.asset_graph.asset_check_keys}


def _evaluate(instance, settings: Settings, cursor: str | None):
    context = build_sensor_context(instance=instance, cursor=cursor,
                                   resources={"pipeline": _resource(settings)})
    result = automation.raw_folder_sensor(context)
    if isinstance(result, SensorResult):
        for request in result.dynamic_partitions_requests or []:
            if request.partitions_def_name == ingest.DOCUMENTS.name and hasattr(request, "partition_keys"):
                if type(request).__name__.startswith("Add"):
                    instance.add_dynamic_partitions(ingest.DOCUMENTS.name, list(request.partition_keys))
                else:
                    for key in request.partition_keys:
                        instance.delete_dynamic_partition(ingest.DOCUMENTS.name, key)
        return result, result.cursor
    return result, context.cursor


def test_sensor_launches_per_document_runs_then_the_warehouse(tmp_path):
    settings = _settings(tmp_path, S0, S1)
    instance = DagsterInstance.ephemeral()
    ids = {corpus.document_id(settings.raw_dir / s) for s in (S0, S1)}

    result, cursor = _evaluate(instance, settings, None)
    assert isinstance(result, SensorResult)
    assert set(instance.get_dynamic_partitions("document")) == ids
    requests = result.run_requests
    assert {r.partition_key for r in requests} == ids
    assert {r.job_name for r in requests} == {"document_job"}

    # the same tick again: nothing new is requested while those runs are pending
    again, cursor = _evaluate(instance, settings, cursor)
    assert not (isinstance(again, SensorResult) and again.run_requests)

    # the document runs happen (here: the plain functions they call) → the warehouse is requested
    entries = run.entries_for(settings)
    run.extract_step(settings, entries)
    run.parse_step(settings, entries)
    result, cursor = _evaluate(instance, settings, cursor)
    assert [r.job_name for r in result.run_requests] == ["warehouse_job"]

    # a file is removed: its partition is deleted and the warehouse requested again
    (settings.raw_dir / S1).unlink()
    result, cursor = _evaluate(instance, settings, cursor)
    assert set(instance.get_dynamic_partitions("document")) == {corpus.document_id(settings.raw_dir / S0)}
    assert [r.job_name for r in result.run_requests] == ["warehouse_job"]


def test_nightly_schedule_runs_the_full_graph_over_every_partition(tmp_path):
    settings = _settings(tmp_path, S0, S1)
    instance = DagsterInstance.ephemeral()
    request = automation.nightly_request(instance, settings)
    assert isinstance(request, RunRequest) and request.job_name == "nightly_job"
    keys = instance.get_dynamic_partitions("document")
    assert len(keys) == 2
    assert request.tags[automation.PARTITION_RANGE_START] == keys[0]
    assert request.tags[automation.PARTITION_RANGE_END] == keys[-1]
    for path in settings.raw_dir.iterdir():
        path.unlink()
    assert isinstance(automation.nightly_request(instance, settings), SkipReason)
    assert instance.get_dynamic_partitions("document") == []


def test_asset_checks_are_evaluated_per_document_partition(tmp_path):
    settings = _settings(tmp_path, S0)
    (settings.raw_dir / "newsletter.pdf").write_bytes(pdfbytes.text_pdf(["Spring newsletter", "No tables."]))
    instance = DagsterInstance.ephemeral()
    ids = {name: corpus.document_id(settings.raw_dir / name) for name in (S0, "newsletter.pdf")}
    instance.add_dynamic_partitions("document", list(ids.values()))
    assets = [ingest.extracted_documents, ingest.parsed_documents, *ingest.document_checks]
    outcomes = {}
    for name, key in ids.items():
        result = materialize(assets, partition_key=key, instance=instance,
                             resources={"pipeline": _resource(settings)})
        assert result.success  # a failing check never fails the document's run
        evaluations = result.get_asset_check_evaluations()
        assert {e.check_name for e in evaluations} == {"table_pages_with_line_items", "hierarchy_consistent",
                                                       "totals_present"}
        assert {e.partition for e in evaluations} == {key}
        assert {e.severity.value for e in evaluations} == {"WARN"}
        outcomes[name] = {e.check_name: e.passed for e in evaluations}
    assert outcomes[S0] == dict.fromkeys(outcomes[S0], True)
    assert outcomes["newsletter.pdf"]["table_pages_with_line_items"] is False
    assert outcomes["newsletter.pdf"]["totals_present"] is False


def test_nightly_job_runs_under_the_multiprocess_executor(tmp_path, monkeypatch):
    settings = _settings(tmp_path, S0, S2)
    # steps run in their own processes: they get their settings from the environment, nothing in memory
    monkeypatch.setenv("BUDGET_RAW_DIR", str(settings.raw_dir))
    monkeypatch.setenv("BUDGET_WAREHOUSE", str(settings.warehouse))
    monkeypatch.setenv("BUDGET_WORKERS", "1")
    job = build_reconstructable_job("pipeline.definitions", "job", reconstructable_args=("nightly_job",))
    with instance_for_test() as instance:
        request = automation.nightly_request(instance, settings)
        result = execute_job(job, instance=instance, tags=request.tags)  # the job's own executor config
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        pids = {e.pid for e in result.all_events if e.event_type_value == "STEP_START"}
        assert len(pids) > 1  # every step in its own process
        steps = {e.step_key for e in result.all_events if e.event_type_value == "STEP_SUCCESS"}
        assert {"raw_documents", "extracted_documents", "parsed_documents", "warehouse_models"} <= steps
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    files = {r[0] for r in con.execute("select source_file from dim_document where status like 'loaded%'").fetchall()}
    con.close()
    assert files == {S0, S2}
    assert run_plan.plan(settings).warehouse_current
