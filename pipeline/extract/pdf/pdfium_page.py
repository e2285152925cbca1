"""PDFium's view of a page: its text layer, its graphics and its ruling edges.

PDFium (``pypdfium2``, the library pdfplumber itself installs for rendering) does the
cheap first pass over every page: its text decides which pages can hold a table, and
narrative pages are read from it alone, because pdfminer, under pdfplumber, spends
about 90% of a naive ``extract_text`` + ``extract_tables`` run parsing page content.
Its character boxes are measured only for the pages pdfplumber does not read. With the
pdfium engine, or where pdfplumber cannot read a page (an undecodable font encoding, a
rotated page), its characters and its paths' straight segments feed the table finding.
Everything is reported as the page is displayed (rotation applied), top-down.
"""
from __future__ import annotations

import ctypes

from .geometry import Char, Edge, add_edge

try:  # PDFium ships with pdfplumber (its image rendering backend)
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover - pdfplumber depends on it
    pdfium_c = None


def display_transform(page):
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


class TextLayer:
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


def page_size(page) -> tuple[float, float]:
    """Width and height of the page as displayed (rotation applied), in points."""
    left, bottom, right, top = page.get_cropbox()
    w, h = right - left, top - bottom
    return (h, w) if page.get_rotation() % 180 == 90 else (w, h)


def page_graphics(page, transform) -> tuple[list[tuple[float, float, float, float]], int]:
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
                        images.append((0.0, 0.0, *page_size(page)))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                visit(pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj, depth + 1)

    visit(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, 0)
    return images, paths


def page_edges(page, transform) -> list[Edge]:
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
