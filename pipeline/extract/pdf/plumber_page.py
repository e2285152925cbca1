"""pdfplumber's view of a table page: its characters and ruling edges.

pdfplumber is the second reading of a table page whose PDFium reading misplaces
characters (:func:`.page._ruled_reading`): its characters and its ruling edges (lines,
rectangle and curve edges) feed the same table finding. The page's pdfminer layout is
read directly, in the coordinates pdfplumber reports. PDFium stands in for a page whose
fonts pdfminer cannot decode (a CID font whose encoding is
an embedded CMap reads as no text in pdfminer; later pages set only in such a font skip
pdfminer) and for rotated pages.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTRect
from pdfminer.pdftypes import PDFObjRef, resolve1

from .geometry import Char, Edge, FontMemo, add_edge


class PlumberDocument:
    """pdfplumber's reading of one PDF, opened only when a page first needs it.

    Most documents never do (their ruled tables are read from PDFium's characters and paths),
    so the file is not parsed by pdfminer at all unless a page asks. ``fonts`` remembers the
    fonts pdfminer could not decode on earlier pages (:class:`.geometry.FontMemo`).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.fonts = FontMemo()
        self._pdf = None
        self._unopenable = False
        self._open_page = None

    def page(self, index: int):
        """pdfplumber's page `index` (0-based), or None when pdfminer cannot open the file."""
        if self._pdf is None and not self._unopenable:
            try:
                self._pdf = pdfplumber.open(str(self.path))
            except Exception:  # noqa: BLE001 - PDFium opened it; pdfminer may still choke on its structure
                self._unopenable = True
        if self._pdf is None or index >= len(self._pdf.pages):
            return None
        self.release_page()
        self._open_page = self._pdf.pages[index]
        return self._open_page

    def release_page(self) -> None:
        """Free the layout of the page last asked for (pdfplumber caches it on the page)."""
        if self._open_page is not None:
            self._open_page.close()
            self._open_page = None

    def close(self) -> None:
        """Close the file, if a page opened it."""
        self.release_page()
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def plumber_objects(plumber_page, n_printed: int, fonts: FontMemo | None = None
                    ) -> tuple[list[Char], list[Edge]] | None:
    """Characters and ruling edges of a table page from pdfplumber.

    Reads the page's layout (``Page.layout``: the characters, rectangles, lines and
    curves pdfplumber's pdfminer interpreter produced) directly, in the coordinates
    ``Page.chars`` and ``Page.edges`` report, without building pdfplumber's
    per-object attribute dictionaries, which cost about a fifth of the page's reading
    time and hold nothing the table finding uses.

    None when pdfplumber cannot stand in for PDFium on this page: no page, a rotated
    page (pdfplumber reports unrotated coordinates), or a text layer pdfminer cannot
    decode (it finds far fewer readable characters than PDFium, now or — `fonts` — on
    an earlier page set in the same fonts).
    """
    if plumber_page is None or (plumber_page.rotation or 0) % 360:
        return None  # no pdfplumber page (the pdfium engine, or pdfminer could not open the file)
    page_fonts = _font_ids(plumber_page) if fonts is not None else frozenset()
    if fonts is not None and fonts.hopeless(page_fonts):
        return None
    try:
        layout = plumber_page.layout
    except Exception:  # noqa: BLE001 - a page pdfminer cannot interpret
        return None
    height = plumber_page.height
    mb_x0, mb_top = plumber_page.mediabox[:2]

    def box(obj) -> tuple[float, float, float, float]:  # as pdfplumber's Page.process_object
        return obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top

    chars: list[Char] = []
    edges: list[Edge] = []
    space = False
    for obj in _layout_objects(layout):
        if isinstance(obj, LTChar):
            text = obj.get_text() or ""
            if not text or text.isspace():
                space = True
                continue
            code = ord(text[0])
            if code < 32 or code in (0xFFFD, 0xFFFE, 0xFFFF) or 0xE000 <= code <= 0xF8FF or text.startswith("(cid:"):
                continue
            x0, top, x1, bottom = box(obj)
            if x1 - x0 <= 0 or bottom - top <= 0:
                continue
            chars.append(Char(text, x0, top, x1, bottom, space))
            space = False
        elif isinstance(obj, LTCurve):  # LTRect and LTLine are curves too
            if not _visible({"stroke": obj.stroke, "fill": obj.fill, "non_stroking_color": obj.non_stroking_color}):
                continue
            if isinstance(obj, LTRect):  # pdfplumber's rect_to_edges: the four sides
                x0, top, x1, bottom = box(obj)
                add_edge(edges, (x0, top), (x1, top))
                add_edge(edges, (x0, bottom), (x1, bottom))
                add_edge(edges, (x0, top), (x0, bottom))
                add_edge(edges, (x1, top), (x1, bottom))
            else:  # pdfplumber's line/curve_to_edges: each straight piece between points
                points = [(x + mb_x0, height - y + mb_top) for x, y in obj.pts]
                for p, q in zip(points, points[1:]):
                    add_edge(edges, p, q)
    decoded = len(chars) >= 0.9 * n_printed
    if fonts is not None:
        fonts.record(page_fonts, decoded)
    return (chars, edges) if decoded else None


def _font_ids(plumber_page) -> frozenset[int]:
    """Object numbers of the fonts the page's resources name (empty when they are not listed)."""
    try:
        named = resolve1(plumber_page.page_obj.resources.get("Font")) or {}
        return frozenset(ref.objid for ref in named.values() if isinstance(ref, PDFObjRef))
    except Exception:  # noqa: BLE001 - a damaged resource dictionary: no memo for this page
        return frozenset()


def _layout_objects(container):
    """The leaf objects of a pdfminer layout, in content order (inside figures too)."""
    for obj in container:
        if isinstance(obj, LTContainer) and not isinstance(obj, LTChar):
            yield from _layout_objects(obj)
        else:
            yield obj


def _visible(obj: dict) -> bool:
    """A stroked path, or a filled one that is not white or transparent, draws a rule."""
    if obj.get("stroke"):
        return True
    if not obj.get("fill"):
        return False
    color = obj.get("non_stroking_color")
    if isinstance(color, (int, float)):
        color = (color,)
    if not color:
        return True
    if len(color) == 1:
        return color[0] < 0.98
    if len(color) == 3:
        return min(color) < 0.98
    if len(color) == 4:  # CMYK: white is no ink
        return max(color) > 0.02
    return True
