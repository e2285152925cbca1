"""Ruling lines → ruled tables, pdfplumber's lattice method.

Edges closer than 2.5 points are snapped into one ruling line and collinear pieces
joined; connected groups of horizontal and vertical edges give a grid of row and column
boundaries, one grid per table. Neighbouring slots with no rule between them are one
merged cell, whose text sits in its top-left slot (as a text extract prints it); each
character goes to the cell holding its centre, lines inside a cell are kept as
newlines. A ruled box that does not separate the columns of its text (a frame around
an unruled table) is not used.
"""
from __future__ import annotations

import bisect

from ...model import Cell
from .geometry import Char, Edge, Line, Table
from .lines import chars_text, group_lines, one_band, split_pieces

_SNAP = 2.5  # edges this close are the same ruling line
_JOIN = 3.0  # collinear edge pieces this close are one line
_TOUCH = 2.0  # an h and a v edge this close intersect
_TOUCHING = 0.3  # characters this close belong to one run of text


def _merge_edges(edges: list[Edge]) -> list[Edge]:
    """Snap edges at nearly the same position together and join collinear pieces."""
    out: list[Edge] = []
    for orientation in ("h", "v"):
        group = sorted((e for e in edges if e.orientation == orientation), key=lambda e: e.pos)
        clusters: list[list[Edge]] = []
        for e in group:
            if clusters and e.pos - clusters[-1][-1].pos <= _SNAP:
                clusters[-1].append(e)
            else:
                clusters.append([e])
        for cluster in clusters:
            pos = sum(e.pos for e in cluster) / len(cluster)
            pieces = sorted(cluster, key=lambda e: e.start)
            cur_start, cur_end = pieces[0].start, pieces[0].end
            for e in pieces[1:]:
                if e.start <= cur_end + _JOIN:
                    cur_end = max(cur_end, e.end)
                else:
                    out.append(Edge(orientation, pos, cur_start, cur_end))
                    cur_start, cur_end = e.start, e.end
            out.append(Edge(orientation, pos, cur_start, cur_end))
    return out


def _components(edges: list[Edge]) -> list[list[Edge]]:
    """Groups of edges connected by intersections (one group per ruled table)."""
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, e in enumerate(edges) if e.orientation == "h"]
    vs = [i for i, e in enumerate(edges) if e.orientation == "v"]
    for i in hs:
        h = edges[i]
        for j in vs:
            v = edges[j]
            if (h.start - _TOUCH <= v.pos <= h.end + _TOUCH) and (v.start - _TOUCH <= h.pos <= v.end + _TOUCH):
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Edge]] = {}
    for i in range(len(edges)):
        groups.setdefault(find(i), []).append(edges[i])
    return list(groups.values())


def _cluster_positions(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _covers(edges: list[Edge], pos: float, a: float, b: float) -> bool:
    """An edge at `pos` runs along most of [a, b]."""
    covered = 0.0
    for e in edges:
        if abs(e.pos - pos) <= _SNAP:
            lo = e.start if e.start > a else a
            hi = e.end if e.end < b else b
            if hi > lo:
                covered += hi - lo
    return covered >= 0.6 * (b - a)


def ruled_tables(edges: list[Edge], chars: list[Char]) -> list[Table]:
    """The tables the page's ruling edges draw, with the characters inside them."""
    if len(edges) < 4:
        return []
    merged = _merge_edges(edges)
    tables: list[Table] = []
    for comp in _components(merged):
        hs = [e for e in comp if e.orientation == "h"]
        vs = [e for e in comp if e.orientation == "v"]
        if len(hs) < 2 or len(vs) < 2:
            continue
        table = grid_table(hs, vs, chars)
        if table is not None:
            tables.append(table)
    return tables


def grid_table(hs: list[Edge], vs: list[Edge], chars: list[Char]) -> Table | None:
    """One connected group of rules → a table of cells (None: no grid, no text, or a frame round an unruled table)."""
    ys = _cluster_positions([e.pos for e in hs], _SNAP)
    xs = _cluster_positions([e.pos for e in vs], _SNAP)
    left, right = min(e.start for e in hs), max(e.end for e in hs)
    top, bottom = min(e.start for e in vs), max(e.end for e in vs)
    xs = [x for x in xs if left - _TOUCH <= x <= right + _TOUCH]
    ys = [y for y in ys if top - _TOUCH <= y <= bottom + _TOUCH]
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows * n_cols < 2:
        return None
    x0, x1, y0, y1 = xs[0], xs[-1], ys[0], ys[-1]

    # which atomic slots are merged with their right / lower neighbour
    vs_at = [[e for e in vs if abs(e.pos - x) <= _SNAP] for x in xs]  # the rules along each boundary
    hs_at = [[e for e in hs if abs(e.pos - y) <= _SNAP] for y in ys]
    merge_right = [[not _covers(vs_at[c + 1], xs[c + 1], ys[r], ys[r + 1]) for c in range(n_cols - 1)]
                   for r in range(n_rows)]
    merge_down = [[not _covers(hs_at[r + 1], ys[r + 1], xs[c], xs[c + 1]) for c in range(n_cols)]
                  for r in range(n_rows - 1)]
    owner = [[(r, c) for c in range(n_cols)] for r in range(n_rows)]
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(p):
        while parent.get(p, p) != p:
            p = parent[p]
        return p

    def union(p, q):
        a, b = find(p), find(q)
        if a != b:
            keep, drop = (a, b) if a <= b else (b, a)
            parent[drop] = keep

    for r in range(n_rows):
        for c in range(n_cols - 1):
            if merge_right[r][c]:
                union((r, c), (r, c + 1))
    for r in range(n_rows - 1):
        for c in range(n_cols):
            if merge_down[r][c]:
                union((r, c), (r + 1, c))
    for r in range(n_rows):
        for c in range(n_cols):
            owner[r][c] = find((r, c))

    # characters → the cell (owner slot) holding their centre; text that runs on over a
    # rule without a break (a long name overflowing into the empty cell beside it, as
    # spreadsheets print it) stays in the cell where it starts
    inside = [ch for ch in chars if x0 <= (ch.x0 + ch.x1) / 2 <= x1 and y0 <= (ch.top + ch.bottom) / 2 <= y1]
    if not inside:
        return None
    cell_chars: dict[tuple[int, int], list[Char]] = {}
    cell_line: dict[tuple[int, int], int] = {}  # the one line a cell's characters lie on, -1 for several
    held: set[int] = set()
    last_col, last_row = n_cols - 1, n_rows - 1
    for i, line in enumerate(group_lines(inside)):
        prev: Char | None = None
        prev_cell: tuple[int, int] | None = None
        for ch in line.chars:
            c = bisect.bisect_right(xs, (ch.x0 + ch.x1) / 2) - 1
            r = bisect.bisect_right(ys, (ch.top + ch.bottom) / 2) - 1
            cell = owner[r if 0 <= r <= last_row else (0 if r < 0 else last_row)][
                c if 0 <= c <= last_col else (0 if c < 0 else last_col)]
            if prev is not None and prev_cell != cell and ch.x0 - prev.x1 <= _TOUCHING \
                    and not ch.space_before:
                cell = prev_cell
            if cell in cell_chars:
                cell_chars[cell].append(ch)
                if cell_line[cell] != i:
                    cell_line[cell] = -1
            else:
                cell_chars[cell] = [ch]
                cell_line[cell] = i
            held.add(id(ch))
            prev, prev_cell = ch, cell

    # extent of each merged cell, for its bbox: its top-left slot comes first, its bottom-right last
    extent: dict[tuple[int, int], list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            o = owner[r][c]
            e = extent.get(o)
            if e is None:
                extent[o] = [r, c, r, c]
            else:
                if c < e[1]:
                    e[1] = c
                e[2] = r
                if c > e[3]:
                    e[3] = c

    texts: dict[tuple[int, int], str] = {}
    for o, cell in cell_chars.items():
        # characters from one line of the table stay one line (in their order on it) unless
        # they sit at heights that the page's line grouping would split
        cell_lines = [Line(cell)] if cell_line[o] >= 0 and one_band(cell) else group_lines(cell)
        if _holds_columns(cell_lines):
            return None  # rules box the table but do not separate its columns: read it by alignment
        texts[o] = "\n".join(chars_text(line.chars) for line in cell_lines)

    rows: list[list[Cell]] = []
    for r in range(n_rows):
        row: list[Cell] = []
        for c in range(n_cols):
            o = owner[r][c]
            r0, c0, r1, c1 = extent[o]
            bbox = (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
            row.append(Cell(texts.get(o, "") if (r, c) == (r0, c0) else "", bbox))
        rows.append(row)
    rows, columns = _drop_empty(rows, xs)
    if not rows:
        return None
    return Table(rows, (x0, y0, x1, y1), held, "lines", columns)


def _holds_columns(lines: list[Line]) -> bool:
    """A 'cell' whose lines are themselves several columns apart: a box around an unruled table."""
    if len(lines) < 3:
        return False
    split = sum(1 for line in lines if len(split_pieces(line.chars, 1.5)) >= 2)
    return split >= 3 and split >= 0.5 * len(lines)


def _drop_empty(rows: list[list[Cell]], xs: list[float]) -> tuple[list[list[Cell]], list[float]]:
    """Rows without any text (spacer rules, slots of merged cells) and empty slivers between
    two nearly coincident rules. An empty column of normal width stays: a table continued on
    the next page must keep the columns of its header."""
    rows = [row for row in rows if any(cell.text for cell in row)]
    if not rows:
        return rows, []
    keep = [c for c in range(len(rows[0]))
            if xs[c + 1] - xs[c] >= 2 * _SNAP or any(row[c].text for row in rows)]
    return [[row[c] for c in keep] for row in rows], [xs[c] for c in keep] + [xs[keep[-1] + 1]]
