"""The run summary: what the published warehouse holds and what could not be read."""
from __future__ import annotations

from pathlib import Path

import duckdb


def run_summary(warehouse: Path, max_issue_lines: int = 40) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        lines = []
        docs = con.execute(
            "select format, count(*), count(*) filter (where status = 'parsed') from dim_document group by 1 order by 1"
        ).fetchall()
        total_docs = sum(d[1] for d in docs)
        lines.append(f"documents read: {total_docs} (" + ", ".join(f"{d[0] or 'unknown'}: {d[1]}" for d in docs) + ")")
        items = con.execute("select count(*) from line_items_flat").fetchone()[0]
        facts = con.execute("select count(*) from fct_line_items").fetchone()[0]
        lines.append(f"line items loaded: {items} in line_items_flat ({facts} amount cells in fct_line_items)")
        failed = con.execute(
            "select source_file, coalesce(min(reason), 'unknown') from parse_issues "
            "where severity = 'error' and stage in ('inventory', 'extract') group by 1 order by 1"
        ).fetchall()
        lines.append(f"documents that failed: {len(failed)}")
        for f, reason in failed:
            lines.append(f"  - {f}: {reason}")
        issues = con.execute(
            "select source_file, issue_code, severity, count(*), min(reason) from parse_issues "
            "where not (severity = 'error' and stage in ('inventory', 'extract')) "
            "group by 1, 2, 3 order by 1, 2"
        ).fetchall()
        lines.append(f"tables/pages with parse issues: {sum(i[3] for i in issues)} (table parse_issues)")
        for f, code, sev, n, reason in issues[:max_issue_lines]:
            lines.append(f"  - {f}: {code} ×{n} [{sev}] {reason}")
        if len(issues) > max_issue_lines:
            lines.append(f"  … {len(issues) - max_issue_lines} more kinds; query parse_issues")
        return "\n".join(lines)
    finally:
        con.close()
