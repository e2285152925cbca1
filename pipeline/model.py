"""Records shared by every stage: the one table-grid representation of a source.

Text extracts, digital PDFs and OCR'd pages differ only in how a page becomes
blocks (prose lines and table grids). Everything after that works over these
records and never looks at the source format.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass
class Cell:
    """One table cell: its text and, when the source has a layout, its box."""

    text: str
    bbox: BBox | None = None


@dataclass
class Block:
    """A run of prose lines or a table grid, in reading order on one page."""

    kind: str  # "text" or "table"
    page: int | None  # 1-based page, None for sources without pages
    index: int  # position of the block within the document
    lines: list[str] = field(default_factory=list)  # kind == "text"
    rows: list[list[Cell]] = field(default_factory=list)  # kind == "table"
    is_ocr: bool = False
    reading: str | None = None  # table blocks: how the grid was read (lines | text | text_extract)

    def row_texts(self) -> list[list[str]]:
        """The table's cell texts, row by row."""
        return [[c.text for c in row] for row in self.rows]


@dataclass
class Page:
    """One page of a source: its text, whether it has a text layer and whether it was or needs to be OCR'd."""

    number: int | None
    text: str
    has_text_layer: bool = True
    is_ocr: bool = False
    needs_ocr: bool = False


@dataclass
class ExtractedDocument:
    """A raw file read into pages and blocks, with the issues of reading it."""

    source_file: str
    sha256: str
    format: str  # "text", "markdown", "pdf"
    pages: list[Page]
    blocks: list[Block]
    issues: list[ParseIssue] = field(default_factory=list)

    @property
    def document_id(self) -> str:
        """The document's id: the first 16 hex digits of its content's sha256."""
        return self.sha256[:16]

    def full_text(self) -> str:
        """The text of every page, in order."""
        return "\n".join(p.text for p in self.pages)


@dataclass
class ParseIssue:
    """Something the pipeline could not read, in plain language. Never dropped."""

    stage: str  # inventory | extract | parse
    issue_code: str  # e.g. needs_ocr, untitled_table, unparseable_amount
    reason: str
    severity: str = "warning"  # info | warning | error
    page: int | None = None
    table_index: int | None = None
    detail: str | None = None


@dataclass
class DocumentMetadata:
    """What a document is: budget or final account, fiscal year, department, scope and main unit."""

    report_type: str | None  # budget | final
    fiscal_year: int | None
    department: str | None
    scope: str | None  # consolidated (汇总) | own (本级) | None
    unit: str | None  # 万元 | 元 (the unit most tables are printed in)


@dataclass
class ParsedTable:
    """One table of a document (possibly stitched from several blocks): title, type, unit and extent."""

    table_index: int
    title: str | None
    table_type: str
    unit: str | None
    page_first: int | None
    page_last: int | None
    block_indexes: list[int]
    n_rows: int
    n_cols: int
    no_data_note: bool = False
    continued: bool = False  # True when several blocks were stitched together
    reading: str | None = None  # how its grid was read (its blocks' readings, e.g. lines or text)
    identities_tested: int = 0  # the documents' own sums its reading could be tested against …
    identities_held: int = 0  # … and those that hold (pipeline/parse/verification.py)
    heading_year: int | None = None  # the year its title prints ('2026年部门收支总表' → 2026)
    heading_department: str | None = None  # the department its 部门/单位 line names

    @property
    def confidence(self) -> float | None:
        """Share of the tested identities that hold; None when none could be tested."""
        return self.identities_held / self.identities_tested if self.identities_tested else None


@dataclass
class LineItem:
    """One printed amount cell of a table row."""

    table_index: int
    page: int | None
    block_index: int
    row_index: int  # row position within the block
    col_index: int
    row_kind: str  # account | total | total_personnel | total_public_use | unit | item
    row_key: str | None  # normalized account code or TOTAL*; None for non-account rows
    account_code: str | None
    secondary_code: str | None  # e.g. 政府预算支出经济分类 5xx printed beside a 3xx code
    account_name: str | None
    row_label: str  # the row's label text as printed (whitespace removed)
    column_header: str
    measure: str
    amount: Decimal
    amount_text: str
    unit: str | None
    is_ocr: bool = False
    side: str | None = None  # summary tables: income (收入) or expenditure (支出) half
    stage: str | None = None  # budget (预算数) or final (决算数) figures, where the column says
    column_group: int | None = None  # the side-by-side column group of its header the cell is in (0 = leftmost)
    verified: bool = False  # the amount takes part in an identity of its table that holds
