"""BUDGET_DOCUMENT_EXECUTOR switches the sensor's document runs to celery_document_job; the broker comes from the env."""
from __future__ import annotations

import pytest
from dagster import DagsterInstance, SensorResult, build_sensor_context

from pipeline.defs import automation, distributed
from pipeline.settings import Settings
from tests import corpus


def _requests(tmp_path, executor: str | None = None) -> list:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    corpus.copy_seed(raw, corpus.SEEDS[0])
    settings = Settings(raw_dir=raw, warehouse=tmp_path / "out" / "warehouse.duckdb")
    context = build_sensor_context(instance=DagsterInstance.ephemeral())
    result = automation.evaluate_raw_folder(context, settings, executor)
    assert isinstance(result, SensorResult)
    return result.run_requests


def test_sensor_requests_document_job_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv(distributed.EXECUTOR_ENV, raising=False)
    requests = _requests(tmp_path)
    assert [r.job_name for r in requests] == ["document_job"]
    assert requests[0].partition_key == corpus.document_id(tmp_path / "raw" / corpus.SEEDS[0])


@pytest.mark.parametrize("value", ["celery", " Celery "])
def test_sensor_requests_celery_document_job_when_switched(tmp_path, monkeypatch, value):
    monkeypatch.setenv(distributed.EXECUTOR_ENV, value)
    requests = _requests(tmp_path)
    assert [r.job_name for r in requests] == ["celery_document_job"]
    assert requests[0].partition_key == corpus.document_id(tmp_path / "raw" / corpus.SEEDS[0])


def test_explicit_executor_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(distributed.EXECUTOR_ENV, "celery")
    assert [r.job_name for r in _requests(tmp_path, "multiprocess")] == ["document_job"]


def test_unknown_executor_is_an_error_not_a_silent_default(tmp_path, monkeypatch):
    monkeypatch.setenv(distributed.EXECUTOR_ENV, "k8s")
    with pytest.raises(ValueError, match="BUDGET_DOCUMENT_EXECUTOR"):
        _requests(tmp_path)
    with pytest.raises(ValueError, match="unknown document executor"):
        automation.document_job_name("threads")


def test_celery_job_is_document_job_on_the_celery_executor():
    from pipeline.definitions import defs

    celery_job, document_job = defs.resolve_job_def("celery_document_job"), defs.resolve_job_def("document_job")
    assert celery_job.executor_def.name == "celery"
    assert celery_job.partitions_def == document_job.partitions_def
    assert set(celery_job.asset_layer.executable_asset_keys) == set(document_job.asset_layer.executable_asset_keys)
    assert set(celery_job.asset_layer.asset_graph.asset_check_keys) == \
        set(document_job.asset_layer.asset_graph.asset_check_keys)


def test_broker_and_backend_come_from_the_environment_when_a_run_starts(monkeypatch):
    monkeypatch.delenv(distributed.BROKER_ENV, raising=False)
    monkeypatch.delenv(distributed.BACKEND_ENV, raising=False)
    assert distributed._celery_config({}) == {"broker": "redis://127.0.0.1:6379/0",
                                              "backend": "redis://127.0.0.1:6379/0"}
    monkeypatch.setenv(distributed.BROKER_ENV, "redis://queue:6379/2")
    assert distributed._celery_config({}) == {"broker": "redis://queue:6379/2", "backend": "redis://queue:6379/2"}
    monkeypatch.setenv(distributed.BACKEND_ENV, "redis://results:6379/3")
    assert distributed._celery_config({})["backend"] == "redis://results:6379/3"
