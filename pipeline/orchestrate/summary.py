"""The run summary: what the published warehouse holds and what could not be read."""
from __future__ import annotations

from datetime import UTC
from pathlib import Path

import duckdb

DOCUMENT_STATUSES = ("loaded", "loaded_with_warnings", "refused", "failed")


def _has_table(con, name: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_name = ?", [name]).fetchone()[0])


def _more(listed: int, total: int, where: str) -> list[str]:
    return [f"  … {total - listed} more{where}"] if total > listed else []


def run_summary(warehouse: Path, max_issue_lines: int = 40) -> str:
    """What the published warehouse holds and what could not be read (failed documents, checks, issues).

    Each list (least certain tables, refused and failed files, failing checks, removed files, kinds of
    parse issue) shows at most max_issue_lines lines and says how many more there are: the command
    line's quiet run prints it with 3, its log file and `python -m pipeline summary` with 40."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        lines = []
        docs = con.execute(
            "select format, count(*) from dim_document group by 1 order by 1"
        ).fetchall()
        total_docs = sum(d[1] for d in docs)
        lines.append(f"documents read: {total_docs} (" + ", ".join(f"{d[0] or 'unknown'}: {d[1]}" for d in docs) + ")")
        statuses = dict(con.execute("select status, count(*) from dim_document group by 1").fetchall())
        lines.append("  " + ", ".join(f"{statuses.get(s, 0)} {s.replace('_', ' ')}" for s in DOCUMENT_STATUSES)
                     + " (dim_document.status)")
        items = con.execute("select count(*) from line_items_flat").fetchone()[0]
        facts = con.execute("select count(*) from fct_line_items").fetchone()[0]
        lines.append(f"line items loaded: {items} in line_items_flat ({facts} amount cells in fct_line_items)")
        if _has_table(con, "dim_table"):
            lines.extend(verification_lines(con, worst=min(5, max_issue_lines)))
        if _has_table(con, "fct_reconciliation_checks"):
            held, checks, docs_failing = con.execute(
                "select count(*) filter (where passed), count(*), "
                "count(distinct document_key) filter (where not passed) from fct_reconciliation_checks").fetchone()
            lines.append(f"reconciliation checks (勾稽): {held} of {checks} hold; {docs_failing} document(s) "
                         "with one that does not (fct_reconciliation_checks)")
        if _has_table(con, "ingestion_errors"):
            not_loaded = con.execute(
                "select source_file, stage, issue_code, reason, outcome from ingestion_errors "
                "where is_current order by outcome desc, source_file"
            ).fetchall()
            held = [f for f in not_loaded if f[1] == "warehouse"]
            refused = [f for f in not_loaded if f[4] == "refused"]
            failed = [f for f in not_loaded if f[4] != "refused" and f[1] != "warehouse"]
            lines.append(f"documents refused (not a budget or final-account disclosure): {len(refused)} "
                         "(table ingestion_errors)")
            lines += [f"  - {f}: {reason}" for f, _, _, reason, _ in refused[:max_issue_lines]]
            lines += _more(max_issue_lines, len(refused), "; query ingestion_errors")
            lines.append(f"documents that failed (nothing could be loaded): {len(failed)} (table ingestion_errors)")
            lines += [f"  - {f}: [{stage}/{code}] {reason}" for f, stage, code, reason, _ in failed[:max_issue_lines]]
            lines += _more(max_issue_lines, len(failed), "; query ingestion_errors")
            if held:
                lines.append(f"documents held back by the build (their rows failed a data test): {len(held)}")
                lines += [f"  - {f}: {reason}" for f, _, _, reason, _ in held[:max_issue_lines]]
                lines += _more(max_issue_lines, len(held), "; query ingestion_errors")
        else:
            failed = con.execute(
                "select source_file, coalesce(min(reason), 'unknown') from parse_issues "
                "where severity = 'error' and stage in ('inventory', 'extract') group by 1 order by 1"
            ).fetchall()
            lines.append(f"documents that failed: {len(failed)}")
            for f, reason in failed:
                lines.append(f"  - {f}: {reason}")
        if _has_table(con, "fct_audit_findings"):
            lines.extend(audit_lines(con))
        if _has_table(con, "document_checks"):
            exclude = ("and document_key not in (select document_key from ingestion_errors)"
                       if _has_table(con, "ingestion_errors") else "")
            checks = con.execute(
                f"select source_file, check_name, detail from document_checks where not passed {exclude} order by 1, 2"
            ).fetchall()
            n_docs = len({c[0] for c in checks})
            lines.append(f"documents failing a quality check: {n_docs} (table document_checks; loaded documents)")
            for f, name, detail in checks[:max_issue_lines]:
                lines.append(f"  - {f}: {name} — {detail}")
            lines += _more(max_issue_lines, len(checks), "; query document_checks")
        if _has_table(con, "removed_documents"):
            removed = con.execute(
                "select source_file, change, line_item_count, removed_at from removed_documents "
                "order by removed_at desc, source_file"
            ).fetchall()
            if removed:
                lines.append(f"documents removed from raw/ (table removed_documents): {len(removed)}")
                shown = min(10, max_issue_lines)
                for f, change, n, at in removed[:shown]:
                    when = f"{at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if at else "at an unknown time"
                    lines.append(f"  - {f}: {change} {when} ({n or 0} line items left the warehouse)")
                lines += _more(shown, len(removed), "; query removed_documents")
        issues = con.execute(
            "select source_file, issue_code, severity, count(*), min(reason) from parse_issues "
            "where not (severity = 'error' and stage in ('inventory', 'extract')) "
            "group by 1, 2, 3 order by 1, 2"
        ).fetchall()
        lines.append(f"tables/pages with parse issues: {sum(i[3] for i in issues)} (table parse_issues)")
        for f, code, sev, n, reason in issues[:max_issue_lines]:
            lines.append(f"  - {f}: {code} ×{n} [{sev}] {reason}")
        lines += _more(max_issue_lines, len(issues), " kinds; query parse_issues")
        return "\n".join(lines)
    finally:
        con.close()


def verification_lines(con, worst: int = 5) -> list[str]:
    """How far the tables' own sums verify what was read: identities, tables, facts, and the
    least certain tables (dim_table.confidence, fct_line_items.verified). A warehouse built before
    readings were verified has no such columns: then nothing is said."""
    has_columns = con.execute(
        "select count(*) from information_schema.columns where table_name = 'dim_table' "
        "and column_name = 'identities_tested'").fetchone()[0]
    if not has_columns:
        return []
    tested, held, tables, whole = con.execute(
        "select coalesce(sum(identities_tested), 0), coalesce(sum(identities_held), 0), "
        "count(*) filter (where identities_tested > 0), "
        "count(*) filter (where identities_tested > 0 and identities_held = identities_tested) from dim_table"
    ).fetchone()
    verified, facts = con.execute("select count(*) filter (where verified), count(*) from fct_line_items").fetchone()
    if not tested:
        return ["verified by the tables' own sums: no table had an identity to test"]
    lines = [f"verified by the tables' own sums: {held} of {tested} identities hold ({held / tested:.1%}); "
             f"{whole} of {tables} tables add up everywhere; {verified} of {facts} facts verified "
             "(dim_table.confidence, fct_line_items.verified)"]
    worst = con.execute(
        "select f.source_file, t.table_title, t.identities_held, t.identities_tested from dim_table t "
        "join dim_source_file f on f.document_key = t.document_key "
        "where t.identities_tested > 0 and t.identities_held < t.identities_tested "
        "qualify row_number() over (partition by t.table_key order by f.source_file) = 1 "
        "order by t.confidence, t.identities_tested desc limit ?", [worst]
    ).fetchall()
    for source_file, title, h, t in worst:
        lines.append(f"  - {source_file}: {title or 'untitled table'} — {h} of {t} identities hold")
    return lines


def audit_lines(con, worst: int = 5) -> list[str]:
    """The document audit in a few lines: findings by severity and group, and the documents
    with most errors (fct_audit_findings; `python -m pipeline audit FILE` prints one in full)."""
    from ..audit.findings import GROUPS, SEVERITIES, totals
    from ..audit.report import describe_totals

    matrix, documents = totals(con, worst)
    if not matrix:
        return ["audit findings: none — every document passed every audit rule (table fct_audit_findings)"]
    by_severity = {s: sum(n for (_, sev), n in matrix.items() if sev == s) for s in SEVERITIES}
    n_docs = con.execute("select count(distinct document_key) from fct_audit_findings").fetchone()[0]
    lines = [f"audit findings: {describe_totals(by_severity)} in {n_docs} documents "
             "(table fct_audit_findings; `python -m pipeline audit FILE` for one in full)"]
    groups = [*GROUPS, *sorted({g for g, _ in matrix} - set(GROUPS))]
    parts = []
    for g in groups:
        counts = [(s, matrix.get((g, s), 0)) for s in SEVERITIES]
        if any(n for _, n in counts):
            parts.append(f"{g} " + "/".join(str(n) for _, n in counts))
    lines.append("  by group (errors/warnings/info): " + ", ".join(parts))
    if documents:
        lines.append("  most errors: " + ", ".join(f"{f} ({e})" for f, e, _ in documents))
    return lines
