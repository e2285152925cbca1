"""The document audit as an asset check beside the warehouse: it fails (severity WARN, never
blocking) when any document of the published warehouse has error findings (fct_audit_findings).

The check reads the published file read-only after the build step has published it; its
metadata says how many documents have errors, the errors by rule_group and the worst
documents. A warehouse built before the audit (no fct_audit_findings) passes with a note.
Attached in pipeline/defs/warehouse.py to the dbt asset fct_audit_findings (or, in a dbt
project without that model, to dim_document).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetKey,
    MetadataValue,
    asset_check,
)

from ..audit import findings as audit
from .resources import PipelineSettings

CHECK_NAME = "no_audit_errors"
DESCRIPTION = ("No document has an error finding of the document audit (fct_audit_findings): a missing required "
               "table, a sum or a narrative amount that does not match its table. Severity WARN: it never stops "
               "the run; `python -m pipeline audit FILE` prints a document's findings.")
WORST = 10


def evaluate_audit(warehouse: Path, worst: int = WORST) -> AssetCheckResult:
    """The check on a warehouse file: passes when no document has an error finding (plain function)."""
    warehouse = Path(warehouse)
    if not warehouse.exists():
        return AssetCheckResult(passed=True, severity=AssetCheckSeverity.WARN, description=DESCRIPTION,
                                metadata={"note": f"no warehouse at {warehouse} yet: nothing to audit"})
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return AssetCheckResult(passed=False, severity=AssetCheckSeverity.WARN, description=DESCRIPTION,
                                metadata={"note": f"could not open {warehouse} to read its audit findings"})
    try:
        if not audit.has_findings(con):
            return AssetCheckResult(passed=True, severity=AssetCheckSeverity.WARN, description=DESCRIPTION,
                                    metadata={"note": "this warehouse has no fct_audit_findings table "
                                                      "(its dbt project has no document audit)"})
        matrix, documents = audit.totals(con, worst)
        with_errors = audit.documents_with_errors(con)
    finally:
        con.close()
    errors_by_group = {g: n for (g, s), n in sorted(matrix.items()) if s == "error"}
    by_severity = {s: sum(n for (_, sev), n in matrix.items() if sev == s) for s in audit.SEVERITIES}
    worst_md = "\n".join(f"- `{f}`: {e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
                         for f, e, w in documents) or "none"
    return AssetCheckResult(
        passed=with_errors == 0,
        severity=AssetCheckSeverity.WARN,
        description=DESCRIPTION,
        metadata={
            "documents_with_errors": with_errors,
            "errors": by_severity["error"],
            "warnings": by_severity["warning"],
            "info": by_severity["info"],
            "errors_by_rule_group": MetadataValue.json(errors_by_group),
            "worst_documents": MetadataValue.md(worst_md),
        },
    )


def audit_target(asset_keys: Iterable[AssetKey]) -> AssetKey:
    """The asset the check sits on: the dbt model fct_audit_findings, else dim_document."""
    keys = list(asset_keys)
    for name in (audit.FINDINGS_TABLE, "dim_document"):
        for key in keys:
            if key.path[-1] == name:
                return key
    return AssetKey(audit.FINDINGS_TABLE)


def make_audit_check(asset_keys: Iterable[AssetKey]):
    """The asset check on audit_target(asset_keys): evaluate_audit on the published warehouse."""

    @asset_check(asset=audit_target(asset_keys), name=CHECK_NAME, description=DESCRIPTION, blocking=False)
    def no_audit_errors(pipeline: PipelineSettings) -> AssetCheckResult:
        """Reads the published warehouse (read-only) after the build step published it."""
        return evaluate_audit(pipeline.settings().warehouse)

    return no_audit_errors
