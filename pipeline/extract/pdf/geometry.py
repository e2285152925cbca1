"""Geometry records shared by the page readers and the table finders, in PDF points.

Coordinates are the page as displayed, top-down: x0 < x1 left to right, top < bottom
from the top of the page (as pdfplumber reports them), whichever engine measured them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Cell

_MIN_EDGE = 3.0  # shorter edges are ticks or the ends of thin filled rectangles

# an amount printed with decimals (1,234.56, (12.00), -3.5): what a table row holds
DECIMAL_AMOUNT = re.compile(r"^[-−－(]?[\d,]+\s*\.\s*\d+\)?$")


@dataclass(slots=True)
class Char:
    """One printed character (or one OCR word) and its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space_before: bool = False  # the PDF prints a space character right before this one

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        """Height of the box."""
        return self.bottom - self.top


@dataclass
class Line:
    """Characters on one visual line, left to right."""

    chars: list[Char]
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0

    def __post_init__(self) -> None:
        self.chars.sort(key=lambda c: c.x0)
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)
        self.x0 = self.chars[0].x0
        self.x1 = max(c.x1 for c in self.chars)

    @property
    def height(self) -> float:
        """The line's character height: the median of its characters' heights."""
        return median([c.h for c in self.chars]) or (self.bottom - self.top)


@dataclass
class Edge:
    """A horizontal or vertical ruling-line segment."""

    orientation: str  # "h" or "v"
    pos: float  # y for h, x for v
    start: float  # x0 for h, top for v
    end: float


@dataclass
class Table:
    """A table found on a page: its cell grid, box, the characters it holds and its column bounds."""

    rows: list[list[Cell]]
    bbox: tuple[float, float, float, float]
    chars: set[int] = field(default_factory=set)  # ids of the characters it holds
    strategy: str = "lines"
    columns: list[float] = field(default_factory=list)  # x of the column boundaries


@dataclass
class FontMemo:
    """Fonts of one document whose text pdfminer could not decode, and fonts it could.

    A CID font whose encoding is an embedded CMap reads as no text in pdfminer, on every
    page set in it: once a page set in such fonts has come out (nearly) empty, a later
    page set only in those fonts goes straight to PDFium instead of having its content
    interpreted by pdfminer a second time for nothing.
    """
    undecodable: set[int] = field(default_factory=set)
    decoded: set[int] = field(default_factory=set)

    def hopeless(self, fonts: frozenset[int]) -> bool:
        """True when a page set only in these fonts read as no text before and none of them ever decoded."""
        return bool(fonts) and fonts <= self.undecodable and not fonts & self.decoded

    def record(self, fonts: frozenset[int], decoded: bool) -> None:
        """Remember whether a page set in these fonts decoded."""
        (self.decoded if decoded else self.undecodable).update(fonts)


def median(values: list[float]) -> float:
    """The upper median (0.0 for no values)."""
    if not values:
        return 0.0
    s = sorted(values)
    return s[len(s) // 2]


def add_edge(edges: list[Edge], p: tuple[float, float], q: tuple[float, float]) -> None:
    """Add the straight piece p–q to `edges` if it is horizontal or vertical and not a tick."""
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= _MIN_EDGE:
        edges.append(Edge("h", (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= _MIN_EDGE:
        edges.append(Edge("v", (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
