"""`python -m pipeline bench` / `make bench`: timings, as sections of rows.

A section is a function registered with :func:`section`; it gets a
:class:`BenchContext` (the raw folder, a scratch folder, the worker count) and
returns :class:`Row` objects. Sections run in registration order and print as
one table; add a section (e.g. PDF extraction pages/second) by writing one
function in this module or in a module ``pipeline/tools/bench_<name>.py`` (imported
automatically):

    @section("pdf_extraction")
    def pdf_extraction(ctx: BenchContext) -> list[Row]:
        ...
        return [Row("pdf_extraction", "pages per second", 12.3, "pages/s")]

Section ``incremental`` (the nightly run's incremental path), all in one process,
each run being the in-process ``python -m pipeline run`` path on a copy of raw/:

1. full run on raw/ (empty outputs, no warehouse);
2. rerun with nothing changed — target ≤ 10 % of the full run;
3. rerun after adding one document (one taken out before and put back, so it is
   read again) — target ≤ 2 × the cost of processing that document alone;
4. that document alone: a full run on a folder holding only it.

Process start-up and imports (paid once per `python -m pipeline run`, not per
run in a Dagster deployment) are measured separately and not in the targets; the
nothing-changed rerun is also timed as a new `python -m pipeline run` process.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..settings import PROJECT_ROOT, Settings


@dataclass
class Row:
    """One benchmark measurement: section, metric, value and unit, with a note and a target (ok: met or not)."""

    section: str
    metric: str
    value: float
    unit: str
    note: str = ""
    target: str = ""  # e.g. "≤ 0.10"
    ok: bool | None = None  # None: no target


@dataclass
class BenchContext:
    """What a section runs with: the raw folder, a scratch folder of its own and the worker count."""

    raw_dir: Path
    work_dir: Path
    workers: int


SECTIONS: dict[str, Callable[[BenchContext], list[Row]]] = {}
ON_REQUEST: set[str] = set()  # sections run only when named (--only): too long for every `make bench`


def section(name: str, by_default: bool = True):
    """Register a bench section (a function BenchContext → list[Row]); by_default=False: only with --only."""
    def register(fn: Callable[[BenchContext], list[Row]]):
        SECTIONS[name] = fn
        if not by_default:
            ON_REQUEST.add(name)
        return fn
    return register


def _timed_run(raw: Path, warehouse: Path, workers: int):
    from ..defs.runner import run_in_process

    settings = Settings(raw_dir=raw, warehouse=warehouse, workers=workers)
    log = warehouse.parent.parent / "runs.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as fh, contextlib.redirect_stdout(fh):  # dbt's log lines go to a file, not the table
        started = time.perf_counter()
        outcome = run_in_process(settings, log_level="ERROR")
        seconds = time.perf_counter() - started
    if not outcome.success:
        raise RuntimeError("bench run failed:\n" + "\n".join(outcome.failures))
    return seconds, outcome


def _pick_document(raw_dir: Path) -> Path:
    """The document added back in step 3: the largest PDF (else the largest file) — the costliest to add."""
    files = [p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith(".")]
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    return max(pdfs or files, key=lambda p: p.stat().st_size)


@section("incremental")
def incremental_runs(ctx: BenchContext) -> list[Row]:
    """Full run, rerun with nothing changed, rerun after adding one document, that document alone."""
    raw = ctx.work_dir / "raw"
    shutil.copytree(ctx.raw_dir, raw)
    warehouse = ctx.work_dir / "out" / "warehouse.duckdb"
    added = _pick_document(raw)
    name = "incremental"

    # import cost, once (a Dagster deployment pays it once per code-location load)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pipeline.runner, pipeline.defs.ingest, pipeline.defs.warehouse"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    startup = time.perf_counter() - started
    import pipeline.defs.warehouse  # noqa: F401 - warm this process too, so no run below pays imports

    full, out_full = _timed_run(raw, warehouse, ctx.workers)
    nochange, out_nochange = _timed_run(raw, warehouse, ctx.workers)
    # the same rerun as a new `python -m pipeline run` process, start-up and imports included
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse),
                    "--workers", str(ctx.workers)], cwd=PROJECT_ROOT, check=True, capture_output=True)
    nochange_cli = time.perf_counter() - started
    parked = ctx.work_dir / added.name
    shutil.move(added, parked)
    _timed_run(raw, warehouse, ctx.workers)  # the document leaves (not timed)
    shutil.move(parked, added)
    add_one, out_add = _timed_run(raw, warehouse, ctx.workers)
    alone_raw = ctx.work_dir / "alone" / "raw"
    alone_raw.mkdir(parents=True)
    shutil.copy(added, alone_raw / added.name)
    alone, _ = _timed_run(alone_raw, ctx.work_dir / "alone" / "out" / "warehouse.duckdb", ctx.workers)

    docs = len(out_full.plan.entries)
    return [
        Row(name, "full run", full, "s",
            f"{docs} documents, {out_full.plan.files} files; warehouse {out_full.warehouse}"),
        Row(name, "rerun, nothing changed", nochange, "s",
            f"{len(out_nochange.plan.pending)} documents read; warehouse {out_nochange.warehouse}"),
        Row(name, "  ratio to full run", nochange / full, "×", "", "≤ 0.10", nochange / full <= 0.10),
        Row(name, "same, as a new process", nochange_cli, "s", "`python -m pipeline run`, start-up included"),
        Row(name, "  ratio to full run", nochange_cli / full, "×"),
        Row(name, "rerun after adding one document", add_one, "s",
            f"{added.name}: {len(out_add.plan.pending)} document read; warehouse {out_add.warehouse}"),
        Row(name, "  ratio to full run", add_one / full, "×"),
        Row(name, "that document alone (full run)", alone, "s", added.name),
        Row(name, "  adding it ÷ it alone", add_one / alone, "×", "", "≤ 2", add_one / alone <= 2),
        Row(name, "process start-up + imports", startup, "s", "once per process; not in the in-process runs"),
    ]


def format_rows(rows: list[Row]) -> str:
    """The rows as one table, a heading per section, with each target's verdict."""
    width = max((len(r.metric) for r in rows), default=10)
    lines = []
    current = None
    for r in rows:
        if r.section != current:
            current = r.section
            lines.append(f"[{current}]")
        value = f"{r.value:8.4f}" if r.unit == "F1" else f"{r.value:8.3f}" if r.unit == "×" else f"{r.value:8.2f}"
        verdict = "" if r.ok is None else (f"  target {r.target}: " + ("ok" if r.ok else "NOT MET"))
        note = f"  ({r.note})" if r.note else ""
        lines.append(f"  {r.metric:<{width}} {value} {r.unit:<2}{verdict}{note}")
    return "\n".join(lines)


def load_sections() -> None:
    """Import every ``pipeline/tools/bench_*.py`` module, so that the sections they register are known."""
    import importlib

    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        importlib.import_module(f"{__package__}.{path.stem}")


def main(raw_dir: Path | None = None, workers: int | None = None, only: list[str] | None = None,
         keep: bool = False) -> int:
    """Run the sections (all, or `only`) in a scratch folder and print the table; 1 when a target is missed."""
    load_sections()
    settings = Settings(**({"raw_dir": raw_dir} if raw_dir else {}))
    workers = workers or settings.workers
    names = only or [n for n in SECTIONS if n not in ON_REQUEST]
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        print(f"unknown section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    base = Path(tempfile.mkdtemp(prefix="budget-bench-"))
    rows: list[Row] = []
    try:
        print(f"bench on {settings.raw_dir} ({workers} workers, {os.cpu_count()} cores); scratch {base}", flush=True)
        for name in names:
            ctx = BenchContext(settings.raw_dir, base / name, workers)
            ctx.work_dir.mkdir(parents=True)
            rows += SECTIONS[name](ctx)
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    print(format_rows(rows))
    return 0 if all(r.ok is not False for r in rows) else 1
