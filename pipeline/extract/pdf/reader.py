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

import ctypes
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
    transform = _display_transform(page)
    textpage = page.get_textpage()
    try:
        return _read_text_page(page, textpage, transform, number, first_block, template, plumber_page, fonts)
    finally:
        textpage.close()


def _read_text_page(page, textpage, transform, number: int, first_block: int,
                    template: list[float] | None, plumber_page, fonts: FontMemo | None):
    layer = _TextLayer(textpage, transform)
    n_printed, unmapped = len(layer.printed), layer.unmapped
    issues: list[ParseIssue] = []
    images, n_paths = _page_graphics(page, transform)

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
    page_w, page_h = _page_size(page)
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
                tables = ruled_tables(_page_edges(page, transform), layer.chars())
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


def _display_transform(page):
    """A function mapping a box in PDF user space (y up, page rotation not applied) to the
    page as displayed: (x0, top, x1, bottom), top-down."""
    left, bottom, right, top = page.get_cropbox()
    rotation = page.get_rotation() % 360

    if rotation == 90:
        def point(x, y):
            return y - bottom, x - left
    elif rotation == 180:
        def point(x, y):
            return right - x, y - bottom
    elif rotation == 270:
        def point(x, y):
            return top - y, right - x
    else:
        def upright(x0, y0, x1, y1):
            return x0 - left, top - y1, x1 - left, top - y0
        upright.point = lambda x, y: (x - left, top - y)
        return upright

    def rotated(x0, y0, x1, y1):
        ax, ay = point(x0, y0)
        bx, by = point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)
    rotated.point = point
    return rotated


class _TextLayer:
    """PDFium's text of one page: its readable characters at once, their boxes on demand.

    A page that pdfplumber reads never needs PDFium's character boxes, which cost more
    than the rest of PDFium's first pass; they are measured only when asked for.
    """

    def __init__(self, textpage, transform) -> None:
        self._textpage, self._transform = textpage, transform
        n = textpage.count_chars()
        raw = textpage.raw
        text = textpage.get_text_range(0, n) if n else ""
        aligned = len(text) == n  # one UTF-16 unit per character (no characters beyond the BMP)
        get_unicode = pdfium_c.FPDFText_GetUnicode
        is_generated = pdfium_c.FPDFText_IsGenerated
        map_error = pdfium_c.FPDFText_HasUnicodeMapError
        self.printed: list[tuple[int, str, bool]] = []  # (index, character, a space before it)
        self.unmapped = 0  # characters whose font has no Unicode mapping (an unreadable text layer)
        hint_text: list[str] = []
        space = False
        for i in range(n):
            ch = text[i] if aligned else chr(get_unicode(raw, i) or 0xFFFD)
            if ch.isspace():
                # a printed space separates words; a generated one is PDFium's guess, except line breaks
                space = space or ch in "\r\n" or is_generated(raw, i) != 1
                if ch == "\n":
                    hint_text.append(ch)
                continue
            code = ord(ch)
            if code < 32 or code in (0xFFFD, 0xFFFE, 0xFFFF) or 0xE000 <= code <= 0xF8FF or map_error(raw, i) == 1:
                self.unmapped += 1  # no Unicode for the glyph, or a private-use code: not readable text
                continue
            self.printed.append((i, ch, space))
            hint_text.append(ch)
            space = False
        self.text = "".join(hint_text)  # the readable characters, a newline where PDFium breaks a line
        self._chars: list[Char] | None = None

    def chars(self) -> list[Char]:
        """The readable characters with their (loose, font-height) boxes, as displayed."""
        if self._chars is None:
            raw = self._textpage.raw
            rect = pdfium_c.FS_RECTF()
            rect_ref = ctypes.byref(rect)
            loose_box = pdfium_c.FPDFText_GetLooseCharBox
            transform = self._transform
            chars: list[Char] = []
            carried = False  # the space before a character without a box goes to the next one
            for i, ch, space in self.printed:
                if loose_box(raw, i, rect_ref):
                    x0, top, x1, bottom = transform(rect.left, rect.bottom, rect.right, rect.top)
                    if x1 - x0 > 0 and bottom - top > 0:
                        chars.append(Char(ch, x0, top, x1, bottom, space or carried))
                        carried = False
                        continue
                carried = carried or space
            self._chars = chars
        return self._chars


def _page_size(page) -> tuple[float, float]:
    left, bottom, right, top = page.get_cropbox()
    w, h = right - left, top - bottom
    return (h, w) if page.get_rotation() % 180 == 90 else (w, h)


def _page_graphics(page, transform) -> tuple[list[tuple[float, float, float, float]], int]:
    """Boxes of the page's images (as displayed) and the number of its path objects."""
    images: list[tuple[float, float, float, float]] = []
    paths = 0
    get_type = pdfium_c.FPDFPageObj_GetType
    l_, b_, r_, t_ = (ctypes.c_float() for _ in range(4))
    refs = tuple(ctypes.byref(v) for v in (l_, b_, r_, t_))

    def visit(count, get, parent, depth: int) -> None:
        nonlocal paths
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = get_type(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                paths += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                if pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
                    if depth == 0:
                        images.append(transform(l_.value, b_.value, r_.value, t_.value))
                    else:  # inside a form: its bounds are in the form's space; count it as a scan
                        images.append((0.0, 0.0, *_page_size(page)))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                visit(pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj, depth + 1)

    visit(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, 0)
    return images, paths


def _page_edges(page, transform) -> list[Edge]:
    """Horizontal and vertical segments of visible paths (strokes and filled shapes)."""
    raw_page = page.raw
    edges: list[Edge] = []
    matrix = pdfium_c.FS_MATRIX()
    x = ctypes.c_float()
    y = ctypes.c_float()
    fill_mode = ctypes.c_int()
    stroke = ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    to_page = transform.point
    l_, b_, r_, t_ = (ctypes.c_float() for _ in range(4))

    get_type = pdfium_c.FPDFPageObj_GetType
    get_draw_mode = pdfium_c.FPDFPath_GetDrawMode
    count_segments = pdfium_c.FPDFPath_CountSegments
    get_bounds = pdfium_c.FPDFPageObj_GetBounds
    fill_ref, stroke_ref = ctypes.byref(fill_mode), ctypes.byref(stroke)
    bounds_refs = tuple(ctypes.byref(v) for v in (l_, b_, r_, t_))

    def visit(count, get, parent, outer) -> None:
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = get_type(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
                visit(pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj,
                      _compose(_mat(matrix), outer))
                continue
            if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            get_draw_mode(obj, fill_ref, stroke_ref)
            if not stroke.value and fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE:
                continue  # invisible
            if not stroke.value:
                pdfium_c.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b),
                                                  ctypes.byref(a))
                if a.value == 0 or min(r.value, g.value, b.value) >= 250:
                    continue  # a white (or transparent) fill draws no rule
            n_segments = count_segments(obj)
            if n_segments == 2 and outer == _IDENTITY:
                # one straight segment (how most tables are ruled): its bounds are the segment
                get_bounds(obj, *bounds_refs)
                bx0, btop, bx1, bbottom = transform(l_.value, b_.value, r_.value, t_.value)
                if bx1 - bx0 <= 1.0 or bbottom - btop <= 1.0:  # not a diagonal
                    add_edge(edges, (bx0, (btop + bbottom) / 2), (bx1, (btop + bbottom) / 2))
                    add_edge(edges, ((bx0 + bx1) / 2, btop), ((bx0 + bx1) / 2, bbottom))
                    continue
            pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
            m = _compose(_mat(matrix), outer)
            points: list[tuple[float, float]] = []
            start: tuple[float, float] | None = None
            for s in range(n_segments):
                seg = pdfium_c.FPDFPath_GetPathSegment(obj, s)
                pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
                px, py = _apply(m, x.value, y.value)
                pt = to_page(px, py)
                kind_s = pdfium_c.FPDFPathSegment_GetType(seg)
                if kind_s == pdfium_c.FPDF_SEGMENT_MOVETO:
                    start = pt
                    points = [pt]
                elif kind_s == pdfium_c.FPDF_SEGMENT_LINETO and points:
                    add_edge(edges, points[-1], pt)
                    points.append(pt)
                else:  # a curve breaks the run of straight segments
                    points = [pt]
                if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None and points:
                    add_edge(edges, points[-1], start)
                    points = [start]

    visit(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, raw_page, _IDENTITY)
    return edges


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mat(m) -> tuple[float, float, float, float, float, float]:
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner, outer):
    """inner then outer (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2, a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2,
    )


def _apply(m, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f
