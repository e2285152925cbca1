"""An extracted document → its metadata, tables, line items, narrative statements and what it is (pure; no
files written)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import DocumentMetadata, ExtractedDocument, ParseIssue
from .contents import listed_tables_not_found
from .line_items import ParseResult, parse_document
from .metadata import detect_document_metadata
from .narrative import LocatedStatement, document_statements
from .recognition import Recognition, recognize
from .verification import annotate


@dataclass
class ParsedDocument:
    """One extracted document with its metadata, its tables, line items and issues, and what it is."""

    extracted: ExtractedDocument
    metadata: DocumentMetadata
    result: ParseResult
    recognition: Recognition
    narrative: list[LocatedStatement] = field(default_factory=list)  # the 说明's sentences with figures

    @property
    def issues(self) -> list[ParseIssue]:
        """Every issue of the document: extraction's, then parsing's."""
        return self.extracted.issues + self.result.issues


def parse(doc: ExtractedDocument) -> ParsedDocument:
    """Metadata (its text, else its file name), tables and line items of one extracted document, and
    whether it is a disclosure at all (:mod:`.recognition`).

    The document-level verdict (refused as not a disclosure, a scan OCR could not read,
    a disclosure whose tables gave no amount, one loaded without tables) is the last
    issue. In a document that loaded line items, a table that could not be read is a
    warning, not an error: the document stands, the table is what is missing.
    """
    metadata, metadata_issues = detect_document_metadata(doc)
    result = parse_document(doc.blocks, metadata.unit)
    annotate(doc.blocks, result.tables, result.items)
    result.issues.extend(metadata_issues)
    result.issues.extend(listed_tables_not_found(doc.blocks, result.tables))
    if metadata.unit is None:
        units = [t.unit for t in result.tables if t.unit]
        metadata.unit = max(set(units), key=units.count) if units else None
    recognition = recognize(doc, result.tables, result.items, metadata.report_type)
    if recognition.is_disclosure:
        for name, value in (("report_type", metadata.report_type), ("fiscal_year", metadata.fiscal_year),
                            ("department", metadata.department), ("unit", metadata.unit)):
            if value is None and (name != "unit" or result.tables):
                result.issues.append(ParseIssue(
                    "parse", f"{name}_not_found",
                    f"The document's {name.replace('_', ' ')} could not be read from its text.",
                    severity="warning",
                ))
    if result.items:
        result.issues = table_problems_as_warnings(result.issues)
    verdict = recognition.verdict()
    if verdict is not None:
        result.issues.append(verdict)
    narrative = document_statements(doc.blocks, metadata.fiscal_year) if recognition.is_disclosure else []
    return ParsedDocument(doc, metadata, result, recognition, narrative)


def table_problems_as_warnings(issues: list[ParseIssue]) -> list[ParseIssue]:
    """The issues of a document that loaded line items, with every error about one of its tables
    (no header, no known measure …) made a warning — the issue's own text is kept."""
    return [replace(i, severity="warning") if i.severity == "error" and i.table_index is not None else i
            for i in issues]
