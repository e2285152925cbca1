"""Digital PDFs → pages + blocks (prose lines and table grids with cell boxes).

Engines. PDFium (``pypdfium2``, the library pdfplumber itself installs for rendering)
reads every page once: its text decides which pages can hold a table, narrative pages
are read from it alone, and a table page's characters and paths give its ruled tables.
pdfplumber (pdfminer's content parsing, which costs about 90% of a naive
``extract_text`` + ``extract_tables`` run) is a second reading, asked only for a table
page whose PDFium reading shows a sign of misplacing characters (no table from its
drawn lines, two amounts in one cell); the document is opened with pdfminer only when
a page asks. PDFium stands in where pdfminer cannot decode a page's fonts (a CID font
whose encoding is an embedded CMap reads as no text in pdfminer; later pages set only
in such a font skip pdfminer) or the page is rotated; such a page is reported as an
info issue. Table finding follows pdfplumber's lattice method — snap and join edges,
intersect them into cells — with a text-alignment fallback in the spirit of its text
strategy.

Per page (:mod:`.page`):

1. No characters: a blank page, or a page that needs OCR — read by Tesseract when
   OCR is available, else marked ``needs_ocr`` and reported as a ParseIssue.
2. Cheap first: only a page whose text could hold a table has its rules read.
3. Ruled tables (:mod:`.rules`): connected groups of horizontal and vertical edges
   give a grid of cells.
4. Unruled tables (:mod:`.unruled`, fallback per table region): a run of lines with
   amounts and its header lines, cut into columns at the x gaps the body leaves open.
5. Prose (:mod:`.blocks`): the remaining lines in reading order, interleaved with the
   table blocks by vertical position.

Across pages (:mod:`.continuation`), a header-only table fragment at the foot of a page
is joined to the table that starts the next page with the same columns (the parser then
sees one header). Page text is the page as a text extract prints it (prose lines, table
rows as tab-separated cells). A file that cannot be opened as a PDF (damaged,
encrypted, not a PDF) raises :class:`UnreadablePdf`, a ValueError.

The records all of these share (characters, lines, edges, tables) are in
:mod:`.geometry`, grouping characters into lines in :mod:`.lines`; what each engine
reads off a page in :mod:`.pdfium_page` and :mod:`.plumber_page`.
"""
from __future__ import annotations

from pathlib import Path

from ...model import Block, Page, ParseIssue
from ...settings import pdf_engine
from .continuation import join_split_headers
from .page import read_page
from .plumber_page import PlumberDocument

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


def read_pdf(path: Path, engine: str | None = None) -> tuple[list[Page], list[Block], list[ParseIssue]]:
    """Pages, blocks (prose and table grids, 1-based page numbers) and extraction issues.

    `engine`: pdfplumber (default) — each table page is read from PDFium's characters and
    paths first, and by pdfplumber only where those tables fail one of their sums
    (:func:`.page.read_page`) — or pdfium, which never asks pdfplumber (no pdfminer content
    parsing at all; see `make bench`).
    """
    engine = engine or pdf_engine()
    pdf = _open(Path(path))
    plumber = PlumberDocument(Path(path)) if engine == "pdfplumber" else None
    pages: list[Page] = []
    blocks: list[Block] = []
    issues: list[ParseIssue] = []
    columns: dict[int, list[float]] = {}
    template: list[float] | None = None  # column bounds of the table ending the previous page
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                page_record, page_blocks, page_issues, page_columns = read_page(
                    page, index + 1, len(blocks), template, plumber)
            finally:
                page.close()
                if plumber is not None:
                    plumber.release_page()
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
