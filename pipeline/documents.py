"""One raw file → extracted document → parsed tables and line items (no Dagster here)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .model import DocumentMetadata, ExtractedDocument, ParseIssue
from .parsing.line_items import ParseResult, parse_document
from .parsing.metadata import detect_metadata

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
PDF_SUFFIXES = {".pdf": "pdf"}


class UnsupportedFormat(ValueError):
    pass


def file_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return TEXT_SUFFIXES.get(suffix) or PDF_SUFFIXES.get(suffix)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def import_readers(formats: set[str | None]) -> None:
    """Import the readers of these formats in this process, before workers fork from it.

    The PDF reader pulls in pdfplumber, pdfminer and PDFium's bindings (about 0.2 s);
    imported once here, every forked worker shares them instead of importing them again
    for each document.
    """
    if "pdf" in formats:
        from .readers import pdf  # noqa: F401


def extract(path: Path, sha256: str | None = None) -> ExtractedDocument:
    """Read a raw file into pages and blocks with the reader for its format."""
    fmt = file_format(path)
    sha = sha256 or sha256_of(path)
    if fmt in ("text", "markdown"):
        from .readers.text import read_text

        pages, blocks = read_text(path.read_bytes())
        return ExtractedDocument(path.name, sha, fmt, pages, blocks)
    if fmt == "pdf":
        from .readers.pdf import read_pdf

        pages, blocks, issues = read_pdf(path)
        return ExtractedDocument(path.name, sha, fmt, pages, blocks, issues)
    raise UnsupportedFormat(f"'{path.suffix or path.name}' files are not a format the pipeline reads (text, markdown, PDF)")


@dataclass
class ParsedDocument:
    extracted: ExtractedDocument
    metadata: DocumentMetadata
    result: ParseResult

    @property
    def issues(self) -> list[ParseIssue]:
        return self.extracted.issues + self.result.issues


def parse(doc: ExtractedDocument) -> ParsedDocument:
    metadata = detect_metadata(doc.full_text())
    result = parse_document(doc.blocks, metadata.unit)
    if metadata.unit is None:
        units = [t.unit for t in result.tables if t.unit]
        metadata.unit = max(set(units), key=units.count) if units else None
    for field, value in (("report_type", metadata.report_type), ("fiscal_year", metadata.fiscal_year),
                         ("department", metadata.department), ("unit", metadata.unit)):
        if value is None:
            result.issues.append(ParseIssue(
                "parse", f"{field}_not_found",
                f"The document's {field.replace('_', ' ')} could not be read from its text.",
                severity="warning",
            ))
    if not result.tables:
        result.issues.append(ParseIssue(
            "parse", "no_tables_found",
            "No table was found in the document; it may not be a budget disclosure, or its tables "
            "are images that need OCR.",
            severity="error",
        ))
    return ParsedDocument(doc, metadata, result)
