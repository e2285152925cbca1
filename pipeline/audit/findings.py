"""Reading the audit findings of the published warehouse (table ``fct_audit_findings``).

Every function takes an open DuckDB connection (read-only is enough) and returns
plain rows (dicts); nothing here prints or raises for a warehouse that was built
before the audit existed — ``has_findings`` tells the callers so they can say it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

FINDINGS_TABLE = "fct_audit_findings"
GROUPS = ("presence", "in_table", "cross_table", "narrative", "consistency")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Document:
    """A document of the warehouse as the audit report names it."""

    document_key: str
    source_file: str
    department: str | None = None
    fiscal_year: int | None = None
    report_type: str | None = None
    status: str | None = None


def has_table(con, name: str) -> bool:
    """True when the warehouse's main schema holds a table or view of this name."""
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_name = ? and table_schema = 'main'",
        [name]).fetchone()[0])


def has_findings(con) -> bool:
    """True when the warehouse was built with the document audit (it has fct_audit_findings)."""
    return has_table(con, FINDINGS_TABLE)


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def documents(con) -> list[Document]:
    """Every document of the warehouse (dim_document), plus any that only the findings name."""
    docs: dict[str, Document] = {}
    if has_table(con, "dim_document"):
        for row in _dicts(con.execute(
                "select document_key, source_file, department, fiscal_year, report_type, status "
                "from dim_document order by source_file, document_key")):
            docs.setdefault(row["document_key"], Document(**row))
    if has_findings(con):
        for row in _dicts(con.execute(
                f"select document_key, min(source_file) as source_file, min(department) as department, "
                f"min(fiscal_year) as fiscal_year, min(report_type) as report_type from {FINDINGS_TABLE} "
                "group by 1 order by 2, 1")):
            docs.setdefault(row["document_key"], Document(**row))
    return sorted(docs.values(), key=lambda d: (d.source_file or "", d.document_key))


def _names(con) -> list[tuple[str, str]]:
    """(document_key, file name) of every name a document has (dim_source_file) and its own name."""
    names = [(d.document_key, d.source_file) for d in documents(con) if d.source_file]
    if has_table(con, "dim_source_file"):
        names += con.execute("select document_key, source_file from dim_source_file "
                             "where source_file is not null").fetchall()
    return names


def find_documents(con, query: str) -> list[Document]:
    """The documents a name or key means, best match first.

    An exact document_key or file name (a path is taken by its name) is one document;
    otherwise every document whose file name contains the query (case-insensitive) or
    whose document_key starts with it. More than one → the caller lists them.
    """
    query = query.strip()
    by_key = {d.document_key: d for d in documents(con)}
    if query in by_key:
        return [by_key[query]]
    name = PurePath(query).name if ("/" in query or "\\" in query) else query
    names = _names(con)
    exact = sorted({k for k, n in names if n == name})
    if not exact:
        exact = sorted({k for k, n in names if n.casefold() == name.casefold()})
    if exact:
        return [by_key[k] for k in exact if k in by_key]
    needle = name.casefold()
    partial = {k for k, n in names if needle and needle in n.casefold()}
    partial |= {k for k in by_key if len(query) >= 4 and k.startswith(query.lower())}
    return sorted((by_key[k] for k in partial if k in by_key), key=lambda d: (d.source_file or "", d.document_key))


def load_findings(con, document_keys: list[str] | None = None) -> dict[str, list[dict]]:
    """The findings of these documents (all when None), as dicts, by document_key."""
    sql = f"select * from {FINDINGS_TABLE}"
    params: list = []
    if document_keys is not None:
        if not document_keys:
            return {}
        sql += " where document_key in (select unnest(?))"
        params = [list(document_keys)]
    out: dict[str, list[dict]] = {k: [] for k in document_keys or []}
    for row in _dicts(con.execute(sql, params)):
        out.setdefault(row["document_key"], []).append(row)
    return out


def totals(con, worst: int = 5) -> tuple[dict[tuple[str, str], int], list[tuple[str, int, int]]]:
    """Findings counted by (rule_group, severity), and the `worst` documents with most errors:
    (source file, errors, warnings), most errors first."""
    counts = {(g, s): n for g, s, n in con.execute(
        f"select rule_group, severity, count(*) from {FINDINGS_TABLE} group by 1, 2").fetchall()}
    docs = con.execute(
        f"select min(source_file), count(*) filter (where severity = 'error') as errors, "
        f"count(*) filter (where severity = 'warning') from {FINDINGS_TABLE} "
        "group by document_key having errors > 0 order by errors desc, 1 limit ?", [worst]).fetchall()
    return counts, [(f, int(e), int(w)) for f, e, w in docs]


def documents_with_errors(con) -> int:
    """How many documents have at least one error finding."""
    return con.execute(f"select count(distinct document_key) from {FINDINGS_TABLE} "
                       "where severity = 'error'").fetchone()[0]
