"""Holding one document back when its rows fail a data test (quarantine).

A data test that fails in the warehouse build would otherwise stop the whole
night: nothing is published for any document. Most failures come from one
document's rows (a table read twice, a row without its key). So the build:

1. runs ``dbt build``; when every node passes, publishes;
2. otherwise reads which data tests failed (dbt's ``run_results.json`` and
   ``manifest.json``) and runs each failed test's compiled query on the built
   file to find the documents its failing rows belong to (the project's
   generic tests return whole rows, ``document_key``/``document_id`` among
   them: ``dbt_project/macros/generic_tests.sql``);
3. when every failure is traced to documents, builds again with those documents
   held back (``BUDGET_QUARANTINE``: their rows leave the staging models, and
   ``ingestion_errors`` lists them with the test's meaning in plain language);
4. publishes only when a build passes; a failure that is not a document's (a
   model that does not compile, a unit test, a test whose rows carry no
   document) stops the publish and the last published warehouse stays.

Everything here is plain Python over dbt's artifacts and a DuckDB file.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

QUARANTINE_ENV = "BUDGET_QUARANTINE"
DOCUMENT_COLUMNS = ("document_key", "document_id")
FAILED = ("fail", "error")

# what a failed generic test means, in plain language ({model}, {column}, {to} filled in)
_MEANINGS = {
    "unique": "two of its rows in {model} have the same {column}, which must be unique "
              "(usually a table or a row read twice)",
    "not_null": "a row of it in {model} has no {column}, which every row must have",
    "accepted_values": "a row of it in {model} has a {column} outside the allowed values",
    "relationships": "a row of it in {model} refers to a {column} value that {to} does not have",
}


@dataclass(frozen=True)
class FailedTest:
    """A node of a dbt build that did not pass: a data test, a unit test or a model."""

    unique_id: str
    name: str
    resource_type: str  # test | unit_test | model | seed …
    status: str  # fail | error
    compiled_code: str | None
    meaning: str  # plain language, for ingestion_errors and the run summary
    message: str  # dbt's own message (for the log, not for reasons)

    @property
    def is_data_test(self) -> bool:
        """A data test that returned rows (not one that errored, not a unit test)."""
        return self.resource_type == "test" and self.status == "fail" and bool(self.compiled_code)


@dataclass(frozen=True)
class HeldBack:
    """A document the build holds back, and why."""

    document_id: str
    test_name: str
    reason: str
    held_at: datetime


def failed_nodes(run_results: dict, manifest: dict) -> list[FailedTest]:
    """The nodes of a dbt build that failed (status fail or error), with what each means."""
    nodes = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    failed = []
    for result in run_results.get("results", []):
        if result.get("status") not in FAILED:
            continue
        node = nodes.get(result["unique_id"], {})
        failed.append(FailedTest(
            unique_id=result["unique_id"],
            name=node.get("name") or result["unique_id"].rsplit(".", 1)[-1],
            resource_type=node.get("resource_type") or result["unique_id"].split(".", 1)[0],
            status=result["status"],
            compiled_code=result.get("compiled_code"),
            meaning=test_meaning(node),
            message=result.get("message") or "",
        ))
    return failed


def test_meaning(node: dict) -> str:
    """What a failing data test says about a document's rows, in plain language.

    A test's own description (``description:`` in its YAML, or ``meta.meaning``)
    wins; dbt's four generic tests have a sentence each; other tests are named.
    """
    meaning = (node.get("meta") or {}).get("meaning") or (node.get("config", {}).get("meta") or {}).get("meaning")
    if meaning:
        return meaning
    if node.get("description"):
        return node["description"].strip()
    metadata = node.get("test_metadata") or {}
    kind = metadata.get("name")
    kwargs = metadata.get("kwargs") or {}
    model = node.get("attached_node") or ""
    model = model.rsplit(".", 1)[-1] or "the warehouse"
    if kind in _MEANINGS:
        to = str(kwargs.get("to", "")).replace("ref('", "").replace("')", "") or "the referenced table"
        return _MEANINGS[kind].format(model=model, column=kwargs.get("column_name") or "the key", to=to)
    return f"its rows fail the check '{node.get('name', 'a data test')}'"


def documents_of(con, test: FailedTest) -> set[str] | None:
    """The documents whose rows a failed data test returned; None when its rows carry no document.

    `con` is a DuckDB connection to the file dbt built (the test's compiled query
    names its relations by that file's catalog).
    """
    if not test.is_data_test:
        return None
    query = test.compiled_code.strip().rstrip(";")
    try:
        columns = [d[0] for d in con.execute(f"select * from ({query}) limit 0").description]
    except Exception:  # noqa: BLE001 - a query that cannot run here cannot be traced to a document
        return None
    column = next((c for c in DOCUMENT_COLUMNS if c in columns), None)
    if column is None:
        return None
    rows = con.execute(f"select distinct cast({column} as varchar) from ({query})").fetchall()
    documents = {r[0] for r in rows if r[0] is not None}
    return documents or None


def trace(build_path: Path, failed: list[FailedTest]) -> tuple[dict[str, FailedTest], list[FailedTest]]:
    """Split the failures into those traced to documents ({document: first test}) and the rest."""
    import duckdb

    traced: dict[str, FailedTest] = {}
    untraced: list[FailedTest] = []
    con = duckdb.connect(str(build_path), read_only=True)
    try:
        # the tests' queries read the Parquet datasets by paths relative to the folder dbt ran in
        folder = str(build_path.parent).replace("'", "''")
        con.execute(f"set file_search_path = '{folder}'")
        for test in failed:
            documents = documents_of(con, test)
            if documents is None:
                untraced.append(test)
                continue
            for document in sorted(documents):
                traced.setdefault(document, test)
    finally:
        con.close()
    return traced, untraced


def held_back(traced: dict[str, FailedTest], when: datetime) -> list[HeldBack]:
    """The documents to hold back, each with a plain-language reason naming the failed test."""
    return [
        HeldBack(document, test.name,
                 f"Held back from the warehouse: its rows failed the data test '{test.name}' — "
                 f"{test.meaning}. The other documents were published without it.", when)
        for document, test in sorted(traced.items())
    ]


def environment(documents: list[HeldBack]) -> dict[str, str]:
    """The environment variable that tells the dbt build which documents to hold back."""
    value = json.dumps([
        {"document_id": d.document_id, "test_name": d.test_name, "reason": d.reason,
         "held_at": d.held_at.isoformat()}
        for d in documents
    ])  # ASCII only (\\u escapes), read by from_json in stg_quarantined_documents
    return {QUARANTINE_ENV: value}


def describe(failures: list[FailedTest]) -> str:
    """One line per failure that is not a document's, for the run's error message: what a failing
    test found, or that a node could not run at all (dbt's message is in the log)."""
    return "; ".join(
        f"{f.resource_type} {f.name} " + (f"found rows: {f.meaning}" if f.status == "fail" else
                                         "could not run (an error in the warehouse project; see the log)")
        for f in failures)
