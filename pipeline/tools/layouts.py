"""Layout families: the gold documents re-rendered the way other producers print them.

The product is judged on disclosures of the same families as the shared ones but
laid out by other producers. To score every family against the gold we have, this
tool takes the content of each gold document (its prose and table grids, read by the
pipeline's own readers: the text extract when there is one, else the PDF) and renders
it again as HTML → PDF (WeasyPrint, font Noto Sans CJK SC) in one layout family:

==================  =====================================================================
``ruled``           every cell bordered, A4 landscape (like ``../shared/corpus/pdf``)
``unruled``         no borders at all
``partial_rules``   per table, a three-line table (top, under the header, bottom) or
                    horizontal rules only
``portrait_wrap``   A4 portrait, header texts broken onto 2–3 lines
``narrow``          no borders, no padding: columns whose texts nearly touch
``split_pages``     long tables cut over several pages, the header repeated on each
                    page and a leading 合计 row reprinted under it (not new data, per
                    the spec)
``merged_headers``  header cells merged (colspan/rowspan) over the columns they head
``split_codes``     account codes printed in 类 | 款 | 项 columns (``201 | 03 | 01``)
``yuan``            amounts in 万元 printed in 元 (×10000, exact) with thousands separators
``scanned``         the ruled rendering rasterized (150–300 dpi), slightly rotated,
                    with noise, as an image-only PDF (every page goes through OCR)
==================  =====================================================================

A family is a function ``(Document, random.Random) → Rendering``; the random
generator is seeded per (seed, document, family), so a run is reproducible. The file
of document ``X`` in family ``f`` is ``X__f.pdf``, which ``../shared/eval/score.py``
scores against the gold of ``X`` (amounts are compared in yuan, so the ``yuan``
family is scored as is; its ``unit`` metadata then says 元, as the document does).

A tool, not part of the product run::

    python -m pipeline.tools.layouts generate --families unruled,split_codes --out /tmp/lf/raw
    python -m pipeline.tools.layouts score --families unruled,split_codes
"""
from __future__ import annotations

import argparse
import html
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..settings import PROJECT_ROOT
from ..vocabulary.numbers import normalize_amount_text, parse_amount

SHARED = PROJECT_ROOT.parent / "shared"
GOLD_DIR = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"
DEFAULT_SEED = 20261203

# ---------------------------------------------------------------------------
# the document's content


@dataclass
class Table:
    """A table grid split into header rows and body rows (cell texts; '' is a blank cell)."""

    header: list[list[str]]
    body: list[list[str]]


@dataclass
class Prose:
    """Prose lines between tables (cover, titles, 单位 lines, 说明 text)."""

    lines: list[str]


@dataclass
class Document:
    """A gold document's content: its stem (the gold's name) and its parts in reading order."""

    stem: str
    parts: list[Prose | Table]


_DECIMAL = re.compile(r"^-?[\d,]*\d\.\d+$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_TOTAL_WORDS = ("合计", "总计")


def is_decimal_amount(text: str) -> bool:
    """A printed amount with decimals, as the pipeline reads it (``738. 05`` too)."""
    return bool(_DECIMAL.match(normalize_amount_text(text))) and parse_amount(text) is not None


def is_body_row(row: list[str]) -> bool:
    """A row of data: it prints an amount with decimals, or starts with an account code."""
    cells = [c.strip() for c in row if c.strip()]
    if not cells:
        return False
    return any(is_decimal_amount(c) for c in cells) or bool(_CODE.match(cells[0]) and len(cells) > 1)


def split_header(rows: list[list[str]]) -> Table:
    """The leading rows before the first data row are the header (all of it when no row is data)."""
    for i, row in enumerate(rows):
        if is_body_row(row):
            return Table(rows[:i], rows[i:])
    return Table(rows, [])


def read_document(path: Path) -> Document:
    """The content of one document, read with the pipeline's readers (text extract or PDF)."""
    from ..extract import extract

    extracted = extract(path)
    parts: list[Prose | Table] = []
    for block in extracted.blocks:
        if block.kind == "table":
            width = max((len(r) for r in block.rows), default=0)
            rows = [[c.text.strip() for c in r] + [""] * (width - len(r)) for r in block.rows]
            if rows:
                parts.append(split_header(rows))
        elif block.lines:
            parts.append(Prose([line for line in block.lines if line.strip()]))
    return Document(path.stem.split("__")[0], join_continuations(parts))


def join_continuations(parts: list[Prose | Table]) -> list[Prose | Table]:
    """A headerless table right after a table of the same width is the rest of it (the source's
    page break): one table, so that each family lays the whole table out its own way."""
    joined: list[Prose | Table] = []
    for part in parts:
        previous = joined[-1] if joined else None
        if (isinstance(part, Table) and not part.header and isinstance(previous, Table) and previous.body
                and len(part.body[0]) == len(previous.body[0])):
            joined[-1] = Table(previous.header, previous.body + part.body)
        else:
            joined.append(part)
    return joined


def gold_sources(raw_dir: Path, gold_dir: Path = GOLD_DIR) -> list[Path]:
    """One source file per gold document in `raw_dir`: its text extract when there is one, else its PDF."""
    gold = {p.stem for p in gold_dir.glob("*.csv")}
    chosen: dict[str, Path] = {}
    for path in sorted(raw_dir.iterdir()):
        if path.stem not in gold or path.suffix.lower() not in (".txt", ".pdf"):
            continue
        if path.stem not in chosen or path.suffix.lower() == ".txt":
            chosen[path.stem] = path
    return [chosen[k] for k in sorted(chosen)]


# ---------------------------------------------------------------------------
# renderings: HTML cells with spans and classes, and the page's CSS


@dataclass
class HCell:
    """One rendered cell: text, spans and CSS classes."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    classes: tuple[str, ...] = ()


@dataclass
class HTable:
    """A rendered table: header and body rows of cells, its CSS classes, and whether a page break precedes it."""

    header: list[list[HCell]]
    body: list[list[HCell]]
    classes: tuple[str, ...] = ()
    break_before: bool = False


@dataclass
class Rendering:
    """A document laid out in one family: parts to write as HTML, the CSS, and how to finish the PDF."""

    parts: list[Prose | HTable]
    css: str
    scan: dict | None = None  # for the scanned family: dpi, angle, noise, seed
    notes: list[str] = field(default_factory=list)


BASE_CSS = """
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; }
p { margin: 0 0 3pt 0; }
p.cover { font-size: 16pt; font-weight: bold; text-align: center; }
table { border-collapse: collapse; margin: 4pt 0 8pt 0; }
td, th { padding: 1.5pt 3pt; vertical-align: middle; font-weight: normal; }
td.num { text-align: right; }
th { text-align: center; }
.break { page-break-before: always; }
"""
RULED_CSS = "table.ruled td, table.ruled th { border: 0.6pt solid #000; }\n"


def _cell(text: str) -> HCell:
    return HCell(text, classes=("num",) if is_decimal_amount(text) else ())


def plain_table(table: Table, classes: tuple[str, ...] = ("ruled",)) -> HTable:
    """A table with one cell per grid cell, no spans."""
    return HTable([[HCell(t) for t in row] for row in table.header], [[_cell(t) for t in row] for row in table.body],
                  classes)


def plain_rendering(doc: Document, classes: tuple[str, ...] = ("ruled",), css: str = "") -> Rendering:
    """Every table plain, each table (with the prose just before it) starting a new page."""
    parts: list[Prose | HTable] = [plain_table(p, classes) if isinstance(p, Table) else p for p in doc.parts]
    return Rendering(parts, BASE_CSS + RULED_CSS + css)


# ---------------------------------------------------------------------------
# the families


def ruled(doc: Document, rng: random.Random) -> Rendering:
    """Baseline: every cell bordered, A4 landscape, like the shared PDFs."""
    return plain_rendering(doc)


def unruled(doc: Document, rng: random.Random) -> Rendering:
    """No borders at all: tables are read by text alignment."""
    return plain_rendering(doc, classes=())


def partial_rules(doc: Document, rng: random.Random) -> Rendering:
    """Per table, a three-line table (rule above the header, under it and at the bottom) or horizontal rules only."""
    css = (
        "table.three { border-top: 1pt solid #000; border-bottom: 1pt solid #000; }\n"
        "table.three tr.header-end th { border-bottom: 0.6pt solid #000; }\n"
        "table.hrules td, table.hrules th { border-bottom: 0.5pt solid #000; }\n"
        "table.hrules { border-top: 0.5pt solid #000; }\n"
    )
    rendering = plain_rendering(doc, classes=(), css=css)
    for part in rendering.parts:
        if isinstance(part, HTable):
            part.classes = (rng.choice(["three", "hrules"]),)
    return rendering


def _wrap(text: str, lines: int) -> str:
    """`text` broken into `lines` pieces of near-equal length (newlines become line breaks)."""
    text = text.replace("\n", "")
    if len(text) < 2 * lines:
        lines = max(1, len(text) // 2)
    size = -(-len(text) // lines) if lines else len(text)
    return "\n".join(text[i:i + size] for i in range(0, len(text), size))


def portrait_wrap(doc: Document, rng: random.Random) -> Rendering:
    """A4 portrait, small type; header texts of four characters or more wrapped onto 2–3 lines."""
    css = "@page { size: A4 portrait; margin: 12mm 10mm; }\nbody { font-size: 6.5pt; }\n"
    rendering = plain_rendering(doc, css=css)
    for part in rendering.parts:
        if isinstance(part, HTable):
            for row in part.header:
                for cell in row:
                    if len(cell.text) >= 4 and not cell.text.isdigit():
                        cell.text = _wrap(cell.text, rng.choice([2, 3]))
    return rendering


def narrow(doc: Document, rng: random.Random) -> Rendering:
    """No borders and (almost) no padding: neighbouring column texts nearly touch."""
    gap = rng.choice(["1.5pt", "2pt", "3pt"])
    css = f"td, th {{ padding: 0.5pt 0 0.5pt {gap}; white-space: nowrap; }}\nbody {{ font-size: 7.5pt; }}\n"
    return plain_rendering(doc, classes=(), css=css)


def _is_total_row(row: list[str]) -> bool:
    return any(c.replace(" ", "") in _TOTAL_WORDS for c in row[:3])


def split_pages(doc: Document, rng: random.Random) -> Rendering:
    """Long tables cut into pages of 5–12 rows, the header repeated on each continuation page, and
    a 合计 row that opens the body reprinted under it (the spec: not new data)."""
    parts: list[Prose | HTable] = []
    for part in doc.parts:
        if not isinstance(part, Table) or len(part.body) <= 8:
            parts.append(plain_table(part) if isinstance(part, Table) else part)
            continue
        total = part.body[0] if _is_total_row(part.body[0]) else None
        start, first = 0, True
        while start < len(part.body):
            size = rng.randint(5, 12)
            chunk = part.body[start:start + size]
            if not first and total is not None:
                chunk = [total, *chunk]
            table = plain_table(Table(part.header, chunk))
            table.break_before = not first
            parts.append(table)
            start, first = start + size, False
    return Rendering(parts, BASE_CSS + RULED_CSS)


def merge_header(header: list[list[str]]) -> list[list[HCell]]:
    """The header with merged cells: a label spans the blank cells to its right that head columns
    of their own in the row below (a group header), and the blank cells below it (a label of
    several header rows). The 栏次 row (column numbers) is left as it is."""
    rows = len(header)
    width = max((len(r) for r in header), default=0)
    grid = [r + [""] * (width - len(r)) for r in header]
    numbering = [all(not c or c.isdigit() or c.replace(" ", "") == "栏次" for c in r) for r in grid]
    taken = [[False] * width for _ in range(rows)]
    out: list[list[HCell]] = []
    for r in range(rows):
        row: list[HCell] = []
        for c in range(width):
            if taken[r][c]:
                continue
            text = grid[r][c]
            colspan = rowspan = 1
            if text and not numbering[r]:
                below = r + 1 < rows and not numbering[r + 1]
                while (c + colspan < width and not grid[r][c + colspan] and not taken[r][c + colspan]
                       and below and grid[r + 1][c + colspan]):
                    colspan += 1
                while (r + rowspan < rows and not numbering[r + rowspan]
                       and all(not grid[r + rowspan][k] and not taken[r + rowspan][k]
                               for k in range(c, c + colspan))):
                    rowspan += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[r + dr][c + dc] = True
            row.append(HCell(text, colspan, rowspan))
        out.append(row)
    return out


def merged_headers(doc: Document, rng: random.Random) -> Rendering:
    """Header cells merged over the columns and header rows they head (ruled)."""
    rendering = plain_rendering(doc)
    tables = iter(p for p in doc.parts if isinstance(p, Table))
    for part in rendering.parts:
        if isinstance(part, HTable):
            part.header = merge_header(next(tables).header)
    return rendering


def code_columns(table: Table) -> list[int]:
    """Columns of the body that hold whole account codes (3, 5 or 7 digits), unless codes are split already
    (类 | 款 | 项 in the header, or a 3-digit code followed by a 1–2 digit part, as on a continuation page)."""
    if any(c.replace(" ", "") in ("类", "款", "项") for row in table.header for c in row):
        return []
    width = max((len(r) for r in table.body), default=0)
    found = []
    for c in range(width):
        texts = [r[c].strip() for r in table.body if c < len(r) and r[c].strip()]
        coded = [r for r in table.body if c < len(r) and _CODE.match(r[c].strip())]
        split_already = [r for r in coded if c + 1 < len(r) and re.match(r"^\d{1,2}$", r[c + 1].strip())]
        if len(coded) >= 2 and len(coded) >= 0.6 * len(texts) and len(split_already) < len(coded) / 2:
            found.append(c)
    return found


def split_code(code: str, parts: int, padded: bool) -> list[str]:
    """`2010301` → ['201', '03', '01'] (or '3', '1' unpadded); a shorter code leaves the lower parts blank."""
    pieces = [code[:3]] + [code[i:i + 2] for i in range(3, len(code), 2)]
    if not padded:
        pieces = [pieces[0]] + [p.lstrip("0") or "0" for p in pieces[1:]]
    return (pieces + [""] * parts)[:parts]


def split_code_table(table: Table, padded: bool) -> Table:
    """`table` with each code column printed as 类 | 款 | 项 (functional) or 类 | 款 (economic, 3xx/5xx)."""
    columns = code_columns(table)
    if not columns:
        return table
    parts_of = {}
    for c in columns:
        codes = [r[c].strip() for r in table.body if c < len(r) and _CODE.match(r[c].strip())]
        parts_of[c] = 3 if any(len(k) == 7 or k.startswith("2") for k in codes) else 2

    def widen(row: list[str], fill) -> list[str]:
        out: list[str] = []
        for c, text in enumerate(row):
            out.extend(fill(c, text) if c in parts_of else [text])
        return out

    body = [widen(r, lambda c, t: split_code(t.strip(), parts_of[c], padded) if _CODE.match(t.strip())
                  else [t] + [""] * (parts_of[c] - 1)) for r in table.body]
    labels = [i for i, r in enumerate(table.header)
              if any(c < len(r) and r[c] and not r[c].replace(" ", "").startswith("栏次") for c in columns)]
    names = ["类", "款", "项"]
    header: list[list[str]] = []
    for i, row in enumerate(table.header):
        header.append(widen(row, lambda c, t: [t] + [""] * (parts_of[c] - 1)))
        if labels and i == labels[-1]:
            header.append(widen([""] * len(row), lambda c, t: names[:parts_of[c]]))
    if not labels:  # no header over the codes: the part names open the header
        header.insert(0, widen([""] * max(len(r) for r in table.body), lambda c, t: names[:parts_of[c]]))
    return Table(header, body)


def split_codes(doc: Document, rng: random.Random) -> Rendering:
    """Account codes printed in 类 | 款 | 项 columns, 款/项 zero-padded or not (one choice per document)."""
    padded = rng.random() < 0.6
    tables = [split_code_table(p, padded) if isinstance(p, Table) else p for p in doc.parts]
    rendering = plain_rendering(Document(doc.stem, tables))
    rendering.notes.append("codes zero-padded" if padded else "codes unpadded (201 | 3 | 1)")
    return rendering


_UNIT_WAN = re.compile(r"万\s*元")


def to_yuan(text: str) -> str:
    """A printed 万元 amount as 元, exactly (Decimal ×10000), with thousands separators: 166.54 → 1,665,400.00
    (``738. 05`` → 7,380,500.00); a text that is no amount is left as it is."""
    amount = parse_amount(text)
    if amount is None:
        return text
    yuan = amount * Decimal(10000)
    return f"{yuan:,.2f}"


def amount_columns(rows: list[list[str]]) -> set[int]:
    """Columns that print decimal amounts in some row and no account code in any (an integer there is an
    amount too; 行次 columns and code columns are not: a 合计 under a code column does not make it one)."""
    decimal = {c for row in rows for c, text in enumerate(row) if is_decimal_amount(text)}
    coded = {c for row in rows for c, text in enumerate(row) if _CODE.match(text.strip())}
    return decimal - coded


def in_wan(doc: Document) -> bool:
    """Whether the document prints its amounts in 万元 (its 单位 lines and cells say so)."""
    texts = [line for p in doc.parts if isinstance(p, Prose) for line in p.lines]
    texts += [c for p in doc.parts if isinstance(p, Table) for row in p.header + p.body for c in row]
    units = [t for t in texts if "单位" in t]
    return any(_UNIT_WAN.search(t) for t in units) and not any(
        re.search(r"单位\s*[:：]\s*元", t) for t in units)


def yuan(doc: Document, rng: random.Random) -> Rendering:
    """Amounts in 万元 printed in 元 (exact ×10000) with thousands separators; the 单位 lines say 元.
    A document printed in 元 already is rendered as it is (ruled)."""
    if not in_wan(doc):
        rendering = plain_rendering(doc)
        rendering.notes.append("already in 元")
        return rendering

    def unit_line(text: str) -> str:
        return _UNIT_WAN.sub("元", text) if "单位" in text or text.strip() == "万元" else text

    parts: list[Prose | Table] = []
    for part in doc.parts:
        if isinstance(part, Prose):
            parts.append(Prose([unit_line(line) for line in part.lines]))
        else:
            header = [[unit_line(c) for c in row] for row in part.header]
            # a 单位 line inside the grid, then its 万元 cell
            for row in header:
                for i, c in enumerate(row[:-1]):
                    if "单位" in c and row[i + 1].strip() == "万元":
                        row[i + 1] = "元"
            columns = amount_columns(part.body)
            body = [[to_yuan(t) if c in columns or is_decimal_amount(t) else t for c, t in enumerate(row)]
                    for row in part.body]
            parts.append(Table(header, body))
    return plain_rendering(Document(doc.stem, parts))


def scanned(doc: Document, rng: random.Random) -> Rendering:
    """The ruled rendering, rasterized at 150–300 dpi, rotated by ±0.5–1.5°, with noise, image only.
    Only the cover and the prose that introduces each table (title, 部门, 单位) are kept, so that
    OCR reads no long 说明 pages: the tables are all there."""
    kept: list[Prose | Table] = []
    for i, part in enumerate(doc.parts):
        if isinstance(part, Table):
            kept.append(part)
        elif i == 0:
            kept.append(Prose(part.lines[:8]))
        elif i + 1 < len(doc.parts) and isinstance(doc.parts[i + 1], Table):
            kept.append(Prose(part.lines[-8:]))
    rendering = plain_rendering(Document(doc.stem, kept))
    angle = rng.uniform(0.5, 1.5) * rng.choice([-1, 1])
    rendering.scan = {"dpi": rng.choice([150, 200, 300]), "angle": angle, "noise": rng.uniform(6, 14),
                      "seed": rng.randrange(2**31)}
    rendering.notes.append(f"{rendering.scan['dpi']} dpi, {angle:+.2f}°")
    return rendering


FAMILIES: dict[str, Callable[[Document, random.Random], Rendering]] = {
    "ruled": ruled,
    "unruled": unruled,
    "partial_rules": partial_rules,
    "portrait_wrap": portrait_wrap,
    "narrow": narrow,
    "split_pages": split_pages,
    "merged_headers": merged_headers,
    "split_codes": split_codes,
    "yuan": yuan,
    "scanned": scanned,
}


# ---------------------------------------------------------------------------
# HTML → PDF


def _text_html(text: str) -> str:
    return "<br/>".join(html.escape(line) for line in text.split("\n"))


def _row_html(row: list[HCell], tag: str, row_class: str = "") -> str:
    cells = []
    for cell in row:
        attrs = ""
        if cell.colspan > 1:
            attrs += f' colspan="{cell.colspan}"'
        if cell.rowspan > 1:
            attrs += f' rowspan="{cell.rowspan}"'
        if cell.classes:
            attrs += f' class="{" ".join(cell.classes)}"'
        cells.append(f"<{tag}{attrs}>{_text_html(cell.text)}</{tag}>")
    opening = f"<tr class='{row_class}'>" if row_class else "<tr>"
    return opening + "".join(cells) + "</tr>"


def to_html(rendering: Rendering) -> str:
    """The rendering as one HTML page. Header rows are plain rows (not ``<thead>``), so a table
    that runs over a page does not repeat its header unless the family does so itself."""
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>", rendering.css, "</style></head><body>"]
    first_prose = True
    for i, part in enumerate(rendering.parts):
        if isinstance(part, Prose):
            # a table's introduction (the prose right before it) starts a new page, as in the shared PDFs
            opens = not first_prose and i + 1 < len(rendering.parts) and isinstance(rendering.parts[i + 1], HTable)
            cls = "cover" if first_prose else ""
            out.append(f"<div class='{'break' if opens else ''}'>")
            for j, line in enumerate(part.lines):
                out.append(f"<p class='{cls if j < 3 else ''}'>{html.escape(line)}</p>")
            out.append("</div>")
            first_prose = False
        else:
            classes = " ".join(part.classes)
            out.append(f"<table class='{classes}{' break' if part.break_before else ''}'><tbody>")
            out.extend(_row_html(r, "th", "header-end" if j == len(part.header) - 1 else "")
                       for j, r in enumerate(part.header))
            out.extend(_row_html(r, "td") for r in part.body)
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out)


def weasyprint_available() -> str | None:
    """None when WeasyPrint and the Noto Sans CJK SC font are usable, else why not."""
    try:
        import weasyprint  # noqa: F401
    except Exception as exc:  # ImportError, or OSError when pango is missing
        return f"WeasyPrint is not usable ({exc}); `make install` installs it"
    fc = shutil.which("fc-list")
    if fc:
        fonts = subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout
        if "Noto Sans CJK SC" not in fonts:
            return "the font Noto Sans CJK SC is missing (apt fonts-noto-cjk; `make layout-deps`)"
    return None


def _scan_transform(params: dict):
    """A page image → the same page rotated by params['angle'] with Gaussian noise of params['noise']."""
    import numpy as np
    from PIL import Image

    noise_rng = np.random.default_rng(params["seed"])

    def transform(image: Image.Image) -> Image.Image:
        turned = image.rotate(params["angle"], resample=Image.BICUBIC, expand=False, fillcolor=255)
        pixels = np.asarray(turned, dtype=np.float32)
        pixels = pixels + noise_rng.normal(0, params["noise"], pixels.shape)
        specks = noise_rng.random(pixels.shape) < 0.0005
        pixels[specks] = 0
        return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")

    return transform


def render_pdf(rendering: Rendering, target: Path) -> None:
    """Write `rendering` as a PDF at `target` (an image-only PDF for a scan)."""
    from weasyprint import HTML

    from .variants import scanned as image_only

    document = to_html(rendering)
    if rendering.scan is None:
        HTML(string=document).write_pdf(str(target))
        return
    with tempfile.TemporaryDirectory(prefix="layout-scan-") as tmp:
        digital = Path(tmp) / "digital.pdf"
        HTML(string=document).write_pdf(str(digital))
        image_only(digital, target, dpi=rendering.scan["dpi"], transform=_scan_transform(rendering.scan))


def family_rng(seed: int, stem: str, family: str) -> random.Random:
    """The random generator of one document in one family: the same for the same seed, whatever else runs."""
    return random.Random(zlib.crc32(f"{seed}|{stem}|{family}".encode()))


def generate(sources: list[Path], families: list[str], out_dir: Path, seed: int = DEFAULT_SEED,
             documents: dict[str, Document] | None = None) -> list[Path]:
    """Render every source document in every family into `out_dir` as ``<stem>__<family>.pdf``."""
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown famil{'y' if len(unknown) == 1 else 'ies'}: {', '.join(unknown)};"
                         f" known: {', '.join(FAMILIES)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = documents if documents is not None else {}
    written = []
    for source in sources:
        doc = documents.get(source.stem) or read_document(source)
        documents[source.stem] = doc
        for family in families:
            target = out_dir / f"{doc.stem}__{family}.pdf"
            render_pdf(FAMILIES[family](doc, family_rng(seed, doc.stem, family)), target)
            written.append(target)
    return written


# ---------------------------------------------------------------------------
# scoring


@dataclass
class FileScore:
    """The gold score of one generated file."""

    file: str
    f1: float
    line: str  # the scorer's line for the file (P, R, counts, metadata mismatches)


@dataclass
class FamilyScore:
    """A family's scores: overall F1 over its files, and its worst file."""

    family: str
    files: list[FileScore]
    overall: float
    seconds: float = 0.0

    @property
    def worst(self) -> FileScore | None:
        """The file with the lowest F1."""
        return min(self.files, key=lambda f: f.f1, default=None)


_FILE_LINE = re.compile(r"^(?P<file>\S.*?\.pdf): F1=(?P<f1>[\d.]+).*$", re.M)
_OVERALL = re.compile(r"^overall F1=(?P<f1>[\d.]+)", re.M)


def score_files(warehouse: Path, pattern: str, gold_dir: Path = GOLD_DIR,
                show: int = 0) -> tuple[float, list[FileScore], str]:
    """Run ``../shared/eval/score.py`` on the files matching `pattern`: overall F1, per file, and its output."""
    result = subprocess.run(
        [sys.executable, str(SCORER), "--warehouse", str(warehouse), "--gold", str(gold_dir),
         "--match", pattern, "--show", str(show)],
        capture_output=True, text=True, check=False,
    )
    overall = _OVERALL.search(result.stdout)
    if overall is None:
        raise RuntimeError(f"score.py gave no overall score:\n{result.stdout}\n{result.stderr}")
    files = [FileScore(m["file"], float(m["f1"]), m.group(0)) for m in _FILE_LINE.finditer(result.stdout)]
    return float(overall["f1"]), files, result.stdout


def build_warehouse(raw: Path, warehouse: Path, extract_dir: Path) -> None:
    """``python -m pipeline run`` on `raw` (a subprocess, its output kept in ``run.log`` beside the warehouse)."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    log = warehouse.parent / "run.log"
    with log.open("w") as fh:
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", "--raw-dir", str(raw), "--warehouse", str(warehouse),
             "--extract-dir", str(extract_dir)],
            cwd=PROJECT_ROOT, stdout=fh, stderr=subprocess.STDOUT, check=False,
        )
    if result.returncode != 0 and not warehouse.exists():
        raise RuntimeError(f"pipeline run failed (exit {result.returncode}); see {log}")


def score_families(families: list[str], work: Path, raw_dir: Path = PROJECT_ROOT / "raw",
                   gold_dir: Path = GOLD_DIR, seed: int = DEFAULT_SEED, scan_documents: int = 1,
                   stems: list[str] | None = None) -> list[FamilyScore]:
    """Generate the families into ``work/raw``, build one warehouse of them, score each family.

    The scanned family (OCR on every page, minutes per document) uses only the first
    `scan_documents` documents (the smallest text extracts first)."""
    sources = gold_sources(raw_dir, gold_dir)
    if stems:
        sources = [s for s in sources if s.stem in stems]
    raw = work / "raw"
    documents: dict[str, Document] = {}
    timings: dict[str, float] = {}
    for family in families:
        chosen = sources
        if family == "scanned":
            chosen = sorted(sources, key=lambda p: (p.suffix != ".txt", p.stat().st_size))[:scan_documents]
        started = time.perf_counter()
        generate(chosen, [family], raw, seed, documents)
        timings[family] = time.perf_counter() - started
    warehouse = work / "out" / "warehouse.duckdb"
    started = time.perf_counter()
    build_warehouse(raw, warehouse, work / "out" / "extract")
    build = time.perf_counter() - started
    scores = []
    for family in families:
        overall, files, _ = score_files(warehouse, f"*__{family}.pdf", gold_dir)
        scores.append(FamilyScore(family, files, overall, timings[family] + build / len(families)))
    return scores


def format_scores(scores: list[FamilyScore]) -> str:
    """The family table: family, documents, overall F1, worst file and its F1."""
    lines = [f"{'family':<16} {'docs':>4} {'F1':>7} {'worst':>7}  worst file"]
    for s in scores:
        worst = s.worst
        flag = "" if s.overall >= 0.98 and (worst is None or worst.f1 >= 0.98) else "  < 0.98"
        lines.append(f"{s.family:<16} {len(s.files):>4} {s.overall:7.4f} {worst.f1 if worst else 0:7.3f}"
                     f"  {worst.file if worst else '-'}{flag}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.tools.layouts generate|score``."""
    ap = argparse.ArgumentParser(prog="python -m pipeline.tools.layouts", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("generate", "score"):
        p = sub.add_parser(name)
        p.add_argument("--families", default=",".join(FAMILIES),
                       help=f"comma-separated, of: {', '.join(FAMILIES)} (default: all)")
        p.add_argument("--seed", type=int, default=DEFAULT_SEED)
        p.add_argument("--raw-dir", type=Path, default=PROJECT_ROOT / "raw",
                       help="where the gold documents are (text extract preferred over PDF)")
        p.add_argument("--gold", type=Path, default=GOLD_DIR)
        p.add_argument("--docs", default="", help="comma-separated document stems (default: every gold document)")
    sub.choices["generate"].add_argument("--out", type=Path, required=True)
    score_p = sub.choices["score"]
    score_p.add_argument("--work", type=Path, default=None,
                         help="scratch folder (kept); default a temp folder, removed")
    score_p.add_argument("--scan-documents", type=int, default=1, help="documents rendered as scans (OCR is slow)")
    score_p.add_argument("--show", type=int, default=0, help="mismatches to list per file")
    args = ap.parse_args(argv)
    families = [f for f in args.families.split(",") if f]
    stems = [s for s in args.docs.split(",") if s] or None
    problem = weasyprint_available()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.command == "generate":
        sources = gold_sources(args.raw_dir, args.gold)
        if stems:
            sources = [s for s in sources if s.stem in stems]
        for path in generate(sources, families, args.out, args.seed):
            print(path)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="layout-families-"))
    try:
        scores = score_families(families, work, args.raw_dir, args.gold, args.seed, args.scan_documents, stems)
        print(format_scores(scores))
        if args.show:
            for s in scores:
                _, _, text = score_files(work / "out" / "warehouse.duckdb", f"*__{s.family}.pdf", args.gold, args.show)
                print(text)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
