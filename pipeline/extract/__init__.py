"""Extract: a raw file → pages + blocks (prose lines and table grids), the one model every source becomes.

Readers: ``text`` (text and markdown extracts), ``pdf`` (digital PDFs, with
``ocr`` for scanned pages). Readers know how documents print things
(``pipeline.vocabulary``) but never how they are parsed (``pipeline.parse``).

:func:`extractor_key` names everything extraction depends on — the readers' code
and the reader settings (PDF engine, OCR languages, resolution, OCR engine) — so
an extract made under other code or settings is never reused.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from ..inventory.files import file_format, sha256_of
from ..model import ExtractedDocument
from ..settings import reader_settings

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
    """Read a raw file into pages and blocks with the reader for its format."""
    fmt = file_format(path)
    sha = sha256 or sha256_of(path)
    if fmt in ("text", "markdown"):
        from .text import read_text

        pages, blocks = read_text(path.read_bytes())
        return ExtractedDocument(path.name, sha, fmt, pages, blocks)
    if fmt == "pdf":
        from .pdf import read_pdf

        pages, blocks, issues = read_pdf(path)
        return ExtractedDocument(path.name, sha, fmt, pages, blocks, issues)
    raise UnsupportedFormat(
        f"'{path.suffix or path.name}' files are not a format the pipeline reads (text, markdown, PDF)")
