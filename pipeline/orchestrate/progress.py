"""Progress of a run's stages over its documents, for whoever listens (the command line's progress bar).

The steps report each document as it finishes (``advance``) and each stage as it
starts (``start``); a listener receives a ``StageProgress``. Nobody listening is the
normal case (Dagster's UI, tests): then reporting costs nothing. Reports come from
the process that hands the documents to the workers, never from a worker.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

STAGE_LABELS = {"extract": "reading documents", "parse": "parsing tables", "warehouse": "building the warehouse"}


@dataclass(frozen=True)
class StageProgress:
    """Where a stage is: documents done of total, and the file just finished (empty at the start)."""

    stage: str  # extract | parse | warehouse
    done: int
    total: int
    source_file: str = ""

    @property
    def label(self) -> str:
        """What the stage does, in words (reading documents, parsing tables, …)."""
        return STAGE_LABELS.get(self.stage, self.stage)


Listener = Callable[[StageProgress], None]
_listeners: list[Listener] = []


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send every progress report to listener while the block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def report(event: StageProgress) -> None:
    """Tell every listener where a stage is."""
    for listener in list(_listeners):
        listener(event)


class StageCounter:
    """Counts one stage's finished documents and reports each (``advance``), having reported the start."""

    def __init__(self, stage: str, total: int):
        self.stage, self.total, self.done = stage, total, 0
        report(StageProgress(stage, 0, total))

    def advance(self, source_file: str = "") -> None:
        """One more document of the stage is finished."""
        self.done += 1
        report(StageProgress(self.stage, self.done, self.total, source_file))
