"""Rendering helpers of the dashboard, without Streamlit: amounts as text and a PDF page as an image.

- `format_amount`: an exact Decimal as text with thousands separators and two decimals
  (rounded half up, in Decimal arithmetic — never through float);
- `html_table`, `drilldown_href`: small tables whose text is in the page (amounts exact, links to
  the drill-down), escaped;
- `render_page`: one page of a PDF rendered with pypdfium2 (the PDF engine the readers
  already use), with a cell's bounding box drawn on it with Pillow. The box is in PDF
  points from the page's top-left corner (the warehouse's cell_x0, cell_top, cell_x1,
  cell_bottom, as pdfplumber measures), so at a render scale s a point (x, top) is the
  pixel (x·s, top·s).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlencode

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

CENT = Decimal("0.01")
HIGHLIGHT = (220, 20, 60)  # crimson: the cell's box
HIGHLIGHT_FILL = (255, 215, 0, 70)  # translucent yellow inside it


def format_amount(amount: Decimal | int | str | None, places: int = 2) -> str:
    """An exact amount as text: thousands separators, `places` decimals, rounded half up; '' for None.

    >>> format_amount(Decimal("96282213.44"))
    '96,282,213.44'
    >>> format_amount(Decimal("1234.567890"))
    '1,234.57'
    """
    if amount is None:
        return ""
    value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    if value.is_nan():
        return ""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"


def format_rate(rate: Decimal | None) -> str:
    """A rate (execution_rate = final ÷ budget) as a percentage with one decimal; '' for None."""
    if rate is None:
        return ""
    return f"{(Decimal(rate) * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


@dataclass(frozen=True)
class CellBox:
    """A cell's bounding box on its page, in PDF points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float

    def scaled(self, scale: float, margin: float = 2.0) -> tuple[float, float, float, float]:
        """The box in pixels of a page rendered at `scale` (pixels per point), widened by `margin` points."""
        return (
            (self.x0 - margin) * scale,
            (self.top - margin) * scale,
            (self.x1 + margin) * scale,
            (self.bottom + margin) * scale,
        )

    @classmethod
    def from_row(cls, row: dict) -> CellBox | None:
        """The box of a warehouse row with cell_x0, cell_top, cell_x1, cell_bottom (None if any is missing)."""
        values = [row.get(key) for key in ("cell_x0", "cell_top", "cell_x1", "cell_bottom")]
        if any(value is None for value in values):
            return None
        try:
            if any(value != value for value in values):  # NaN from a DataFrame
                return None
        except TypeError:
            return None
        return cls(*(float(value) for value in values))


def page_count(pdf_path: Path | str) -> int:
    """The number of pages of a PDF."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(document)
    finally:
        document.close()


def render_page(
    pdf_path: Path | str, page: int, box: CellBox | None = None, scale: float = 2.0, width: int = 4
) -> Image.Image:
    """Page `page` (1-based) of a PDF as an RGB image at `scale` pixels per point, with `box` drawn on it.

    The box is outlined in crimson (`width` pixels) over a translucent yellow fill, so the
    printed digits stay readable. Raises IndexError for a page the PDF does not have.
    """
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        if not 1 <= page <= len(document):
            raise IndexError(f"{pdf_path} has {len(document)} pages, not a page {page}")
        pdf_page = document[page - 1]
        try:
            image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        finally:
            pdf_page.close()
    finally:
        document.close()
    if box is not None:
        image = draw_box(image, box, scale=scale, width=width)
    return image


def draw_box(image: Image.Image, box: CellBox, scale: float, width: int = 4) -> Image.Image:
    """`image` (a page rendered at `scale`) with `box` outlined in crimson over a translucent yellow fill."""
    rectangle = box.scaled(scale)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle(rectangle, fill=HIGHLIGHT_FILL)
    highlighted = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    ImageDraw.Draw(highlighted).rectangle(rectangle, outline=HIGHLIGHT, width=width)
    return highlighted


def crop_around(image: Image.Image, box: CellBox, scale: float, height_points: float = 260.0) -> Image.Image:
    """A band of the page image around the box: the full width, `height_points` high, centred on the box."""
    _, top, _, bottom = box.scaled(scale)
    half = height_points * scale / 2
    middle = (top + bottom) / 2
    upper = max(0, int(middle - half))
    lower = min(image.height, int(middle + half))
    return image.crop((0, upper, image.width, lower))


# ------------------------------------------------------------------ tables and links as HTML


@dataclass(frozen=True)
class Link:
    """A table cell that links somewhere in the dashboard (e.g. the drill-down of an amount)."""

    text: str
    href: str


def drilldown_href(line_item_key: str | None = None, document_key: str | None = None, page: int | None = None) -> str:
    """The dashboard's drill-down page for an amount (line_item_key) or a document's page, as a relative URL."""
    params = {"line_item_key": line_item_key, "document_key": document_key, "page": page}
    query = urlencode({key: value for key, value in params.items() if value is not None})
    return "./drilldown" + (f"?{query}" if query else "")


def audit_href(document_key: str) -> str:
    """The dashboard's audit page of a document, as a relative URL."""
    return "./audit?" + urlencode({"document_key": document_key})


def _cell_html(value: object) -> str:
    if isinstance(value, Link):
        return f'<a href="{html.escape(value.href, quote=True)}" target="_self">{html.escape(value.text)}</a>'
    if value is None:
        return ""
    try:
        if value != value:  # NaN from a DataFrame
            return ""
    except TypeError:
        pass
    return html.escape(str(value)).replace("\n", "<br>")


def html_table(
    rows: list[dict],
    headers: dict[str, str],
    right: tuple[str, ...] = (),
    highlight: frozenset[int] = frozenset(),
    show_header: bool = True,
) -> str:
    """Rows as an HTML table: `headers` maps each shown key to its header; every text is escaped.

    Values are shown as they are (format amounts first, with format_amount), a line break as a
    line break; a `Link` value becomes a link; the `right` columns are right-aligned (amounts) and the rows whose
    position is in `highlight` are shaded; `show_header=False` leaves the header row out.
    """
    style = (
        "<style>.budget-table{border-collapse:collapse;font-size:0.9rem;margin-bottom:1rem}"
        ".budget-table th,.budget-table td{border:1px solid rgba(128,128,128,.35);padding:.25rem .5rem;"
        "overflow-wrap:anywhere;vertical-align:top}"
        ".budget-table th{background:rgba(128,128,128,.12);text-align:left}"
        ".budget-table td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
        ".budget-table tr.hl td{background:rgba(255,215,0,.35)}</style>"
    )
    head = "".join(f"<th>{html.escape(title)}</th>" for title in headers.values())
    thead = f"<thead><tr>{head}</tr></thead>" if show_header else ""
    body = []
    for position, row in enumerate(rows):
        cells = "".join(
            ('<td class="num">' if key in right else "<td>") + _cell_html(row.get(key)) + "</td>" for key in headers
        )
        body.append(f'<tr class="hl">{cells}</tr>' if position in highlight else f"<tr>{cells}</tr>")
    return f'{style}<table class="budget-table">{thead}<tbody>{"".join(body)}</tbody></table>'
