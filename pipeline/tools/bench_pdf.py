"""PDF extraction benchmark: our extraction stage vs a naive pdfplumber baseline, in one run.

- naive: pdfplumber ``extract_text()`` + ``extract_tables()`` (default settings) on
  every page, one process;
- ours: the pipeline's extraction stage (cheap first pass, table pages only, one
  worker process per document on every core), once per table engine.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .bench import BenchContext, Row, section


@dataclass
class ExtractionRow:
    """One extraction timing: what ran, the pages it read and the seconds it took."""

    name: str
    pages: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        """Pages read per second (inf when no time was measured)."""
        return self.pages / self.seconds if self.seconds else float("inf")


def naive_baseline(pdfs: list[Path]) -> ExtractionRow:
    """pdfplumber's default extract_text() and extract_tables() on every page of `pdfs`, in one process."""
    import pdfplumber

    pages = 0
    started = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return ExtractionRow("naive pdfplumber, 1 process", pages, time.perf_counter() - started)


def extraction_stage(pdfs: list[Path], engine: str, workers: int, copies: int = 1) -> ExtractionRow:
    """The pipeline's extraction stage on a copy of the PDFs, from scratch; with `copies` > 1 each
    PDF is there that many times, each copy a new document (a byte appended), to measure the
    marginal cost of a page apart from the stage's fixed cost."""
    from ..orchestrate import steps as run
    from ..settings import Settings

    previous = os.environ.get("BUDGET_PDF_ENGINE")
    os.environ["BUDGET_PDF_ENGINE"] = engine
    work = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    try:
        raw = work / "raw"
        raw.mkdir()
        for path in pdfs:
            shutil.copy(path, raw / path.name)
            for n in range(1, copies):
                copy = raw / f"{path.stem}__copy{n}{path.suffix}"
                copy.write_bytes(path.read_bytes() + b"\n" * n)
        settings = Settings(raw_dir=raw, warehouse=work / "warehouse.duckdb", workers=workers)
        entries, _ = run.inventory_step(settings)
        started = time.perf_counter()
        report = run.extract_step(settings, entries)
        seconds = time.perf_counter() - started
        return ExtractionRow(f"ours, table engine {engine}, {workers} workers",
                             report.counts.get("pages", 0), seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if previous is None:
            os.environ.pop("BUDGET_PDF_ENGINE", None)
        else:
            os.environ["BUDGET_PDF_ENGINE"] = previous


@section("pdf_extraction")
def pdf_extraction(ctx: BenchContext) -> list[Row]:
    """Pages/second of the naive baseline and of our extraction stage, per table engine, in one run."""
    pdfs = sorted(p for p in ctx.raw_dir.iterdir() if p.suffix.lower() == ".pdf")
    if not pdfs:
        return [Row("pdf_extraction", "no PDFs in the raw folder", 0, "")]
    baseline = naive_baseline(pdfs)
    rows = [Row("pdf_extraction", baseline.name, baseline.pages_per_second, "pages/s",
                f"{baseline.pages} pages in {baseline.seconds:.2f} s")]
    for engine in ("pdfplumber", "pdfium"):
        ours = extraction_stage(pdfs, engine, ctx.workers)
        ratio = ours.pages_per_second / baseline.pages_per_second
        default = " (default)" if engine == "pdfplumber" else " (BUDGET_PDF_ENGINE=pdfium)"
        rows.append(Row("pdf_extraction", ours.name + default, ours.pages_per_second, "pages/s",
                        f"{ours.pages} pages in {ours.seconds:.2f} s"))
        rows.append(Row("pdf_extraction", "  ratio to naive", ratio, "×", "", "≥ 3", ratio >= 3))
    rows += marginal_rows(pdfs, baseline, ctx.workers)
    return rows


def marginal_rows(pdfs: list[Path], baseline: ExtractionRow, workers: int) -> list[Row]:
    """The marginal cost of a page in the default engine — (2× the PDFs − 1×) ÷ the pages added —
    against the naive baseline's seconds per page, measured in this run."""
    once = extraction_stage(pdfs, "pdfplumber", workers)
    twice = extraction_stage(pdfs, "pdfplumber", workers, copies=2)
    added = twice.pages - once.pages
    if added <= 0 or twice.seconds <= once.seconds:
        return [Row("pdf_extraction", "marginal page, default engine", 0, "ms", "not measurable in this run")]
    marginal = (twice.seconds - once.seconds) / added
    naive = baseline.seconds / max(baseline.pages, 1)
    ratio = naive / marginal
    return [
        Row("pdf_extraction", "marginal page, default engine (1× → 2× the PDFs)", marginal * 1000, "ms",
            f"{once.seconds:.2f} s for {once.pages} pages, {twice.seconds:.2f} s for {twice.pages}"),
        Row("pdf_extraction", "  naive page", naive * 1000, "ms", ""),
        Row("pdf_extraction", "  marginal page faster than naive", ratio, "×", "", "≥ 3", ratio >= 3),
    ]
