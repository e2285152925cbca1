"""The column headers the warehouse does not map to a measure yet, counted over a build.

    python -m pipeline.tools.unmapped_headers EXTRACT_DIR [--min-documents N]

Reads the parse outputs of a run (``EXTRACT_DIR/line_items/*.parquet`` and
``EXTRACT_DIR/parse_issues/*.parquet``, the ``--extract-dir`` of ``python -m pipeline
run``) and prints Markdown: every header whose amounts loaded as ``unmapped``, with how
many amount cells, tables and documents print it and in which table types; then the
tables that lost their amounts because no header named an amount column
(``no_measure_columns`` / ``no_header`` errors). docs/unmapped-headers.md is this
output for the wild corpus.

A header is counted as printed, whitespace removed, except that what an extractor glued
onto it from the rows below (column numbers, the first amount: ``人员支出1,839.32``) is
cut off, so one header printed in several layouts is one line.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

# a column number or an amount glued to the end of a header by the extractor
_GLUED_TAIL = re.compile(r"(\*+|[\d,]+(\.\d+)?)+$")


@dataclass(frozen=True)
class HeaderCount:
    """One unmapped header: how often it is printed and where."""

    header: str
    cells: int  # amount cells loaded as unmapped under it
    tables: int
    documents: int
    table_types: tuple[str, ...]


@dataclass(frozen=True)
class LostTable:
    """A table (or block of one) whose amounts could not be read for want of a measure column."""

    source_file: str
    page: int | None
    issue_code: str
    reason: str


def normalize_header(header: str) -> str:
    """The header without what the extractor glued to its end (``上年结转11`` → ``上年结转``)."""
    cut = _GLUED_TAIL.sub("", header or "")
    return cut or (header or "")


def unmapped_headers(extract_dir: Path) -> list[HeaderCount]:
    """Every header with unmapped amounts in the run's line items, most documents first."""
    pattern = str(Path(extract_dir) / "line_items" / "*.parquet").replace("'", "''")
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"""
            select document_id, table_index, table_type, column_header
            from read_parquet('{pattern}', union_by_name = true)
            where measure = 'unmapped'
            """
        ).fetchall()
    finally:
        con.close()
    groups: dict[str, list[tuple[str, int, str]]] = {}
    for document_id, table_index, table_type, header in rows:
        groups.setdefault(normalize_header(header), []).append((document_id, table_index, table_type))
    counts = [
        HeaderCount(
            header=header,
            cells=len(cells),
            tables=len({(d, t) for d, t, _ in cells}),
            documents=len({d for d, _, _ in cells}),
            table_types=tuple(sorted({tt for _, _, tt in cells})),
        )
        for header, cells in groups.items()
    ]
    return sorted(counts, key=lambda c: (-c.documents, -c.tables, -c.cells, c.header))


def lost_tables(extract_dir: Path) -> list[LostTable]:
    """The parse errors of tables whose amounts were not read because no column is an amount column."""
    pattern = str(Path(extract_dir) / "parse_issues" / "*.parquet").replace("'", "''")
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"""
            select source_file, page, issue_code, reason
            from read_parquet('{pattern}', union_by_name = true)
            where issue_code in ('no_measure_columns', 'no_header') and severity = 'error'
            order by source_file, page
            """
        ).fetchall()
    finally:
        con.close()
    return [LostTable(*row) for row in rows]


def to_markdown(headers: list[HeaderCount], lost: list[LostTable], min_documents: int = 1) -> str:
    """The report as Markdown: the unmapped headers, then the tables that lost their amounts."""
    shown = [h for h in headers if h.documents >= min_documents]
    lines = [
        f"Unmapped headers: {len(headers)}, over {sum(h.cells for h in headers)} amount cells"
        + (f" ({len(shown)} printed in at least {min_documents} documents shown)" if min_documents > 1 else "")
        + ".",
        "",
        "| header | cells | tables | documents | table types |",
        "|---|---:|---:|---:|---|",
    ]
    for h in shown:
        text = h.header.replace("|", "\\|") or "(blank)"
        lines.append(f"| {text} | {h.cells} | {h.tables} | {h.documents} | {', '.join(h.table_types)} |")
    lines += ["", f"Tables whose amounts were not read (no amount column): {len(lost)}.", ""]
    if lost:
        lines += ["| document | page | issue | reason |", "|---|---:|---|---|"]
        for t in lost:
            reason = t.reason.replace("|", "\\|")
            lines.append(f"| {t.source_file} | {t.page if t.page is not None else ''} | {t.issue_code} | {reason} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the report of one extract dir."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.tools.unmapped_headers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("extract_dir", type=Path, help="the --extract-dir of a run (its Parquet outputs)")
    parser.add_argument("--min-documents", type=int, default=1,
                        help="list only headers printed in at least this many documents")
    args = parser.parse_args(argv)
    if not (args.extract_dir / "line_items").is_dir():
        parser.error(f"no line_items/ under {args.extract_dir}: give the --extract-dir of a run")
    sys.stdout.write(to_markdown(unmapped_headers(args.extract_dir), lost_tables(args.extract_dir),
                                 args.min_documents))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
