"""Variants of a PDF in the families the reader must handle: unruled and scanned.

Published disclosures come as digital PDFs with ruled tables, as PDFs whose tables
draw no lines at all, and as scans. To measure the reader on the last two without
collecting them, these helpers make them from any digital PDF:

- ``unruled``: every path object (rules, cell borders, boxes) removed, so tables
  are read by text alignment;
- ``scanned``: every page rendered to a grey image (default 200 dpi) and nothing
  else, so every page goes through OCR.

A variant of ``X.pdf`` is named ``X__unruled.pdf`` / ``X__scan.pdf``, which the gold
scorer (``../shared/eval/score.py``) scores against the gold of ``X``::

    python -m pipeline variants unruled --out /tmp/unruled/raw raw/*.pdf
    python -m pipeline run --raw-dir /tmp/unruled/raw --warehouse /tmp/unruled/warehouse.duckdb
    python ../shared/eval/score.py --warehouse /tmp/unruled/warehouse.duckdb --gold ../shared/gold
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

KINDS = ("unruled", "scan")


def remove_rules(page) -> None:
    """Remove every path object (rules, borders, boxes) from a PDFium page; the caller
    regenerates its content (``page.gen_content()``)."""
    for obj in list(page.get_objects(max_depth=1)):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            page.remove_obj(obj)


def unruled(source: Path, target: Path) -> None:
    """`source` with every path object removed from every page."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            remove_rules(page)
            page.gen_content()
            page.close()
        pdf.save(str(target))
    finally:
        pdf.close()


def scanned(source: Path, target: Path, dpi: int = 200, transform=None) -> None:
    """`source` as an image-only PDF: each page a grey image at `dpi`, no text layer.

    `transform` (a PIL image → image function), when given, is applied to each page
    image before it is saved: the layout families' scans rotate it and add noise."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        images = []
        for index in range(len(pdf)):
            page = pdf[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            images.append(transform(image) if transform else image)
            page.close()
    finally:
        pdf.close()
    images[0].save(str(target), save_all=True, append_images=images[1:], resolution=dpi)


def make_variants(kind: str, sources: list[Path], out_dir: Path) -> list[Path]:
    """Write the `kind` variant of each source PDF into `out_dir`; the paths written."""
    if kind not in KINDS:
        raise ValueError(f"variant kind must be one of {', '.join(KINDS)}, not {kind!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        target = out_dir / f"{source.stem}__{kind}.pdf"
        (unruled if kind == "unruled" else scanned)(source, target)
        written.append(target)
    return written
