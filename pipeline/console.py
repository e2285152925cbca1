"""The command line's quiet run: a progress bar on the terminal, the full detail in a log file.

While a run builds, everything this process and its children (the document workers,
dbt) write to stdout and stderr goes to the run's log file, at the level of the file
descriptors; the terminal gets a progress bar over the documents. The command then
prints a short summary that names the log file. ``-v`` keeps the old behaviour: dbt's
and Dagster's logs on the console.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .orchestrate.progress import StageProgress

LOGS_KEPT = 60  # run logs kept in the log folder (a month of nightly runs and a rerun each night)


def new_log_file(log_dir: Path, now: datetime | None = None, keep: int = LOGS_KEPT) -> Path:
    """The path of a new run log in log_dir (run-<UTC time>.log); older logs beyond `keep` are deleted."""
    now = now or datetime.now(UTC)
    log_dir.mkdir(parents=True, exist_ok=True)
    old = sorted(log_dir.glob("run-*.log"))
    for stale in old[: max(0, len(old) - (keep - 1))]:
        stale.unlink(missing_ok=True)
    path = log_dir / f"run-{now:%Y%m%dT%H%M%S}Z.log"
    n = 1
    while path.exists():  # two runs in one second
        n += 1
        path = log_dir / f"run-{now:%Y%m%dT%H%M%S}Z-{n}.log"
    return path


@contextmanager
def output_to(log_file: Path) -> Iterator[TextIO]:
    """Send stdout and stderr of this process and of the processes it starts to log_file while the
    block runs; yields a stream to the terminal (the stderr the command was started with)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved_out, saved_err = os.dup(1), os.dup(2)
    terminal = os.fdopen(os.dup(saved_err), "w", encoding="utf-8", errors="replace")
    # both in append mode, line-buffered: Python's writes and the children's interleave in order
    with open(log_file, "a", encoding="utf-8", buffering=1) as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            with redirect_stdout(log), redirect_stderr(log):  # also when sys.stdout is not file descriptor 1
                yield terminal
        finally:
            os.dup2(saved_out, 1)
            os.dup2(saved_err, 2)
            os.close(saved_out)
            os.close(saved_err)
            terminal.close()


class ProgressBar:
    """A progress bar per stage (reading documents, parsing tables, building the warehouse) on a terminal.

    Call it with each StageProgress; use it as a context manager around the run. On a stream
    that is not a terminal (a pipe, a file) nothing moves: the bars are printed once, as they
    end."""

    def __init__(self, stream: TextIO):
        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=Console(file=stream), transient=False)
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.stop()

    def __call__(self, event: StageProgress) -> None:
        """Show where a stage is (a stage with nothing to do gets no bar)."""
        if event.total == 0:
            return
        if event.stage not in self._tasks:
            self._tasks[event.stage] = self._progress.add_task(event.label, total=event.total)
        self._progress.update(self._tasks[event.stage], completed=event.done, total=event.total)
