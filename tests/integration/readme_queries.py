"""The analyst questions of README.md and docs/analyst-guide.md: parse them, run them, compare or rewrite the answers.

Each question in a file's section "## Analyst questions" is a ``### …`` heading,
a ```` ```sql ```` block and, after it, the answer on the shipped raw/ as a
Markdown table (or the line ``(no rows)``). The README keeps three of the
questions; docs/analyst-guide.md holds all of them. The tests run every query of
both files through SQLAlchemy (duckdb-engine, read-only) and compare. When the
shipped raw/ or the parser changes, rebuild the warehouse and rewrite the answers:

    .venv/bin/python -m pipeline run
    .venv/bin/python -m tests.integration.readme_queries --update   # rewrites both files
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
ANALYST_GUIDE = ROOT / "docs" / "analyst-guide.md"
DOCUMENTS = (README, ANALYST_GUIDE)  # every file whose analyst questions are checked
SECTION = "## Analyst questions"
NO_ROWS = "(no rows)"


@dataclass
class Question:
    title: str
    sql: str
    header: list[str] | None  # None: the file says (no rows)
    rows: list[list[str]]
    answer_span: tuple[int, int]  # line range [start, end) of the answer in the file


def sqlalchemy_url(warehouse: Path) -> str:
    """The read-only SQLAlchemy URL the analyst guide documents (duckdb-engine)."""
    return f"duckdb:///{Path(warehouse).resolve()}?access_mode=read_only"


def cell(value) -> str:
    """How a value is written in the answer tables."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    return str(value).replace("|", "\\|")


def _split_row(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def parse_questions(text: str) -> list[Question]:
    """The questions of one Markdown file's "## Analyst questions" section (none without the section)."""
    lines = text.split("\n")
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == SECTION)
    except StopIteration:
        return []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    questions: list[Question] = []
    title = ""
    i = start + 1
    while i < end:
        line = lines[i]
        if line.startswith("### "):
            title = line[4:].strip()
        if line.strip() == "```sql":
            j = i + 1
            while lines[j].strip() != "```":
                j += 1
            sql = "\n".join(lines[i + 1:j]).strip().rstrip(";")
            k = j + 1
            while k < end and not lines[k].startswith("|") and lines[k].strip() != NO_ROWS:
                if lines[k].startswith("### ") or lines[k].strip() == "```sql":
                    raise ValueError(f"question {title!r}: no answer table after its SQL")
                k += 1
            if k < end and lines[k].strip() == NO_ROWS:
                questions.append(Question(title, sql, None, [], (k, k + 1)))
                i = k + 1
                continue
            table_end = k
            while table_end < end and lines[table_end].startswith("|"):
                table_end += 1
            header = _split_row(lines[k])
            rows = [_split_row(row) for row in lines[k + 2:table_end]]
            questions.append(Question(title, sql, header, rows, (k, table_end)))
            i = table_end
            continue
        i += 1
    return questions


def questions_by_file(paths: tuple[Path, ...] | list[Path] = DOCUMENTS) -> dict[Path, list[Question]]:
    """The questions of every file, in the order given."""
    return {path: parse_questions(path.read_text(encoding="utf-8")) for path in paths}


def run_query(connection, sql: str) -> tuple[list[str], list[list[str]]]:
    """Run one question's query on a SQLAlchemy connection; column names and rows as answer cells."""
    from sqlalchemy import text

    result = connection.execute(text(sql))
    header = list(result.keys())
    return header, [[cell(v) for v in row] for row in result.fetchall()]


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return [NO_ROWS]
    return (["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(row) + " |" for row in rows])


def update_answers(warehouse: Path, paths: tuple[Path, ...] | list[Path] = DOCUMENTS) -> dict[Path, int]:
    """Rewrite every answer table of every file from the warehouse; the number of questions per file."""
    from sqlalchemy import create_engine

    counts: dict[Path, int] = {}
    engine = create_engine(sqlalchemy_url(warehouse))
    try:
        with engine.connect() as connection:
            for path in paths:
                text = path.read_text(encoding="utf-8")
                questions = parse_questions(text)
                lines = text.split("\n")
                for q in reversed(questions):
                    header, rows = run_query(connection, q.sql)
                    lines[q.answer_span[0]:q.answer_span[1]] = markdown_table(header, rows)
                path.write_text("\n".join(lines), encoding="utf-8")
                counts[path] = len(questions)
    finally:
        engine.dispose()
    return counts


def _name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=ROOT / "warehouse" / "warehouse.duckdb")
    parser.add_argument("--file", type=Path, action="append", dest="files",
                        help="a Markdown file with analyst questions (repeatable; default: README.md and "
                             "docs/analyst-guide.md)")
    parser.add_argument("--update", action="store_true", help="rewrite the answer tables in the files")
    args = parser.parse_args()
    paths = args.files or list(DOCUMENTS)
    if args.update:
        for path, n in update_answers(args.warehouse, paths).items():
            print(f"rewrote the answers of {n} questions in {_name(path)}")
        return
    from sqlalchemy import create_engine

    differ = 0
    engine = create_engine(sqlalchemy_url(args.warehouse))
    try:
        with engine.connect() as connection:
            for path, questions in questions_by_file(paths).items():
                for q in questions:
                    header, rows = run_query(connection, q.sql)
                    same = (q.header is None and not rows) or (q.header == header and q.rows == rows)
                    differ += not same
                    print(f"{'ok  ' if same else 'DIFF'} {_name(path)}: {q.title}")
    finally:
        engine.dispose()
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
