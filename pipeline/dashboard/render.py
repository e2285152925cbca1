"""Rendering helpers of the dashboard, without Streamlit: amounts as text and a PDF page as an image.

- `format_amount`: an exact Decimal as text with thousands separators and two decimals
  (rounded half up, in Decimal arithmetic — never through float);
- `render_page`: one page of a PDF rendered with pypdfium2 (the PDF engine the readers
  already use), with a cell's bounding box drawn on it with Pillow. The box is in PDF
  points from the page's top-left corner (the warehouse's cell_x0, cell_top, cell_x1,
  cell_bottom, as pdfplumber measures), so at a render scale s a point (x, top) is the
  pixel (x·s, top·s).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

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
