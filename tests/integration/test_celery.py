"""Distributed document runs: celery_document_job on two real Celery worker processes over a real Redis.

A small corpus (the smallest PDF and the two smallest texts of raw/) goes through the sensor
(BUDGET_DOCUMENT_EXECUTOR=celery → celery_document_job runs, one per document), every run's steps
are executed by the workers (never by the run's own process), the warehouse is then built from their
Parquet files, and its facts must equal those of the in-process `python -m pipeline run` over
the same files. Needs redis-server (`make redis-deps`); skips only when it is absent.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from dagster import DagsterInstance, DagsterRunStatus, RunsFilter, build_sensor_context

from pipeline.defs import automation, ingest
from pipeline.defs.resources import PipelineSettings
from pipeline.settings import Settings
from tests.conftest import RAW, ROOT

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (`make redis-deps`)")
WORKERS = ("w1", "w2")
FACT_TABLES = ("line_items_flat", "fct_line_items")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout_s: float, what: str, proc_logs=()):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    logs = "\n".join(f"--- {p}\n{Path(p).read_text(errors='replace')[-3000:]}" for p in proc_logs if Path(p).exists())
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}\n{logs}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def redis_url(tmp_path):
    import redis

    port = _free_port()
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)

    def answers() -> bool:
        try:
            return bool(client.ping())
        except redis.exceptions.ConnectionError:
            assert proc.poll() is None, f"redis-server exited with {proc.returncode}"
            return False

    try:
        _wait(answers, 20, "redis-server to answer PING")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        _stop(proc)


def _corpus(raw: Path) -> list[Path]:
    """The smallest PDF and the two smallest texts of raw/ (a PDF and plain-text documents, quick to read)."""
    pdfs = sorted(RAW.glob("*.pdf"), key=lambda p: (p.stat().st_size, p.name))[:1]
    texts = sorted(RAW.glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))[:2]
    raw.mkdir(parents=True)
    out = []
    for src in pdfs + texts:
        out.append(raw / src.name)
        shutil.copyfile(src, out[-1])
    return out


@pytest.fixture
def celery_env(tmp_path, redis_url):
    """DAGSTER_HOME with a sqlite storage shared by this process and the workers, and two running workers."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(
        f"storage:\n  sqlite:\n    base_dir: {tmp_path / 'storage'}\ntelemetry:\n  enabled: false\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
           "DAGSTER_HOME": str(home), "BUDGET_CELERY_BROKER": redis_url, "BUDGET_CELERY_BACKEND": redis_url}
    procs: dict[str, subprocess.Popen] = {}
    logs = {}
    try:
        for name in WORKERS:
            logs[name] = tmp_path / f"{name}.log"
            with logs[name].open("wb") as log:
                procs[name] = subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "pipeline.celery_worker", "worker", "--pool", "solo",
                     "-n", f"{name}@%h", "--loglevel", "INFO", "--without-gossip", "--without-mingle"],
                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

        def all_ready() -> bool:
            for name, proc in procs.items():
                assert proc.poll() is None, f"worker {name} exited:\n{logs[name].read_text(errors='replace')[-3000:]}"
            return all(" ready." in logs[n].read_text(errors="replace") for n in WORKERS)

        _wait(all_ready, 90, "both Celery workers to be ready", logs.values())
        yield {"env": env, "home": home, "pids": {name: proc.pid for name, proc in procs.items()}, "logs": logs}
    finally:
        for proc in procs.values():
            _stop(proc)


def _facts(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in FACT_TABLES}
    finally:
        con.close()


def test_document_runs_on_two_celery_workers_build_the_same_warehouse_as_in_process(tmp_path, celery_env,
                                                                                    monkeypatch):
    files = _corpus(tmp_path / "raw")
    settings = Settings(raw_dir=tmp_path / "raw", warehouse=tmp_path / "out" / "warehouse.duckdb",
                        extract_dir=tmp_path / "out" / "extract", workers=1)
    resource = PipelineSettings(raw_dir=str(settings.raw_dir), warehouse=str(settings.warehouse),
                                extract_dir=str(settings.extract_dir), workers=1)
    for key, value in celery_env["env"].items():
        if key.startswith(("BUDGET_", "DAGSTER_HOME")):
            monkeypatch.setenv(key, value)
    monkeypatch.setenv("BUDGET_DOCUMENT_EXECUTOR", "celery")

    config = tmp_path / "run_config.json"  # JSON is YAML: the run's resource config, stored with the run
    config.write_text(json.dumps({"resources": {"pipeline": {"config": {
        "raw_dir": str(settings.raw_dir), "warehouse": str(settings.warehouse),
        "extract_dir": str(settings.extract_dir), "workers": 1}}}}), encoding="utf-8")
    with DagsterInstance.get() as instance:
        assert not instance.is_ephemeral
        # the sensor, switched to Celery, asks for one celery_document_job run per document
        context = build_sensor_context(instance=instance, resources={"pipeline": resource})
        result = automation.raw_folder_sensor(context)
        for request in result.dynamic_partitions_requests:
            instance.add_dynamic_partitions(ingest.DOCUMENTS.name, list(request.partition_keys))
        requests = result.run_requests
        assert len(requests) == len(files) and {r.job_name for r in requests} == {"celery_document_job"}

        # the runs at once, each in its own process as the run launcher would start them (Dagster's run
        # set-up reconfigures Python logging, so runs must not share a process): each coordinates its
        # steps, which go to the workers through Redis
        started = time.monotonic()
        launched: list[tuple[Path, subprocess.Popen]] = []
        try:
            for i, request in enumerate(requests):
                tags = {**request.tags, "dagster/partition": request.partition_key}
                log = tmp_path / f"run{i}.log"
                with log.open("wb") as out:
                    launched.append((log, subprocess.Popen(
                        [sys.executable, "-m", "dagster", "job", "execute", "-m", "pipeline.definitions",
                         "-j", request.job_name, "-c", str(config), "--tags", json.dumps(tags)],
                        cwd=ROOT, env=celery_env["env"], stdout=out, stderr=subprocess.STDOUT)))
            for _, proc in launched:
                proc.wait(timeout=max(1.0, 240 - (time.monotonic() - started)))
        finally:
            for _, proc in launched:
                _stop(proc)
        for log, proc in launched:
            assert proc.returncode == 0, log.read_text(errors="replace")[-5000:]
        celery_seconds = time.monotonic() - started
        runs = instance.get_runs(RunsFilter(job_name="celery_document_job"))
        assert sorted(r.tags["dagster/partition"] for r in runs) == sorted(r.partition_key for r in requests)
        assert {r.status for r in runs} == {DagsterRunStatus.SUCCESS}
        coordinators = {proc.pid for _, proc in launched}

        # every step ran in a worker process: the worker's name (the executor's engine event) and its pid
        hosts, pids, step_keys = {}, {}, set()
        for run in runs:
            run_id = run.run_id
            for record in instance.all_logs(run_id):
                event = record.dagster_event
                if event is None or not event.step_key:
                    continue
                if event.event_type_value == "STEP_START":
                    pids[(run_id, event.step_key)] = event.pid
                elif event.event_type_value == "ENGINE_EVENT" and event.engine_event_data:
                    worker = event.engine_event_data.metadata.get("Celery worker")
                    if worker is not None:
                        hosts[(run_id, event.step_key)] = worker.value
                if event.event_type_value == "STEP_SUCCESS":
                    step_keys.add(event.step_key)
    assert {"extracted_documents", "parsed_documents"} <= step_keys
    assert set(hosts) == set(pids) and len(pids) >= 2 * len(requests)  # each run's steps, none skipped
    worker_pids = set(celery_env["pids"].values())
    assert set(pids.values()) == worker_pids, (pids, celery_env["pids"])  # both workers, and only them
    assert not (set(pids.values()) & (coordinators | {os.getpid()}))  # not where the runs were coordinated
    assert {h.split("@")[0] for h in hosts.values()} == set(WORKERS)
    for key, host in hosts.items():  # the name the step's worker reported is that of the process that ran it
        assert celery_env["pids"][host.split("@")[0]] == pids[key]

    # the warehouse from the workers' Parquet files: nothing left to read, only the dbt build
    from pipeline.defs.runner import run_in_process

    outcome = run_in_process(settings)
    assert outcome.success, outcome.failures
    assert outcome.plan.pending == [] and outcome.warehouse == "built"

    # the same files through the in-process command line
    reference = tmp_path / "reference"
    _corpus(reference / "raw")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGET_")}
    env["PYTHONPATH"] = str(ROOT)
    cli = subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw-dir", str(reference / "raw"),
                          "--warehouse", str(reference / "warehouse.duckdb"),
                          "--extract-dir", str(reference / "extract")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stdout + cli.stderr

    distributed, in_process = _facts(settings.warehouse), _facts(reference / "warehouse.duckdb")
    for table in FACT_TABLES:
        assert in_process[table], f"{table} is empty: the comparison would prove nothing"
        assert distributed[table] == in_process[table], table
    per_worker = {w: sorted(k[1] for k, h in hosts.items() if h.startswith(f"{w}@")) for w in WORKERS}
    print(f"celery document runs: {celery_seconds:.1f} s; steps per worker: {per_worker}")
