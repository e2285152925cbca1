"""Layout families benchmark: the gold documents rendered in every layout family
(``pipeline/tools/layouts.py``), run through the pipeline in one warehouse and scored
against gold with ``../shared/eval/score.py``: per family, the overall F1 and the worst
file. The scanned family (OCR on every page) renders one document, cover and tables
only, to keep the bench within minutes. Skipped, saying why, when WeasyPrint, its
font or the gold are missing (``make layout-deps``)."""
from __future__ import annotations

from .bench import BenchContext, Row, section


@section("layout_families")
def layout_families(ctx: BenchContext) -> list[Row]:
    """Per family: overall F1 over its files and the worst file's F1 (target ≥ 0.98 each, shown, not enforced)."""
    from . import layouts

    name = "layout_families"
    problem = layouts.weasyprint_available()
    if problem is None and not layouts.SCORER.exists():
        problem = f"no gold scorer at {layouts.SCORER}"
    if problem is None and not layouts.gold_sources(ctx.raw_dir):
        problem = f"no document of {ctx.raw_dir} has gold in {layouts.GOLD_DIR}"
    if problem:
        return [Row(name, "skipped", 0, "", problem)]
    scores = layouts.score_families(list(layouts.FAMILIES), ctx.work_dir, ctx.raw_dir)
    print(layouts.format_scores(scores), flush=True)
    rows = []
    for s in scores:
        worst = s.worst
        below = "" if s.overall >= 0.98 and worst is not None and worst.f1 >= 0.98 else "; below 0.98"
        subset = "; one document, cover + tables, as scans" if s.family == "scanned" else ""
        rows.append(Row(name, f"{s.family}: F1 overall", s.overall, "×",
                        f"{len(s.files)} files{subset}{below}"))
        rows.append(Row(name, f"{s.family}: worst file F1", worst.f1 if worst else 0.0, "×",
                        worst.file if worst else "no file scored"))
    return rows
