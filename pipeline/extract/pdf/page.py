"""One page → its record, blocks and issues.

1. No characters: a blank page, or (with an image, or with hundreds of paths that
   draw the letters) a page that needs OCR, as does a page whose fonts map its
   characters to no readable text. Such a page is read by OCR (Tesseract or RapidOCR) when it is
   available (its words and the rules drawn in the image go through the same table
   finding), else marked ``needs_ocr`` and reported as a ParseIssue. A text page with
   a large image holding no text (a pasted scan of a table) is marked and reported too.
2. Cheap first: only a page whose text could hold a table (decimal amounts, table
   words such as 合计/科目/栏次/指标, a line ending in 表) has its rules read; PDFium's
   text tells, and its character boxes are measured only for pages pdfplumber does
   not read.
3. Ruled tables (:mod:`.rules`) from PDFium's characters and paths (:mod:`.pdfium_page`)
   first; only where those give no table or print two amounts in one cell (signs that
   PDFium's boxes or rules misplaced characters) are pdfplumber's characters and edges
   read (:mod:`.plumber_page`), and pdfplumber's reading is kept unless PDFium's adds up
   better (a page pdfplumber cannot read keeps PDFium's, reported as an info issue); a
   ruled table whose reading fails
   one of its own sums is read again by text alignment and the reading that adds up
   better is kept (:mod:`.candidates`); then tables without rules (:mod:`.unruled`)
   among the lines no ruled table holds.
4. Blocks in reading order (:mod:`.blocks`).
"""
from __future__ import annotations

import re

from ...model import Block, Page, ParseIssue
from ...settings import ocr_dpi
from .. import ocr
from ..deskew import deskewed
from ..ocr_digits import correct_digits
from .blocks import blocks_text, page_blocks
from .candidates import arithmetic_of, choose_readings, has_fused_amounts
from .geometry import Char, Edge, Line, Table, add_edge
from .lines import group_lines
from .pdfium_page import TextLayer, display_transform, page_edges, page_graphics, page_size
from .plumber_page import PlumberDocument, plumber_objects
from .rules import ruled_tables
from .unruled import aligned_tables

_TABLE_HINT = re.compile(r"(\d\.\d\d(?!\d)|合计|总计|小计|科目|栏次|预算数|决算数|指标|本表无数据|表$)", re.M)
_OUTLINED_TEXT_PATHS = 200  # a page without text but this many paths prints its text as shapes


def read_page(page, number: int, first_block: int, template: list[float] | None = None,
              plumber: PlumberDocument | None = None) -> tuple[
        Page, list[Block], list[ParseIssue], dict[int, list[float]]]:
    """One page → its record, blocks, issues and the column bounds of its table blocks.

    `template`: column bounds of the table that ends the previous page, which an
    unruled table continued at the top of this page (without its header) keeps.
    `plumber`: the document as pdfplumber reads it, asked for this page only where PDFium's
    reading needs a second opinion (None: never, the pdfium engine).
    """
    transform = display_transform(page)
    textpage = page.get_textpage()
    try:
        return _read_text_page(page, textpage, transform, number, first_block, template, plumber)
    finally:
        textpage.close()


def _read_text_page(page, textpage, transform, number: int, first_block: int,
                    template: list[float] | None, plumber: PlumberDocument | None):
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
                                 severity="warning", page=number, detail=why_not))
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
            tables, plumbed_lines = _ruled_reading(page, transform, layer, plumber, number, issues)
            if plumbed_lines is not None:
                lines = plumbed_lines
        if lines is None:
            lines = group_lines(layer.chars())
        tables, rereads = choose_readings(tables, lines, number)
        aligned, more = choose_readings(aligned_tables(lines, tables, template), lines, number)
        tables += aligned
        issues += rereads + more

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


def _ruled_reading(page, transform, layer: TextLayer, plumber: PlumberDocument | None,
                   number: int, issues: list[ParseIssue]) -> tuple[list[Table], list[Line] | None]:
    """The page's ruled tables, cheapest reading first; the lines to read them with when they are
    pdfplumber's (else None: PDFium's lines).

    PDFium's characters and paths are read first (no pdfminer parsing, several times cheaper)
    and kept when they give tables whose every cell reads as one value. pdfplumber reads the
    page's characters and rules only where PDFium's reading shows a sign of misplacing them:
    its paths give no table although the page's text hints at one, or a cell prints two
    amounts side by side (characters that crossed a rule). A sum that fails while every cell
    holds one value is the document's own arithmetic or a table the page cuts; pdfplumber
    reads the same characters into the same cells there (all 96 such pages of raw/ and the
    wild corpus), and the cheaper text-alignment re-reading (:mod:`.candidates`) is
    still tried. pdfplumber's reading is kept unless PDFium's adds up strictly better. A page
    pdfplumber cannot read keeps PDFium's reading (``read_with_pdfium``, info). With
    ``BUDGET_PDF_ENGINE=pdfium`` pdfplumber is never asked.
    """
    cheap = ruled_tables(page_edges(page, transform), layer.chars())
    if plumber is None:
        return cheap, None
    if cheap and not any(has_fused_amounts(table) for table in cheap):
        return cheap, None
    cheap_sums = arithmetic_of(cheap) if cheap else None
    plumbed = plumber_objects(plumber.page(number - 1), len(layer.printed), plumber.fonts)
    if plumbed is None:
        if cheap:
            issues.append(ParseIssue(
                "extract", "read_with_pdfium",
                "pdfplumber could not read this page's text (an undecodable font encoding or a "
                "rotated page), so its characters and rules were read with PDFium instead.",
                severity="info", page=number,
            ))
        return cheap, None
    exact = ruled_tables(plumbed[1], plumbed[0])
    if not exact or (cheap_sums is not None and cheap_sums.improves_on(arithmetic_of(exact))):
        return cheap, None
    return exact, group_lines(plumbed[0])


def _read_ocr_page(page, number: int, first_block: int, template, why: str):
    """A page without readable text, read by OCR: words and the rules drawn in the image."""
    scale = ocr_dpi() / 72
    image, skew = deskewed(page.render(scale=scale).to_pil())
    words, rules = ocr.read_image(image, scale)
    chars = [Char(w.text, w.x0, w.top, w.x1, w.bottom, True) for w in words]
    edges: list[Edge] = []
    for rule in rules:
        if rule.orientation == "h":
            add_edge(edges, (rule.start, rule.pos), (rule.end, rule.pos))
        else:
            add_edge(edges, (rule.pos, rule.start), (rule.pos, rule.end))
    issues = [ParseIssue(
        "extract", "ocr", f"{why} It was read with OCR ({ocr.engine_label()}); its amounts are marked OCR-derived "
        "and checked by the same sums as printed text.", severity="info", page=number,
        detail=f"{len(words)} words, mean confidence "
               f"{(sum(w.confidence for w in words) / len(words)) if words else 0:.0f}")]
    if skew:
        issues.append(ParseIssue("extract", "scan_straightened",
                                 f"The scanned page was askew by {abs(skew):.2f}°; it was straightened before OCR "
                                 "so that its rows stay apart.", severity="info", page=number))
    if not chars:  # read, and nothing found: a blank scan or a picture — the page does not need OCR any more
        issues.append(ParseIssue("extract", "ocr_found_no_text", f"{why} OCR read it and found no text on it.",
                                 severity="warning", page=number))
        return Page(number=number, text="", has_text_layer=False, is_ocr=True), [], issues, {}
    lines = group_lines(chars)
    tables, rereads = choose_readings(ruled_tables(edges, chars), lines, number)
    aligned, more = choose_readings(aligned_tables(lines, tables, template), lines, number)
    tables += aligned
    issues += rereads + more
    blocks, columns = page_blocks(lines, tables, number, first_block)
    for block in blocks:
        block.is_ocr = True
        if block.kind == "table":
            issues += correct_ocr_digits(block)
    return Page(number=number, text=blocks_text(blocks), has_text_layer=False, is_ocr=True), blocks, issues, columns


def correct_ocr_digits(block: Block) -> list[ParseIssue]:
    """Correct, in an OCR'd table block, the digits its own sums show were misread (:mod:`..ocr_digits`);
    an info issue `ocr_digit_corrected` per corrected cell says which, from what to what, and why."""
    _, corrections = correct_digits(block.row_texts())
    issues = []
    for fix in corrections:
        block.rows[fix.row][fix.col].text = fix.corrected
        sums = "; ".join(f"{i.kind} of cell {i.whole} = {i.summed} over {len(i.parts)} cells" for i in fix.fixed)
        issues.append(ParseIssue("extract", "ocr_digit_corrected", fix.reason, severity="info", page=block.page,
                                 detail=f"block {block.index}, cell ({fix.row}, {fix.col}): "
                                        f"{fix.read} → {fix.corrected}; sums that now hold: {sums}"))
    return issues
