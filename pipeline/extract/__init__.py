"""Extract: a raw file → pages + blocks (prose lines and table grids), the one model every source becomes.

Readers: ``text`` (text and markdown extracts), ``pdf`` (digital PDFs, with
``ocr`` for scanned pages). Readers know how documents print things
(``pipeline.vocabulary``) but never how they are parsed (``pipeline.parse``).

:func:`extractor_key` names everything extraction depends on — the readers' code
and the reader settings (PDF engine, OCR languages, resolution, OCR engine) — so
an extract made under other code or settings is never reused.

Everything a reader returns leaves here as text that can be written anywhere: lone
UTF-16 surrogates (half a character, from a PDF's text layer or a file name whose
bytes are not UTF-8) are replaced, so no Parquet or DuckDB write can fail on them.

A file whose bytes are an HTML page (a crawl saved a web page under a PDF's name) is
not read: it is refused as :class:`HtmlPage`, saying so, rather than reported as a
damaged PDF.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..inventory.files import HTML_SUFFIXES, file_format, sha256_of
from ..model import Block, Cell, ExtractedDocument, Page, ParseIssue
from ..settings import reader_settings
from ..vocabulary.text import readable_file_name, without_lone_surrogates

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# the code extraction runs, relative to the pipeline package
# (and the code that writes the extract to Parquet)
EXTRACTOR_CODE = ("extract", "vocabulary", "model.py", "inventory", "load/rows.py", "load/schemas.py")


class UnsupportedFormat(ValueError):
    """A file whose type the pipeline does not read."""

    issue_code = "unsupported_format"


class EmptyFile(ValueError):
    """A file of 0 bytes."""

    issue_code = "empty_file"


class HtmlPage(ValueError):
    """A web page (HTML), not a disclosure: refused with what it is (issue code ``not_a_disclosure``)."""

    issue_code = "not_a_disclosure"


_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def html_refusal(path: Path) -> HtmlPage:
    """The refusal of a file whose bytes are an HTML page, naming its <title> when it has one."""
    from .text import decode_text

    try:
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
        m = _HTML_TITLE.search(decode_text(head))
    except (OSError, ValueError):
        m = None
    title = " ".join(html.unescape(m.group(1)).split())[:80] if m else ""
    named = "" if path.suffix.lower() in HTML_SUFFIXES else f" saved with a {path.suffix or 'misleading'} name"
    titled = f" (its title: “{without_lone_surrogates(title)}”)" if title else ""
    return HtmlPage(f"Refused: this file looks like an HTML web page{named}{titled}, not a budget or "
                    "final-account disclosure; the pipeline reads PDF, text and markdown files.")


@cache
def code_version(*paths: str) -> str:
    """A hash of the Python files under these paths of the pipeline package (files or folders).

    Read once per process, like the code itself: keys are asked for every document
    of a run, and the code a process runs does not change under it.
    """
    h = hashlib.sha256()
    for sub in paths:
        target = PACKAGE_DIR / sub
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for f in files:
            h.update(f.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def extractor_key(file_format: str | None = "pdf") -> str:
    """The extract cache key of a file format: the readers' code, plus — for PDFs — the reader
    settings (engine, OCR languages and resolution) and the OCR engine, hashed."""
    settings: dict[str, str] = {}
    if file_format == "pdf":
        from .ocr import ocr_engine

        settings = {**reader_settings(), "ocr_engine": ocr_engine()}
    h = hashlib.sha256(code_version(*EXTRACTOR_CODE).encode())
    for name, value in sorted(settings.items()):
        h.update(f"\n{name}={value}".encode())
    return h.hexdigest()[:12]


def import_readers(formats: set[str | None]) -> None:
    """Import the readers of these formats in this process, before workers fork from it.

    The PDF reader pulls in pdfplumber, pdfminer and PDFium's bindings (about 0.2 s);
    imported once here, every forked worker shares them instead of importing them again
    for each document.
    """
    if "pdf" in formats:
        from . import pdf  # noqa: F401


def extract(path: Path, sha256: str | None = None) -> ExtractedDocument:
    """Read a raw file into pages and blocks with the reader for its format (its text made writable).

    Raises :class:`HtmlPage` for a web page, :class:`UnsupportedFormat` for a file type
    the pipeline does not read, and the readers' own plain-language errors.
    """
    fmt = file_format(path)
    sha = sha256 or sha256_of(path)
    name = readable_file_name(path.name)
    if fmt in ("text", "markdown"):
        from .text import read_text

        pages, blocks = read_text(path.read_bytes())
        return writable(ExtractedDocument(name, sha, fmt, pages, blocks))
    if fmt == "pdf":
        from .pdf import read_pdf

        pages, blocks, issues = read_pdf(path)
        return writable(ExtractedDocument(name, sha, fmt, pages, blocks, issues))
    if fmt == "html":
        raise html_refusal(path)
    raise UnsupportedFormat(
        f"'{readable_file_name(path.suffix or path.name)}' files are not a format the pipeline reads "
        "(text, markdown, PDF)")


def writable(doc: ExtractedDocument) -> ExtractedDocument:
    """The document with every text (page text, prose lines, cells, issue reasons) free of lone surrogates."""
    clean = without_lone_surrogates

    def block(b: Block) -> Block:
        return replace(b, lines=[clean(line) for line in b.lines],
                       rows=[[Cell(clean(c.text), c.bbox) for c in row] for row in b.rows])

    def page(p: Page) -> Page:
        return replace(p, text=clean(p.text))

    def issue(i: ParseIssue) -> ParseIssue:
        return replace(i, reason=clean(i.reason), detail=clean(i.detail) if i.detail else i.detail)

    return replace(doc, source_file=clean(doc.source_file), pages=[page(p) for p in doc.pages],
                   blocks=[block(b) for b in doc.blocks], issues=[issue(i) for i in doc.issues])
