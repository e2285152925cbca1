"""Tables without ruling lines: columns from text alignment.

A fallback per table region, in the spirit of pdfplumber's text strategy: a run of
lines with amounts, with the header lines right above it, is cut into columns at the x
gaps the body leaves open (header words split gaps where the body prints nothing); a
line of a wrapped, vertically centred cell joins the row it belongs to; a table
continued at the top of the next page keeps the columns of the table it continues.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...model import Cell
from ...vocabulary.rows import total_kind
from ...vocabulary.titles import is_title
from ...vocabulary.units import find_unit
from .geometry import DECIMAL_AMOUNT, Char, Line, Table
from .lines import chars_text

_CODE_WORD = re.compile(r"^\d{3}(\d{2}){0,2}$")
_SENTENCE = re.compile(r"[，。；！？]")
_WORDLIKE = re.compile(r"[^\W\d_]")  # letters and CJK characters: what a sentence is made of
_PROSE_LINE = re.compile(r"(^注|^说明|单位\s*[:：]|部门\s*[:：]|编制|预算年度|公开\s*\d+\s*表)")
_HEADER_WORD = re.compile(r"(科目|编码|代码|名称|合计|小计|决算数|预算数|金额|项目|栏次|类|款)")
_COLUMN_GAP = 0.5  # × char height: a gap this wide can separate two columns of an unruled table
# × char height: in a table line (not prose), a gap this wide separates two cells. The characters
# of one word touch (digits of a number, the characters of a CJK label: real documents print no
# gap of 0.1–0.5 character heights inside a number); columns printed with (almost) no padding
# leave 1.5–3 pt between the texts of neighbouring cells, 0.14 of the box height PDFium gives a
# 7.5 pt character. Prose is justified with gaps this wide, so it is never split this finely.
_NARROW_GAP = 0.1


@dataclass
class _Word:
    x0: float
    x1: float
    text: str
    chars: list[Char]


def _words(line: Line, gap: float = _COLUMN_GAP) -> list[_Word]:
    """Words of a line: runs of characters closer than `gap` character heights."""
    height = line.height
    groups: list[list[Char]] = [[line.chars[0]]]
    for prev, ch in zip(line.chars, line.chars[1:]):
        apart = ch.x0 - prev.x1
        if apart > _COLUMN_GAP * height or (apart > gap * height and not _inside_number(prev, ch)):
            groups.append([ch])
        else:
            groups[-1].append(ch)
    return [_Word(g[0].x0, max(c.x1 for c in g), chars_text(g), g) for g in groups]


def _inside_number(prev: Char, ch: Char) -> bool:
    """The two characters are parts of one printed number: a decimal point or thousands separator
    beside a digit (``453. 37``, ``1 ,234.00``), which a small gap does not part."""
    return (prev.text in ".,，" and ch.text.isdigit()) or (prev.text.isdigit() and ch.text in ".,，")


def _line_kind(line: Line, words: list[_Word]) -> str:
    """'row' (amounts of a table row), 'prose' (a sentence, title, 单位/部门/注 line) or 'cells'."""
    texts = [w.text.replace(" ", "") for w in words]
    if any(len(_WORDLIKE.findall(t)) > 24 or _SENTENCE.search(t) for t in texts):
        return "prose"  # a sentence of the narrative, even one quoting amounts (not a run of symbols)
    amounts = sum(1 for t in texts if DECIMAL_AMOUNT.match(t))
    if amounts <= 1 and sum(1 for t in texts if _HEADER_WORD.search(t)) >= 3:
        return "cells"  # header labels (科目编码 科目名称 合计 …) beside one stray number: a header line
    labelled = any(_CODE_WORD.match(t) or total_kind(t) for t in texts)
    if amounts >= 2 or (amounts and labelled):
        return "row"
    joined = "".join(texts)
    if _PROSE_LINE.search(joined) or is_title(joined) or find_unit([joined]):
        return "prose"
    return "cells"


def line_words(line: Line) -> tuple[list[_Word], str]:
    """A line's words and kind ('row', 'prose' or 'cells'). A prose line is told by its words at
    the usual word gap; a table line is cut at every gap of a narrow layout (`_NARROW_GAP`), so
    that cells whose texts nearly touch (``411.91总计``, ``合计 基本支出``) are words of their own.
    Only a text layer's glyphs are cut so finely, not the words OCR reads (boxes of several
    characters, their gaps as Tesseract measures them)."""
    words = _words(line)
    kind = _line_kind(line, words)
    if any(len(c.text) > 1 for c in line.chars):
        return words, kind  # OCR words, whose boxes do not measure the gaps between printed glyphs
    fine = _words(line, _NARROW_GAP)
    if kind == "prose" and not _labels_run_together(words, fine):
        return words, kind
    return fine, _line_kind(line, fine)


def _labels_run_together(coarse: list[_Word], fine: list[_Word]) -> bool:
    """A line read as one long run of text that is header labels printed nearly touching
    (``本年收入合计 财政拨款收入 上级补助收入 …``): the characters of each label touch and
    only the few gaps between labels are open, where justified prose leaves a gap between
    (nearly) every two characters."""
    n_chars = sum(len(w.chars) for w in fine)
    if len(fine) <= len(coarse):
        return False
    return 3 * (len(fine) - 1) <= n_chars - 1 or _is_label_row(fine)


_LONG_LABELS = "科目名称|科目编码|科目代码|功能分类科目|经济分类科目|合计|总计|小计|栏次"
_COLUMN_LABEL = re.compile(rf"^(类|款|项|项目|金额|{_LONG_LABELS})$")
_LONG_COLUMN_LABEL = re.compile(rf"^({_LONG_LABELS})$")


def _is_label_row(fine: list[_Word]) -> bool:
    """A header row of short labels (类 款 科目名称 … 总计 小计 …): no sentence punctuation,
    three or more words that are whole column labels, one of them longer than a character.
    Justified prose parted at every gap prints such words only inside its sentences."""
    texts = [w.text.replace(" ", "") for w in fine]
    if any(_SENTENCE.search(t) or "、" in t for t in texts):
        return False
    labels = [t for t in texts if _COLUMN_LABEL.match(t)]
    return len(labels) >= 3 and any(_LONG_COLUMN_LABEL.match(t) for t in labels)


def _numbers_joined(line: Line, words: list[_Word]) -> list[_Word]:
    """Header words with a column number printed right after its label (``上年结转 12``, within
    the usual word gap) joined to the label: the number is in the label's cell."""
    out: list[_Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and w.text.isdigit() and w.x0 - prev.x1 <= _COLUMN_GAP * line.height:
            out[-1] = _Word(prev.x0, w.x1, f"{prev.text} {w.text}", prev.chars + w.chars)
        else:
            out.append(w)
    return out


def _is_header_line(words: list[_Word]) -> bool:
    return sum(1 for w in words if _HEADER_WORD.search(w.text)) >= 2


def aligned_tables(lines: list[Line], ruled: list[Table], template: list[float] | None = None
                   ) -> list[Table]:
    """Tables printed without ruling lines: runs of lines whose words line up in columns.

    A run is anchored on rows with amounts; the header lines right above it (short
    cells, no title/单位/注 line) and wrapped cell lines inside it belong to it. Column
    boundaries are the x gaps that the words of the body rows leave open; every word,
    header words included, then goes to the column holding its centre.
    """
    held: set[int] = set()
    for t in ruled:
        held |= t.chars
    free: list[Line] = []
    for line in lines:
        rest = [c for c in line.chars if id(c) not in held]
        if rest and not _overlaps_any(line, ruled):
            free.append(line if len(rest) == len(line.chars) else Line(rest))
    if not free:
        return []
    read = [line_words(line) for line in free]
    words = [w for w, _ in read]
    kinds = [k for _, k in read]

    tables: list[Table] = []
    i = 0
    n = len(free)
    floor = 0  # lines above this belong to a table already read
    while i < n:
        if kinds[i] != "row":
            i += 1
            continue
        # body: rows and the wrapped-cell lines between them
        first = last = i
        k = i + 1
        while k < n and kinds[k] != "prose" and free[k].top - free[k - 1].bottom <= 2.0 * free[k].height:
            if kinds[k] == "cells" and _is_header_line(words[k]):
                break  # a header row inside the run starts another table (its layout may differ)
            if kinds[k] == "row":
                if grid_changes(words[last], words[k]):
                    break  # the amounts stand in other columns from here on: another grid
                last = k
            k += 1
        # rows keyed by account codes whose amounts are all blank, right under the last row (the
        # end of a code list such as 30310 个人农业生产补贴 … with nothing spent), still belong to it
        while last + 1 < k and kinds[last + 1] == "cells" and _is_code_row(words[last + 1]):
            last += 1
        # a wrapped cell line right under the last row still belongs to it
        if last + 1 < n and kinds[last + 1] == "cells" and \
                free[last + 1].top - free[last].bottom <= 0.6 * free[last].height:
            last += 1
        # lines of the first row's wrapped cells printed above its centre line
        while first > floor and kinds[first - 1] == "cells" and not _is_header_line(words[first - 1]) and \
                abs(free[first - 1].top + free[first - 1].bottom - free[i].top - free[i].bottom) / 2 \
                <= 0.8 * free[first - 1].height:
            first -= 1
        # header: table-like lines right above the first row
        head = first
        while head > floor and kinds[head - 1] == "cells" and \
                free[head].top - free[head - 1].bottom <= 2.0 * free[head].height:
            head -= 1
        bounds = None
        if template and head == first and not tables and not any(
                t.bbox[1] < free[first].top for t in ruled) and not any(
                kinds[k] == "prose" and len(free[k].chars) > 12 for k in range(first)):
            # the top of the page continues the previous page's table, without its header
            lo = min(w.x0 for ws in words[first:last + 1] for w in ws)
            hi = max(w.x1 for ws in words[first:last + 1] for w in ws)
            if template[0] - 6 <= lo and hi <= template[-1] + 6:
                bounds = template
        header_words = [_numbers_joined(line, ws) for line, ws in zip(free[head:first], words[head:first])]
        table = _columns_from_alignment(free[head:last + 1], words[head:last + 1], first - head, bounds,
                                        header_words)
        if table is not None:
            tables.append(table)
        i = floor = last + 1
    return tables


def _amount_right_edges(words: list[_Word]) -> list[float]:
    return [w.x1 for w in words if DECIMAL_AMOUNT.match(w.text.replace(" ", ""))]


def grid_changes(above: list[_Word], below: list[_Word], tolerance: float = 1.0) -> bool:
    """Two table rows, one under the other, whose amounts stand in different columns: each prints
    three or more amounts and not one of them is right-aligned with an amount of the other. Rows
    of one grid share at least their total column; a new grid (a second table printed right
    under the first, without a title between them) shares none. Glyph boxes of a text layer end
    where the glyphs do, so right-aligned amounts end within a fraction of a point; OCR word
    boxes do not measure so finely, and OCR rows are never told apart this way."""
    if any(len(c.text) > 1 for w in above + below for c in w.chars):
        return False
    top, bottom = _amount_right_edges(above), _amount_right_edges(below)
    if len(top) < 3 or len(bottom) < 3:
        return False
    return not any(abs(a - b) <= tolerance for a in top for b in bottom)


def _overlaps_any(line: Line, tables: list[Table]) -> bool:
    for t in tables:
        x0, y0, x1, y1 = t.bbox
        if line.bottom > y0 + 1 and line.top < y1 - 1 and line.x1 > x0 and line.x0 < x1:
            return True
    return False


def _column_bounds(body: list[_Word], everything: list[_Word], allowed: int) -> list[float]:
    """x boundaries of the columns: the gaps between body words (at most `allowed` words
    may cross one); inside a gap, the gaps between header words where they split it
    further (columns printed empty in every body row)."""
    left = min(w.x0 for w in everything)
    right = max(w.x1 for w in everything)
    points = sorted({w.x0 for w in everything} | {w.x1 for w in everything})
    segments = []  # (a, b, body words crossing, any words crossing)
    for a, b in zip(points, points[1:]):
        mid = (a + b) / 2
        segments.append((a, b, sum(1 for w in body if w.x0 < mid < w.x1),
                         sum(1 for w in everything if w.x0 < mid < w.x1)))
    bounds = [left]
    k = 0
    while k < len(segments):
        if segments[k][2] > allowed:
            k += 1
            continue
        j = k
        while j + 1 < len(segments) and segments[j + 1][2] <= allowed:
            j += 1
        gap = segments[k:j + 1]
        g0, g1 = gap[0][0], gap[-1][1]
        inner: list[float] = []
        start = None
        for a, b, _, crossing in gap + [(g1, g1, 0, 1)]:
            if crossing == 0 and b > a:
                start = a if start is None else start
                end = b
            elif start is not None:
                if start > left and end < right and end - start >= 1.0:
                    inner.append((start + end) / 2)
                start = None
        if inner:
            bounds.extend(inner)
        elif g0 > left and g1 < right and g1 - g0 >= 1.0:
            bounds.append((g0 + g1) / 2)
        k = j + 1
    bounds.append(right)
    return bounds


def _column_at(bounds: list[float], x: float) -> int:
    """Index of the column (between consecutive `bounds`) holding x; the edge columns take
    what lies beyond them."""
    return min(max(bisect.bisect_right(bounds, x) - 1, 0), len(bounds) - 2)


def _label_unlabelled_columns(bounds: list[float], words: list[list[_Word]], n_header: int) -> list[float]:
    """Join a header-only column to the unlabelled column of amounts beside it.

    Amounts are printed right-aligned; a header label printed centred or left-aligned
    over them can sit wholly in the gap between them and the column to their left, so
    the gaps give the label a column of its own and the amounts a column without a
    header. A column holding body words but no header word takes the header-only
    column on its left (a column holding header words but nothing in any body row),
    or else the one on its right if that label starts before the amounts end. (A
    column printed empty in every body row next to a column with its own header
    stays, as the table prints it.)
    """
    if n_header == 0:
        return bounds
    while True:
        n_cols = len(bounds) - 1
        header: list[list[_Word]] = [[] for _ in range(n_cols)]
        body: list[list[_Word]] = [[] for _ in range(n_cols)]
        for i, ws in enumerate(words):
            for w in ws:
                k = _column_at(bounds, (w.x0 + w.x1) / 2)
                (header if i < n_header else body)[k].append(w)

        def header_only(k: int, n_cols: int = n_cols, header=header, body=body) -> bool:
            return 0 <= k < n_cols and bool(header[k]) and not body[k]

        drop = None  # index of the boundary between the two columns
        for j in range(n_cols):
            if header[j] or not body[j]:
                continue
            if header_only(j - 1):
                drop = j
            elif header_only(j + 1) and min(w.x0 for w in header[j + 1]) < max(w.x1 for w in body[j]):
                drop = j + 1
            if drop is not None:
                break
        if drop is None:
            return bounds
        bounds = bounds[:drop] + bounds[drop + 1:]


def _columns_from_alignment(run: list[Line], words: list[list[_Word]], n_header: int,
                            bounds: list[float] | None = None,
                            header_words: list[list[_Word]] | None = None) -> Table | None:
    """The run's lines as a grid. `words`: each line's words (a table line cut at the small gaps
    of a narrow layout); `header_words`: the header lines' words as they may part a gap the body
    leaves open into columns printed empty in every body row (a header label and the column
    number printed right after it, ``上年结转 12``, are one word there: one column)."""
    body = [w for ws in words[n_header:] for w in ws]
    n_body_rows = sum(1 for ws in words[n_header:] if len(ws) > 1)
    if n_body_rows < 2 and n_header == 0 and bounds is None:
        return None
    if bounds is None:
        head = header_words if header_words is not None else words[:n_header]
        everything = [w for ws in head for w in ws] + body
        bounds = _column_bounds(body, everything, allowed=int(0.05 * n_body_rows))
        bounds = _label_unlabelled_columns(bounds, words, n_header)
    if len(bounds) < 4:  # fewer than three columns: not a table layout
        return None
    n_cols = len(bounds) - 1
    held: set[int] = set()
    line_slots: list[list[list[str]]] = []
    for ws in words:
        slots: list[list[str]] = [[] for _ in range(n_cols)]
        for w in ws:
            centre = (w.x0 + w.x1) / 2
            k = _column_at(bounds, centre)
            slots[k].append(w.text)
            held.update(id(c) for c in w.chars)
        line_slots.append(slots)

    # a body row printed over several lines (a wrapped cell, vertically centred): the lines
    # without amounts or a row label join the row line they sit closest to
    members: list[list[int]] = [[i] for i in range(len(run))]
    _join_wrapped_header_cells(members, run, line_slots, n_header)
    keys = [i for i in range(n_header, len(run)) if _is_row_key(words[i])]
    for i in range(n_header, len(run)):
        if i in keys or not keys:
            continue
        cy = (run[i].top + run[i].bottom) / 2
        nearest = min(keys, key=lambda k: abs((run[k].top + run[k].bottom) / 2 - cy))
        if abs((run[nearest].top + run[nearest].bottom) / 2 - cy) <= 0.8 * run[i].height:
            members[nearest].append(i)
            members[i] = []

    rows: list[list[Cell]] = []
    for group in members:
        if not group:
            continue
        group.sort(key=lambda i: run[i].top)
        top = min(run[i].top for i in group)
        bottom = max(run[i].bottom for i in group)
        rows.append([
            Cell("\n".join(" ".join(line_slots[i][k]) for i in group if line_slots[i][k]),
                 (bounds[k], top, bounds[k + 1], bottom))
            for k in range(n_cols)
        ])
    bbox = (bounds[0], run[0].top, bounds[-1], run[-1].bottom)
    return Table(rows, bbox, held, "text", bounds)


def _join_wrapped_header_cells(members: list[list[int]], run: list[Line],
                               line_slots: list[list[list[str]]], n_header: int) -> None:
    """Header cells wrapped over two lines and centred on a one-line header row print one
    line above and one below it (``决算`` / ``科目代码 … 科目名称`` / ``数``): when the
    lines right above and right below a header line fill the same columns, and it fills
    none of those, the three are one header row."""
    def filled(i: int) -> set[int]:
        return {k for k, slot in enumerate(line_slots[i]) if slot}

    i = 1
    while i + 1 < n_header:
        above, middle, below = filled(i - 1), filled(i), filled(i + 1)
        close = (run[i].top - run[i - 1].bottom <= 0.6 * run[i].height
                 and run[i + 1].top - run[i].bottom <= 0.6 * run[i].height)
        if close and above and above == below and middle and not (middle & above) \
                and members[i - 1] and members[i] and members[i + 1]:
            members[i - 1] += members[i] + members[i + 1]
            members[i] = []
            members[i + 1] = []
            i += 3
        else:
            i += 1


def _is_code_row(words: list[_Word]) -> bool:
    """A line that starts with an account code and prints a name: a table row whose amounts are blank."""
    texts = [w.text.replace(" ", "") for w in words]
    return len(texts) >= 2 and bool(_CODE_WORD.match(texts[0])) and bool(_WORDLIKE.search(texts[1]))


def _is_row_key(words: list[_Word]) -> bool:
    """A line that is a table row of its own: it has an amount, an account code or a total label."""
    for w in words:
        t = w.text.replace(" ", "")
        if DECIMAL_AMOUNT.match(t) or _CODE_WORD.match(t) or total_kind(t):
            return True
    return False
