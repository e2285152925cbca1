"""Digital PDFs → pages + blocks (prose lines and table grids with cell boxes).

Engines. pdfplumber reads every page that could hold a table and draws lines: its
characters and its ruling edges (lines, rectangle and curve edges) feed the table
finding below (when they hold no ruled table, the page is read as one without rules).
PDFium (``pypdfium2``, the library pdfplumber itself installs for rendering) does
the cheap first pass over every page (and reads a table page without rules, whose
columns come from text alignment alone) — its text decides which pages can hold a
table, and narrative pages are read from it alone — because pdfminer, under
pdfplumber, spends about 90% of a naive ``extract_text`` + ``extract_tables`` run
parsing page content. PDFium is also the fallback for a page whose fonts pdfminer
cannot decode (a CID font whose encoding is an embedded CMap reads as no text in
pdfminer; later pages set only in such a font skip pdfminer) and for rotated pages;
such a page is reported as an info issue. Table
finding follows pdfplumber's lattice method — snap and join edges, intersect them
into cells — with a text-alignment fallback in the spirit of its text strategy.

Per page:

1. No characters: a blank page, or (with an image, or with hundreds of paths that
   draw the letters) a page that needs OCR — marked ``needs_ocr`` and reported as a
   ParseIssue. A text page with a large image holding no text (a pasted scan of a
   table) is marked and reported too.
2. Cheap first: only a page whose text could hold a table (decimal amounts, table
   words such as 合计/科目/栏次/指标, a line ending in 表) has its rules read; PDFium's
   text tells, and its character boxes are measured only for pages pdfplumber does
   not read.
3. Ruled tables: connected groups of horizontal and vertical edges give a grid of
   row and column boundaries; neighbouring slots with no rule between them are one
   merged cell, whose text sits in its top-left slot (as a text extract prints it);
   each character goes to the cell holding its centre, lines inside a cell are kept
   as newlines. A ruled box that does not separate the columns of its text (a frame
   around an unruled table) is not used. A grid without amounts, codes or table
   header words (a table of contents) is prose, one line per row.
4. Unruled tables (fallback, per table region): a run of lines with amounts, with
   the header lines right above it, is cut into columns at the x gaps the body
   leaves open (header words split gaps where the body prints nothing); a line of a
   wrapped, vertically centred cell joins the row it belongs to; a table continued
   at the top of the next page keeps the columns of the table it continues.
5. Prose: the remaining lines in reading order, a line split where a wide gap
   separates two pieces ("编制部门：…      单位：元"), a display-size heading
   wrapped over several lines joined, all interleaved with the table blocks by
   vertical position, so a table's title, 部门 and 单位 lines come right before it.

Across pages, a header-only table fragment at the foot of a page is joined to the
table that starts the next page with the same columns (the parser then sees one
header). Page text is the page as a text extract prints it (prose lines, table rows
as tab-separated cells). A file that cannot be opened as a PDF (damaged,
encrypted, not a PDF) raises :class:`UnreadablePdf`, a ValueError.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...model import Block, Page, ParseIssue
from ...settings import ocr_dpi, pdf_engine
from .. import ocr
from .geometry import Char, Edge, FontMemo, Line, Table, add_edge
from .lines import group_lines
from .rules import ruled_tables
from .blocks import blocks_text, page_blocks
from .continuation import join_split_headers
from .pdfium_page import TextLayer, display_transform, page_edges, page_graphics, page_size
from .plumber_page import plumber_objects
from .unruled import aligned_tables

import pdfplumber

try:  # PDFium ships with pdfplumber (its image rendering backend)
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover - pdfplumber depends on it
    pdfium = None
    pdfium_c = None


class UnreadablePdf(ValueError):
    """The file cannot be opened as a PDF (damaged, encrypted, or not a PDF at all).

    The message says why in plain language; ``issue_code`` names the case for the
    ingestion-error record (``encrypted_pdf`` or ``unreadable_pdf``).
    """

    def __init__(self, message: str, issue_code: str = "unreadable_pdf") -> None:
        super().__init__(message)
        self.issue_code = issue_code


# ---------------------------------------------------------------------------
# Tunables (PDF points)

_TABLE_HINT = re.compile(r"(\d\.\d\d(?!\d)|合计|总计|小计|科目|栏次|预算数|决算数|指标|本表无数据|表$)", re.M)
_OUTLINED_TEXT_PATHS = 200  # a page without text but this many paths prints its text as shapes



# ---------------------------------------------------------------------------
# Public entry point

def read_pdf(path: Path, engine: str | None = None) -> tuple[list[Page], list[Block], list[ParseIssue]]:
    """Pages, blocks (prose and table grids, 1-based page numbers) and extraction issues.

    `engine` reads the table pages: pdfplumber (default), or pdfium — the same
    table finding over PDFium's characters and paths, several times faster because
    pdfminer's content parsing is skipped (see `make bench`).
    """
    engine = engine or pdf_engine()
    pdf = _open(Path(path))
    plumber = None
    if engine == "pdfplumber":
        try:
            plumber = pdfplumber.open(str(path))
        except Exception:  # noqa: BLE001 - PDFium opened it; pdfminer may still choke on its structure
            plumber = None
    pages: list[Page] = []
    blocks: list[Block] = []
    issues: list[ParseIssue] = []
    columns: dict[int, list[float]] = {}
    template: list[float] | None = None  # column bounds of the table ending the previous page
    fonts = FontMemo()
    try:
        for index in range(len(pdf)):
            number = index + 1
            page = pdf[index]
            plumber_page = plumber.pages[index] if plumber is not None and index < len(plumber.pages) else None
            try:
                page_record, page_blocks, page_issues, page_columns = _read_page(
                    page, number, len(blocks), template, plumber_page, fonts)
            finally:
                page.close()
                if plumber_page is not None:
                    plumber_page.close()
            pages.append(page_record)
            blocks.extend(page_blocks)
            issues.extend(page_issues)
            columns.update(page_columns)
            last = page_blocks[-1] if page_blocks else None
            template = columns.get(id(last)) if last is not None and last.kind == "table" else None
    finally:
        pdf.close()
        if plumber is not None:
            plumber.close()
    return pages, join_split_headers(blocks, columns), issues


def _open(path: Path):
    if pdfium is None:  # pragma: no cover
        raise UnreadablePdf("the PDF engine (pypdfium2, installed with pdfplumber) is missing")
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise UnreadablePdf(f"the file could not be read: {exc.strerror or exc}") from exc
    if b"%PDF" not in head:
        raise UnreadablePdf("the file is not a PDF (it does not start with the %PDF marker)")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadablePdf("the PDF is encrypted and needs a password to open", "encrypted_pdf") from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadablePdf("the PDF uses an encryption scheme that cannot be opened", "encrypted_pdf") from exc
        if code == pdfium_c.FPDF_ERR_FORMAT:
            raise UnreadablePdf("the PDF is damaged: its structure could not be read") from exc
        raise UnreadablePdf(f"the PDF could not be opened ({exc})") from exc


# ---------------------------------------------------------------------------
# One page

def _read_page(page, number: int, first_block: int, template: list[float] | None = None,
               plumber_page=None, fonts: FontMemo | None = None) -> tuple[
        Page, list[Block], list[ParseIssue], dict[int, list[float]]]:
    """One page → its record, blocks, issues and the column bounds of its table blocks.

    `template`: column bounds of the table that ends the previous page, which an
    unruled table continued at the top of this page (without its header) keeps.
    """
    transform = display_transform(page)
    textpage = page.get_textpage()
    try:
        return _read_text_page(page, textpage, transform, number, first_block, template, plumber_page, fonts)
    finally:
        textpage.close()


def _read_text_page(page, textpage, transform, number: int, first_block: int,
                    template: list[float] | None, plumber_page, fonts: FontMemo | None):
    layer = TextLayer(textpage, transform)
    n_printed, unmapped = len(layer.printed), layer.unmapped
    issues: list[ParseIssue] = []
    images, n_paths = page_graphics(page, transform)

    if not n_printed or unmapped > 0.5 * (n_printed + unmapped):
        if not n_printed and not unmapped and not images and n_paths < _OUTLINED_TEXT_PATHS:
            return Page(number=number, text="", has_text_layer=False), [], [], {}  # a blank page
        if unmapped:
            reason = ("The page's text cannot be decoded: its fonts map characters to no readable "
                      "Unicode text, so the page needs OCR.")
        elif images:
            reason = "The page has no text layer, only an image (a scan); its text and tables need OCR."
        else:
            reason = "The page has no text layer; its text is drawn as shapes, so it needs OCR."
        available, why_not = ocr.ocr_status()
        if available:
            return _read_ocr_page(page, number, first_block, template, reason)
        issues.append(ParseIssue("extract", "needs_ocr", f"{reason} OCR is unavailable: {why_not}.",
                                 severity="warning", page=number))
        return Page(number=number, text="", has_text_layer=bool(unmapped), needs_ocr=True), [], issues, {}

    needs_ocr = False
    page_w, page_h = page_size(page)
    for x0, top, x1, bottom in images:
        share = (x1 - x0) * (bottom - top) / max(page_w * page_h, 1.0)
        inside = sum(1 for c in layer.chars() if x0 <= c.cx <= x1 and top <= c.cy <= bottom)
        if share >= 0.2 and inside < 10:
            needs_ocr = True
            issues.append(ParseIssue(
                "extract", "needs_ocr",
                f"Part of the page ({share:.0%} of it) is an image without text (a scanned table or "
                "figure); the text on the rest of the page was read, the image needs OCR.",
                severity="warning", page=number, detail=f"image box {x0:.0f},{top:.0f},{x1:.0f},{bottom:.0f}",
            ))

    # cheap first: only a page whose text could hold a table has its tables looked for
    # (PDFium's own lines first; the page's visual lines where those do not tell)
    lines: list[Line] | None = None
    hint = _TABLE_HINT.search(layer.text)
    if not hint:
        lines = group_lines(layer.chars())
        hint = _TABLE_HINT.search("\n".join("".join(c.text for c in line.chars) for line in lines))
    tables: list[Table] = []
    if hint:
        # a ruled table draws lines: pdfplumber reads the page's characters and rules (PDFium
        # where pdfplumber cannot read the page); a page that draws none, or whose rules hold
        # no table, is read by text alignment, which PDFium's characters serve as well
        if n_paths:
            plumbed = plumber_objects(plumber_page, n_printed, fonts)
            if plumbed is not None:
                tables = ruled_tables(plumbed[1], plumbed[0])
                if tables:
                    lines = group_lines(plumbed[0])
            else:
                tables = ruled_tables(page_edges(page, transform), layer.chars())
                if tables and plumber_page is not None:
                    issues.append(ParseIssue(
                        "extract", "read_with_pdfium",
                        "pdfplumber could not read this page's text (an undecodable font encoding or a "
                        "rotated page), so its characters and rules were read with PDFium instead.",
                        severity="info", page=number,
                    ))
        if lines is None:
            lines = group_lines(layer.chars())
        tables += aligned_tables(lines, tables, template)

    blocks, columns = page_blocks(lines, tables, number, first_block)
    for table in tables:
        if table.strategy == "text" and any(columns.get(id(b)) is table.columns for b in blocks):
            issues.append(ParseIssue(
                "extract", "table_from_text_alignment",
                "A table on this page has no ruling lines; its columns were inferred from how the "
                "text lines up, so its cells are less certain than those of a ruled table.",
                severity="info", page=number,
            ))
    return Page(number=number, text=blocks_text(blocks), needs_ocr=needs_ocr), blocks, issues, columns


def _read_ocr_page(page, number: int, first_block: int, template, why: str):
    """A page without readable text, read by Tesseract: words and the rules drawn in the image."""
    scale = ocr_dpi() / 72
    image = page.render(scale=scale).to_pil()
    words, rules = ocr.read_image(image, scale)
    chars = [Char(w.text, w.x0, w.top, w.x1, w.bottom, True) for w in words]
    edges: list[Edge] = []
    for rule in rules:
        if rule.orientation == "h":
            add_edge(edges, (rule.start, rule.pos), (rule.end, rule.pos))
        else:
            add_edge(edges, (rule.pos, rule.start), (rule.pos, rule.end))
    issues = [ParseIssue(
        "extract", "ocr", f"{why} It was read with OCR (Tesseract); its amounts are marked OCR-derived "
        "and checked by the same sums as printed text.", severity="info", page=number,
        detail=f"{len(words)} words, mean confidence "
               f"{(sum(w.confidence for w in words) / len(words)) if words else 0:.0f}")]
    if not chars:
        issues.append(ParseIssue("extract", "needs_ocr", f"{why} OCR found no text on it.",
                                 severity="warning", page=number))
        return Page(number=number, text="", has_text_layer=False, needs_ocr=True), [], issues, {}
    lines = group_lines(chars)
    tables = ruled_tables(edges, chars)
    tables += aligned_tables(lines, tables, template)
    blocks, columns = page_blocks(lines, tables, number, first_block)
    for block in blocks:
        block.is_ocr = True
    return Page(number=number, text=blocks_text(blocks), has_text_layer=False, is_ocr=True), blocks, issues, columns
