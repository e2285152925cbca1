"""run_each: one forked worker per document, results in order, deaths and time-outs reported."""
from __future__ import annotations

import os
import time

from pipeline.orchestrate.workers import run_each


def _square_or_die(n: int) -> int:
    if n == 3:
        os._exit(7)  # a worker killed mid-document (out of memory, a crash in C code)
    if n == 4:
        time.sleep(30)  # a document that hangs
    return n * n


def test_results_in_item_order_with_deaths_and_time_outs_reported():
    failures = {}

    def failed(item, reason):
        failures[item] = reason
        return None

    started = time.monotonic()
    results = run_each(_square_or_die, [5, 3, 2, 4, 1], workers=2, timeout_s=3, on_failure=failed)
    assert results == [25, None, 4, None, 1]
    assert failures[3] == "the worker process died (exit code 7)"
    assert failures[4].startswith("time limit of 3 s exceeded")
    assert time.monotonic() - started < 20  # the hanging worker was killed, not waited for



def _frozen_objects(_item) -> int:
    import gc

    return gc.get_freeze_count()


def test_workers_leave_the_parents_objects_to_the_parent():
    """The parent's objects are frozen out of the workers' garbage collections (a worker
    that walked them would copy every page they sit on); the parent gets them back."""
    import gc

    assert gc.get_freeze_count() == 0
    assert all(n > 1000 for n in run_each(_frozen_objects, [1, 2], workers=2, timeout_s=60))
    assert gc.get_freeze_count() == 0


def test_every_document_is_reported_finished_as_it_finishes_failed_or_not():
    finished = []
    run_each(_square_or_die, [5, 3, 2, 4, 1], workers=2, timeout_s=3,
             on_failure=lambda item, reason: None, on_finished=finished.append)
    assert sorted(finished) == [1, 2, 3, 4, 5]
    assert finished.index(4) > finished.index(1)  # the hanging one is reported when it is killed, after the rest


def test_in_process_runs_report_each_document_too():
    finished = []
    assert run_each(lambda n: n + 1, [1, 2], on_finished=finished.append) == [2, 3]
    assert finished == [1, 2]
