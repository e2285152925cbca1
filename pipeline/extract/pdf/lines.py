"""Characters → lines of text.

A character joins a visual line when its vertical centre lies within 0.45 character
heights of the line's (characters printed twice in one place, as fake bold, included).
Inside a line, a gap wider than a quarter of the character height separates words (or
the PDF prints a space there), and one wider than 2.2 character heights separates two
pieces of text that only happen to share the line ("编制部门：…      单位：元").
"""
from __future__ import annotations

import operator

from .geometry import Char, Line, median

_WORD_GAP = 0.25  # × char height: a gap that separates words inside a line
_PIECE_GAP = 2.2  # × char height: a gap that separates two pieces of text on a line

_FIRST_THREE = operator.itemgetter(0, 1, 2)  # a keyed character's centre, x0 and height


def group_lines(chars: list[Char]) -> list[Line]:
    """Characters → visual lines (top to bottom), by overlapping vertical centres."""
    # the key leaves the character out: two with the same box (overprinted fake bold, a
    # word OCR reads twice) tie, and characters do not compare
    keyed = sorted((((c.top + c.bottom) / 2, c.x0, c.bottom - c.top, c) for c in chars), key=_FIRST_THREE)
    if keyed and keyed[-1][0] - keyed[0][0] <= 0.45 * min(k[2] for k in keyed):
        return [Line([k[3] for k in keyed])]  # one line (most table cells)
    lines: list[list[Char]] = []
    bands: list[tuple[float, float]] = []  # (centre, height) of each line
    for cy, _, h, ch in keyed:
        # lines are sorted by centre; only the most recent ones can match
        n = len(lines)
        for k in range(n - 1, n - 4 if n > 3 else -1, -1):
            centre, band = bands[k]
            if abs(cy - centre) <= 0.45 * (band if band < h else h):
                lines[k].append(ch)
                break
        else:
            lines.append([ch])
            bands.append((cy, h))
    out = [Line(line) for line in lines]
    out.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    return out


def one_band(chars: list[Char]) -> bool:
    """Characters whose vertical centres are close enough to be one line (as group_lines tells)."""
    low = high = (chars[0].top + chars[0].bottom) / 2
    height = chars[0].bottom - chars[0].top
    for c in chars:
        centre = (c.top + c.bottom) / 2
        if centre < low:
            low = centre
        elif centre > high:
            high = centre
        if c.bottom - c.top < height:
            height = c.bottom - c.top
    return high - low <= 0.45 * height


def split_pieces(chars: list[Char], gap_factor: float = _PIECE_GAP) -> list[list[Char]]:
    """Pieces of one line separated by wide gaps (chars sorted by x0)."""
    if not chars:
        return []
    height = median([c.h for c in chars])
    pieces = [[chars[0]]]
    for prev, ch in zip(chars, chars[1:]):
        if ch.x0 - prev.x1 > gap_factor * height:
            pieces.append([ch])
        else:
            pieces[-1].append(ch)
    return pieces


def chars_text(chars: list[Char]) -> str:
    """Text of characters on one line, a space where a word gap separates them."""
    if not chars:
        return ""
    height = median([c.h for c in chars])
    out = [chars[0].text]
    for prev, ch in zip(chars, chars[1:]):
        gap = ch.x0 - prev.x1
        if gap > _WORD_GAP * height or (ch.space_before and gap > -0.5):
            out.append(" ")
        out.append(ch.text)
    return "".join(out)
