"""Text and markdown extracts → pages + blocks.

Extraction tools write tables as tab-separated rows (or markdown pipe rows) between
prose lines. Consecutive table rows form one table block; a blank line ends it (a
table continued after a break is stitched later by the parser, not here). A form
feed separates pages when the extract kept them; otherwise pages are unknown.
"""
from __future__ import annotations

import re

from ..model import Block, Cell, Page
from ..vocabulary.rows import is_real_table

_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


class UnreadableText(ValueError):
    """The bytes are not text in any encoding we know."""

    issue_code = "unreadable_text"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK/GB2312), else best guess."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableText("the file is neither UTF-8 nor GB18030 text and no encoding could be guessed")
    return str(best)


def _split_row(line: str) -> list[str] | None:
    """Cells of a table row, or None when the line is prose."""
    stripped = line.strip()
    if "\t" in line:
        return line.rstrip("\r\n").split("\t")
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _MD_SEPARATOR.match(stripped):
            return []
        return [c.strip() for c in stripped.strip("|").split("|")]
    return None


def blocks_from_lines(lines: list[str], page: int | None, start_index: int) -> list[Block]:
    """Blocks of one page's lines: runs of tab or pipe rows that are a real table, prose between them."""
    blocks: list[Block] = []
    prose: list[str] = []
    grid: list[list[str]] = []

    def flush_prose() -> None:
        if prose:
            blocks.append(Block("text", page, start_index + len(blocks), lines=list(prose)))
            prose.clear()

    def flush_grid() -> None:
        if not grid:
            return
        if is_real_table(grid):
            flush_prose()
            rows = [[Cell(text) for text in row] for row in grid]
            blocks.append(Block("table", page, start_index + len(blocks), rows=rows, reading="text_extract"))
        else:
            prose.extend(" ".join(c.strip() for c in row if c.strip()) for row in grid)
        grid.clear()

    for line in lines:
        cells = _split_row(line)
        if cells is None:
            flush_grid()
            if line.strip():
                prose.append(line.strip())
            continue
        if cells:  # markdown separator rows are dropped
            grid.append(cells)
    flush_grid()
    flush_prose()
    return blocks


def read_text(data: bytes) -> tuple[list[Page], list[Block]]:
    """A text or markdown extract → pages (split at form feeds; unnumbered without them) and blocks."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    raw_pages = text.split("\f")
    paged = len(raw_pages) > 1
    pages: list[Page] = []
    blocks: list[Block] = []
    for i, page_text in enumerate(raw_pages, start=1):
        number = i if paged else None
        pages.append(Page(number=number, text=page_text))
        blocks.extend(blocks_from_lines(page_text.split("\n"), number, len(blocks)))
    return pages, blocks
