"""The README's analyst questions: parse them, run them, compare or rewrite the answers.

Each question in the README section "## Analyst questions" is a ``### …`` heading,
a ```` ```sql ```` block and, after it, the answer on the shipped raw/ as a
Markdown table (or the line ``(no rows)``). The tests run every query through
SQLAlchemy (duckdb-engine, read-only) and compare. When the shipped raw/ or the
parser changes, rebuild the warehouse and rewrite the answers:

    .venv/bin/python -m pipeline run
    .venv/bin/python -m tests.integration.readme_queries --update   # rewrites README.md
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SECTION = "## Analyst questions"
NO_ROWS = "(no rows)"


@dataclass
class Question:
    title: str
    sql: str
    header: list[str] | None  # None: the README says (no rows)
    rows: list[list[str]]
    answer_span: tuple[int, int]  # line range [start, end) of the answer in the README


def sqlalchemy_url(warehouse: Path) -> str:
    """The read-only SQLAlchemy URL the README documents (duckdb-engine)."""
    return f"duckdb:///{Path(warehouse).resolve()}?access_mode=read_only"


def cell(value) -> str:
    """How a value is written in the README's answer tables."""
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


def parse_readme(text: str) -> list[Question]:
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


def run_query(connection, sql: str) -> tuple[list[str], list[list[str]]]:
    """Run one README query on a SQLAlchemy connection; column names and rows as README cells."""
    from sqlalchemy import text

    result = connection.execute(text(sql))
    header = list(result.keys())
    return header, [[cell(v) for v in row] for row in result.fetchall()]


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return [NO_ROWS]
    return (["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(row) + " |" for row in rows])


def update_readme(warehouse: Path, readme: Path = README) -> int:
    """Rewrite every answer table of the README from the warehouse; returns the number of questions."""
    from sqlalchemy import create_engine

    text = readme.read_text(encoding="utf-8")
    questions = parse_readme(text)
    lines = text.split("\n")
    engine = create_engine(sqlalchemy_url(warehouse))
    with engine.connect() as connection:
        for q in reversed(questions):
            header, rows = run_query(connection, q.sql)
            lines[q.answer_span[0]:q.answer_span[1]] = markdown_table(header, rows)
    engine.dispose()
    readme.write_text("\n".join(lines), encoding="utf-8")
    return len(questions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=ROOT / "warehouse" / "warehouse.duckdb")
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--update", action="store_true", help="rewrite the answer tables in the README")
    args = parser.parse_args()
    if args.update:
        n = update_readme(args.warehouse, args.readme)
        print(f"rewrote the answers of {n} questions in {args.readme}")
        return
    from sqlalchemy import create_engine

    engine = create_engine(sqlalchemy_url(args.warehouse))
    with engine.connect() as connection:
        for q in parse_readme(args.readme.read_text(encoding="utf-8")):
            header, rows = run_query(connection, q.sql)
            same = (q.header is None and not rows) or (q.header == header and q.rows == rows)
            print(f"{'ok  ' if same else 'DIFF'} {q.title}")


if __name__ == "__main__":
    main()
