"""OCR engine benchmark: Tesseract vs RapidOCR on scanned renditions of the raw PDFs, in one run.

Every PDF of the raw folder is turned into its scanned variant (each page a grey
image at 200 dpi, :func:`pipeline.tools.variants.scanned`), so every page goes
through OCR. For each engine (BUDGET_OCR_ENGINE) the variants are read from
scratch — the extraction stage timed on its own, in seconds per page — then parsed,
loaded and built into a warehouse, which the gold scorer
(``../shared/eval/score.py``) scores per document against ``../shared/gold``.
A variant ``X__scan.pdf`` is scored against the gold of ``X``; a document without
gold is timed but not scored.

Each engine is scored twice on the same OCR: without the digit correction by the
tables' sums (:mod:`pipeline.extract.ocr_digits`) and with it. The first pass keeps
what OCR read of each page image on disk (this process patches the OCR call before
the extraction workers fork from it), so the second pass costs no OCR; only the
first pass is timed. BUDGET_BENCH_OCR_CACHE=DIR keeps those readings in DIR across
bench runs (to measure a change after OCR without OCR'ing again; the seconds per page
of a run that found its readings there are not a timing, and the row says so).

By default only the three smallest PDFs are scanned (OCR takes seconds a page, and
`make bench` runs every section); BUDGET_BENCH_OCR_ALL=1 scans them all.

    python -m pipeline bench --only ocr_engines --raw-dir FOLDER_OF_PDFS --workers 1
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..settings import OCR_ENGINES, PROJECT_ROOT, Settings
from .bench import BenchContext, Row, section

SHARED = PROJECT_ROOT.parent / "shared"
SCAN_DPI = 200
SUBSET = 3  # documents scanned by default (the smallest); BUDGET_BENCH_OCR_ALL=1 scans every PDF
_SCORE_LINE = re.compile(r"^(?P<name>.+?): F1=(?P<f1>[0-9.]+)")
_OVERALL = re.compile(r"^overall F1=(?P<f1>[0-9.]+)")


def parse_scores(output: str) -> tuple[dict[str, float], float | None]:
    """F1 per document and overall from the gold scorer's printout."""
    per_file: dict[str, float] = {}
    overall = None
    for line in output.splitlines():
        if m := _OVERALL.match(line.strip()):
            overall = float(m.group("f1"))
        elif (m := _SCORE_LINE.match(line)) and not line.startswith(" "):
            per_file[m.group("name")] = float(m.group("f1"))
    return per_file, overall


@contextlib.contextmanager
def ocr_setup(engine: str, cache_dir: Path, digit_check: bool) -> Iterator[None]:
    """BUDGET_OCR_ENGINE set to `engine`, OCR results kept in `cache_dir` by page image, and the
    digit correction on or off, for the extractions run inside (restored after)."""
    from ..extract import ocr
    from ..extract.pdf import page

    read_image, correct = ocr.read_image, page.correct_ocr_digits
    cache_dir.mkdir(parents=True, exist_ok=True)

    def cached_read_image(image, scale: float):
        key = hashlib.sha256(image.tobytes() + f"{image.size}{scale}".encode()).hexdigest()
        path = cache_dir / f"{key}.pickle"
        if path.exists():
            return pickle.loads(path.read_bytes())
        result = read_image(image, scale)
        path.write_bytes(pickle.dumps(result))
        return result

    previous = os.environ.get("BUDGET_OCR_ENGINE")
    os.environ["BUDGET_OCR_ENGINE"] = engine
    ocr.read_image = cached_read_image
    if not digit_check:
        page.correct_ocr_digits = lambda block: []
    try:
        yield
    finally:
        ocr.read_image, page.correct_ocr_digits = read_image, correct
        if previous is None:
            os.environ.pop("BUDGET_OCR_ENGINE", None)
        else:
            os.environ["BUDGET_OCR_ENGINE"] = previous


def scored_run(raw: Path, out: Path, workers: int) -> tuple[int, float, dict[str, float], float | None]:
    """(pages, extraction seconds, F1 per document, overall F1) of a run on the PDFs in `raw`, output in `out`."""
    from ..defs.runner import run_in_process
    from ..orchestrate import steps as run

    settings = Settings(raw_dir=raw, warehouse=out / "warehouse.duckdb", workers=workers)
    entries, _ = run.inventory_step(settings)
    started = time.perf_counter()
    report = run.extract_step(settings, entries)
    seconds = time.perf_counter() - started
    with (out.parent / "runs.log").open("a") as fh, contextlib.redirect_stdout(fh):
        outcome = run_in_process(settings, log_level="ERROR")  # the extracts are cached: parse, load, dbt
    if not outcome.success:
        raise RuntimeError(f"bench run in {out} failed:\n" + "\n".join(outcome.failures))
    pages = report.counts.get("pages", 0)
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        return pages, seconds, {}, None
    scored = subprocess.run([sys.executable, str(scorer), "--warehouse", str(settings.warehouse),
                             "--gold", str(SHARED / "gold"), "--show", "0", "--match", "*__scan*"],
                            capture_output=True, text=True)
    per_file, overall = parse_scores(scored.stdout)
    return pages, seconds, per_file, overall


@section("ocr_engines")
def ocr_engines(ctx: BenchContext) -> list[Row]:
    """F1 against gold and seconds per page of each OCR engine on the scanned variants, in one run."""
    from ..extract import ocr
    from .variants import scanned

    pdfs = sorted(p for p in ctx.raw_dir.iterdir() if p.suffix.lower() == ".pdf" and "__" not in p.stem)
    if not os.environ.get("BUDGET_BENCH_OCR_ALL"):  # OCR costs seconds a page: the smallest documents only
        pdfs = sorted(sorted(pdfs, key=lambda p: p.stat().st_size)[:SUBSET])
    if not pdfs:
        return [Row("ocr_engines", "no PDFs in the raw folder", 0, "")]
    raw = ctx.work_dir / "ocr_scans"
    raw.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        scanned(pdf, raw / f"{pdf.stem}__scan.pdf", dpi=SCAN_DPI)
    rows: list[Row] = []
    for engine in OCR_ENGINES:
        os.environ["BUDGET_OCR_ENGINE"] = engine
        available, why_not = ocr.ocr_status()
        os.environ.pop("BUDGET_OCR_ENGINE", None)
        if not available:
            rows.append(Row("ocr_engines", f"{engine}: not available", 0, "", why_not))
            continue
        cache_root = os.environ.get("BUDGET_BENCH_OCR_CACHE", "").strip()
        cache = (Path(cache_root) if cache_root else ctx.work_dir / "ocr_cache") / engine
        reused = cache.is_dir() and any(cache.iterdir())
        scores = {}
        for digit_check in (False, True):
            label = "with digit check" if digit_check else "as read"
            with ocr_setup(engine, cache, digit_check):
                pages, seconds, per_file, overall = scored_run(raw, ctx.work_dir / f"{engine}-{label}", ctx.workers)
            if not digit_check:  # the pass that ran OCR
                note = f"{pages} scanned pages ({SCAN_DPI} dpi) in {seconds:.1f} s, {ctx.workers} workers"
                if reused:
                    note = f"OCR readings reused from {cache}: not a timing; " + note
                rows.append(Row("ocr_engines", f"{engine}: seconds per page", seconds / max(pages, 1), "s/page", note))
            scores[label] = (overall, per_file)
        for label, (overall, per_file) in scores.items():
            if overall is not None:
                rows.append(Row("ocr_engines", f"{engine} {label}: F1 overall", overall, "F1"))
            for name, f1 in sorted(per_file.items()):
                rows.append(Row("ocr_engines", f"{engine} {label}: F1 {name}", f1, "F1"))
    return rows
