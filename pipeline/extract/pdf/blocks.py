"""Blocks in reading order: prose lines and table grids, as a page prints them.

The lines no table holds are prose, in reading order: a line is split where a wide gap
separates two pieces ("编制部门：…      单位：元"), and a display-size heading wrapped
over several lines is joined; the prose is interleaved with the table blocks by
vertical position, so a table's title, 部门 and 单位 lines come right before it. A
ruled grid without amounts, codes or table header words (a table of contents, a framed
note) is prose, one line per row. Page text is the page as a text extract prints it
(prose lines, table rows as tab-separated cells).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Block
from ...vocabulary.rows import is_real_table
from .geometry import Line, Table, median
from .lines import chars_text, split_pieces

_HEADING_SIZE = 16.0  # characters this tall are display type (covers, headings), not body text


@dataclass
class _Piece:
    """A run of prose characters on one visual line."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    height: float


def _is_wrapped_heading(a: _Piece, b: _Piece) -> bool:
    """b continues a: one display-size heading wrapped over lines (a cover title)."""
    h = a.height
    return (
        h >= _HEADING_SIZE
        and abs(b.height - h) <= 0.1 * h
        and 0 <= b.top - a.bottom <= 0.8 * h
        and abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= 1.5 * h
        and not a.text.endswith("表")
    )


def page_blocks(lines: list[Line], tables: list[Table], number: int, first_block: int) -> tuple[
        list[Block], dict[int, list[float]]]:
    """Prose and table blocks in reading order; also each table block's column boundaries."""
    real = [t for t in tables if is_real_table([[c.text for c in row] for row in t.rows])]
    held: set[int] = set()
    for t in tables:
        held |= t.chars
    items: list[tuple[float, int, float, object]] = []
    for t in tables:
        if t in real:
            continue
        # a ruled box without amounts, codes or table header words (a table of contents, a
        # framed note): prose, one line per row, as a text extract prints it
        for row in t.rows:
            texts = [" ".join(c.text.split()) for c in row if c.text.strip()]
            boxes = [c.bbox for c in row if c.bbox]
            if texts and boxes:
                top = min(b[1] for b in boxes)
                items.append((top, 0, t.bbox[0], _Piece(" ".join(texts), top, max(b[3] for b in boxes),
                                                      t.bbox[0], t.bbox[2], 0.0)))
    for line in lines:
        free = [c for c in line.chars if id(c) not in held]
        if not free:
            continue
        for piece in split_pieces(free):
            text = chars_text(piece)
            if text:
                items.append((line.top, 0, piece[0].x0, _Piece(
                    text, line.top, line.bottom, piece[0].x0, max(c.x1 for c in piece),
                    median([c.h for c in piece]))))
    for t in real:
        items.append((t.bbox[1], 1, t.bbox[0], t))
    items.sort(key=lambda it: (it[0], it[1], it[2]))

    blocks: list[Block] = []
    columns: dict[int, list[float]] = {}
    prose: list[_Piece] = []

    def flush() -> None:
        if prose:
            blocks.append(Block("text", number, first_block + len(blocks), lines=[p.text for p in prose]))
            prose.clear()

    for _, kind, _, item in items:
        if kind == 0:
            if prose and _is_wrapped_heading(prose[-1], item):  # type: ignore[arg-type]
                last = prose[-1]
                joiner = " " if last.text[-1:].isascii() and item.text[:1].isascii() else ""  # type: ignore[union-attr]
                prose[-1] = _Piece(last.text + joiner + item.text, last.top, item.bottom,  # type: ignore[union-attr]
                                   min(last.x0, item.x0), max(last.x1, item.x1), last.height)  # type: ignore[union-attr]
            else:
                prose.append(item)  # type: ignore[arg-type]
        else:
            flush()
            block = Block("table", number, first_block + len(blocks), rows=item.rows,  # type: ignore[union-attr]
                          reading=item.strategy)  # type: ignore[union-attr]
            columns[id(block)] = item.columns  # type: ignore[union-attr]
            blocks.append(block)
    flush()
    return blocks, columns


def blocks_text(blocks: list[Block]) -> str:
    """The page as a text extract prints it: prose lines, table rows as tab-separated cells."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "text":
            out.extend(block.lines)
        else:
            out.extend("\t".join(" ".join(c.text.split()) for c in row) for row in block.rows)
    return "\n".join(out)
