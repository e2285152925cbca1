"""Scale benchmark: the whole run (read, parse, build, publish) on 1×, 2×, 8× and 40× the PDFs.

Each copy of a PDF is a new document (a byte appended), so the n× corpus holds n
times the documents and pages. Every run is a fresh ``python -m pipeline run``
process on an empty folder, timed as a whole, with the peak resident memory of its
process tree (the run and its workers and dbt, sampled every 50 ms from /proc).
Then, in the same run of the benchmark:

- the marginal page at n×: (seconds at n× − seconds at 1×) ÷ (pages at n× − pages at 1×),
  against the naive page (pdfplumber's extract_text + extract_tables, one process)
  measured in the same repetition — the fixed cost of a run drops out;
- a one-document warehouse (the median-size PDF alone), a nothing-changed rerun of
  the largest corpus, and adding one document to it.

Repetitions give medians (``BENCH_SCALE_REPEAT``, default 3; ``BENCH_SCALE_COPIES``,
default ``1,2,8,40``). Section ``scale`` of ``python -m pipeline bench --only scale``
(``make bench-scale``): it takes the better part of an hour, so ``make bench`` leaves it out.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..settings import PROJECT_ROOT
from .bench import BenchContext, Row, section
from .bench_pdf import naive_baseline

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class TimedRun:
    """One `python -m pipeline run` process: seconds in all and the peak memory of its process tree."""

    seconds: float
    peak_rss_mib: float


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, now (0 for those that are gone)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
        stack += _children(p)
    return total


def timed_run(raw: Path, warehouse: Path, workers: int) -> TimedRun:
    """A whole `python -m pipeline run` on raw into warehouse, with its peak tree memory; raises if it fails."""
    command = [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse),
               "--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    output = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise RuntimeError(f"bench run failed ({raw}):\n{output[-3000:]}")
    return TimedRun(seconds, peak / 2**20)


def copy_corpus(pdfs: list[Path], raw: Path, copies: int) -> None:
    """Each PDF `copies` times into raw, each copy a new document (n newline bytes appended)."""
    raw.mkdir(parents=True, exist_ok=True)
    for path in pdfs:
        data = path.read_bytes()
        for n in range(copies):
            name = path.name if n == 0 else f"{path.stem}__copy{n}{path.suffix}"
            (raw / name).write_bytes(data + b"\n" * n)


def page_count(pdfs: list[Path]) -> int:
    """Pages of the PDFs (PDFium's count)."""
    import pypdfium2

    total = 0
    for path in pdfs:
        doc = pypdfium2.PdfDocument(str(path))
        total += len(doc)
        doc.close()
    return total


@dataclass
class Repetition:
    """One repetition's measurements."""

    naive_ms: float
    runs: dict[int, TimedRun]
    one_document: TimedRun
    unchanged_rerun: TimedRun
    add_one: TimedRun


def repetition(pdfs: list[Path], scales: list[int], workers: int, work: Path) -> Repetition:
    """Every measurement once: the naive page, a run per scale, one document, a rerun, one added."""
    naive = naive_baseline(pdfs)
    runs = {}
    for n in scales:
        folder = work / f"x{n}"
        copy_corpus(pdfs, folder / "raw", n)
        runs[n] = timed_run(folder / "raw", folder / "out" / "warehouse.duckdb", workers)
    largest = work / f"x{max(scales)}"
    unchanged = timed_run(largest / "raw", largest / "out" / "warehouse.duckdb", workers)
    extra = sorted(pdfs, key=lambda p: p.stat().st_size)[len(pdfs) // 2]
    (largest / "raw" / f"{extra.stem}__added{extra.suffix}").write_bytes(extra.read_bytes() + b"\n" * 1000)
    added = timed_run(largest / "raw", largest / "out" / "warehouse.duckdb", workers)
    copy_corpus([extra], work / "one" / "raw", 1)
    one = timed_run(work / "one" / "raw", work / "one" / "out" / "warehouse.duckdb", workers)
    for folder in work.iterdir():
        shutil.rmtree(folder, ignore_errors=True)
    return Repetition(naive.seconds * 1000 / max(naive.pages, 1), runs, one, unchanged, added)


def scale_rows(reps: list[Repetition], pages: int, scales: list[int]) -> list[Row]:
    """The medians over the repetitions, as bench rows with the issue's targets."""
    def med(values):
        return statistics.median(values)

    rows = [Row("scale", "naive page (pdfplumber text + tables, 1 process)", med([r.naive_ms for r in reps]), "ms",
                f"{pages} pages; median of {len(reps)}")]
    for n in scales:
        rows.append(Row("scale", f"{n}× ({n * pages} pages) whole run", med([r.runs[n].seconds for r in reps]), "s",
                        f"peak RSS {med([r.runs[n].peak_rss_mib for r in reps]):.0f} MiB"))

    def marginal_ms(rep: Repetition, n: int) -> float:
        return (rep.runs[n].seconds - rep.runs[1].seconds) * 1000 / ((n - 1) * pages)

    base = scales[1] if len(scales) > 1 else None
    for n in scales[1:]:
        ratio = med([r.naive_ms / marginal_ms(r, n) for r in reps])
        target = "≥ 4" if n >= 8 else ""
        rows.append(Row("scale", f"marginal page 1× → {n}×", med([marginal_ms(r, n) for r in reps]), "ms",
                        f"{ratio:.2f}× faster than naive", target, (ratio >= 4) if target else None))
    if base and max(scales) > base:
        top = max(scales)
        growth = med([marginal_ms(r, top) / marginal_ms(r, base) for r in reps])
        rows.append(Row("scale", f"marginal page at {top}× ÷ at {base}×", growth, "×", "", "≤ 1.25", growth <= 1.25))
    one = med([r.one_document.seconds for r in reps])
    rows.append(Row("scale", "one-document warehouse", one, "s", ""))
    unchanged = med([r.unchanged_rerun.seconds / r.runs[max(scales)].seconds for r in reps])
    rows.append(Row("scale", f"nothing-changed rerun at {max(scales)}× ÷ its full run", unchanged, "×", "",
                    "≤ 0.10", unchanged <= 0.10))
    add = med([r.add_one.seconds / r.one_document.seconds for r in reps])
    rows.append(Row("scale", f"add one document to the {max(scales)}× warehouse ÷ one-document warehouse", add, "×",
                    f"{med([r.add_one.seconds for r in reps]):.1f} s", "≤ 1.5", add <= 1.5))
    return rows


@section("scale", by_default=False)
def scale(ctx: BenchContext) -> list[Row]:
    """The whole run at 1×, 2×, 8×, 40× the PDFs of the raw folder, medians of repetitions."""
    pdfs = sorted(p for p in ctx.raw_dir.iterdir() if p.suffix.lower() == ".pdf")
    if not pdfs:
        return [Row("scale", "no PDFs in the raw folder", 0, "")]
    scales = [int(n) for n in os.environ.get("BENCH_SCALE_COPIES", "1,2,8,40").split(",")]
    repeat = int(os.environ.get("BENCH_SCALE_REPEAT", "3"))
    work = Path(tempfile.mkdtemp(prefix="bench-scale-", dir=ctx.work_dir))
    reps = [repetition(pdfs, scales, ctx.workers, work) for _ in range(repeat)]
    return scale_rows(reps, page_count(pdfs), scales)
