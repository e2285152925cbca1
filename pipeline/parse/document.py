"""An extracted document → its metadata, tables and line items (pure; no files written)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import DocumentMetadata, ExtractedDocument, ParseIssue
from .line_items import ParseResult, parse_document
from .metadata import detect_document_metadata


@dataclass
class ParsedDocument:
    """One extracted document with its metadata and its tables, line items and issues."""

    extracted: ExtractedDocument
    metadata: DocumentMetadata
    result: ParseResult

    @property
    def issues(self) -> list[ParseIssue]:
        """Every issue of the document: extraction's, then parsing's."""
        return self.extracted.issues + self.result.issues


def parse(doc: ExtractedDocument) -> ParsedDocument:
    """Metadata (its text, else its file name), tables and line items of one extracted document."""
    metadata, metadata_issues = detect_document_metadata(doc)
    result = parse_document(doc.blocks, metadata.unit)
    result.issues.extend(metadata_issues)
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
