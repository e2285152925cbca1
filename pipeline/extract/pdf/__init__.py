"""Digital PDFs → pages + blocks; see :mod:`.reader` for how a page is read."""
from .reader import UnreadablePdf, read_pdf

__all__ = ["UnreadablePdf", "read_pdf"]
