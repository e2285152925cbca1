"""Run one function per document in forked worker processes, each with a time limit.

A document that hangs (a PDF on which pdfplumber would run for minutes) is killed
at its time limit and reported; the other documents go on. Workers share no
in-process state: each writes its own Parquet files. An exception that escapes the
function is logged with its traceback in the worker; the failure it reports is
plain language, without the exception's text.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)
INTERNAL_ERROR = "the worker stopped on an internal error (see the log)"


def _child(conn, func, item, args) -> None:
    try:
        conn.send(("ok", func(item, *args)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        log.error("worker failed on %r", getattr(item, "source_file", item), exc_info=exc)
        conn.send(("error", INTERNAL_ERROR))
    finally:
        conn.close()


def run_each(
    func: Callable[..., T],
    items: Sequence[Any],
    args: tuple = (),
    workers: int = 1,
    timeout_s: float | None = None,
    on_failure: Callable[[Any, str], T] | None = None,
    on_finished: Callable[[Any], None] | None = None,
) -> list[T]:
    """Results of func(item, *args) in item order; failures and time-outs go to on_failure.

    on_finished(item) is called in this process as each item finishes (done, failed or timed out),
    in the order they finish: a progress report."""
    finished = on_finished or (lambda item: None)
    if workers <= 1 and timeout_s is None:
        results = []
        for item in items:
            results.append(func(item, *args))
            finished(item)
        return results
    # the parent's objects (a whole warehouse build's worth, in a long-lived process) go to
    # a generation the collector leaves alone: a worker's collections would otherwise walk
    # them all and copy every page they sit on (copy-on-write), slowing each document
    gc.freeze()
    try:
        return _run_forked(func, items, args, workers, timeout_s, on_failure, finished)
    finally:
        gc.unfreeze()


def _run_forked(func, items, args, workers, timeout_s, on_failure, finished) -> list:
    ctx = mp.get_context("fork")
    results: dict[int, T] = {}
    pending = list(enumerate(items))
    running: dict[int, tuple[Any, Any, float]] = {}

    def finish(idx: int, status: str, payload: Any) -> None:
        proc, conn, _ = running.pop(idx)
        conn.close()
        proc.join(timeout=5)
        if status == "ok":
            results[idx] = payload
        elif on_failure is not None:
            results[idx] = on_failure(items[idx], payload)
        else:
            raise RuntimeError(payload)
        finished(items[idx])

    while pending or running:
        while pending and len(running) < workers:
            idx, item = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(child, func, item, args), daemon=True)
            proc.start()
            child.close()
            running[idx] = (proc, parent, time.monotonic())
        # wake as soon as any worker has its result (or has died), to hand its core the next document
        ready = set(wait([conn for _, conn, _ in running.values()], timeout=0.05))
        for idx in list(running):
            proc, conn, started = running[idx]
            if conn in ready:
                try:
                    status, payload = conn.recv()
                except EOFError:  # the pipe closed without a result: the worker died
                    proc.join(timeout=5)
                    status, payload = "error", _died(proc)
                finish(idx, status, payload)
            elif not proc.is_alive() and not conn.poll(0):
                finish(idx, "error", _died(proc))
            elif timeout_s is not None and time.monotonic() - started > timeout_s:
                proc.kill()
                finish(idx, "error", f"time limit of {timeout_s:g} s exceeded; the document was skipped")
    return [results[i] for i in range(len(items))]


def _died(proc) -> str:
    return f"the worker process died (exit code {proc.exitcode})"
