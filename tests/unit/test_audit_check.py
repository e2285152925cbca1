"""The Dagster asset check of the document audit (pipeline/defs/audit.py), on fixture warehouses:
WARN when a document has error findings, with the documents, groups and worst documents; never a failed run."""
from __future__ import annotations

from dagster import AssetCheckSeverity, AssetKey, asset, materialize

from pipeline.defs.audit import CHECK_NAME, audit_target, evaluate_audit, make_audit_check
from pipeline.defs.resources import PipelineSettings
from tests.audit_fixture import finding, make_warehouse


def _value(result, name):
    return result.metadata[name].value


def test_check_fails_as_a_warning_when_a_document_has_errors(tmp_path):
    result = evaluate_audit(make_warehouse(tmp_path / "warehouse.duckdb"))
    assert result.passed is False
    assert result.severity == AssetCheckSeverity.WARN
    assert _value(result, "documents_with_errors") == 2
    assert (_value(result, "errors"), _value(result, "warnings"), _value(result, "info")) == (4, 2, 1)
    assert _value(result, "errors_by_rule_group") == {"cross_table": 1, "in_table": 1, "narrative": 1, "presence": 1}
    assert _value(result, "worst_documents").splitlines() == ["- `曾都区2023决算.pdf`: 3 errors, 1 warning",
                                                              "- `温县2022预算.pdf`: 1 error, 0 warnings"]


def test_check_passes_when_there_are_only_warnings_and_info(tmp_path):
    rows = [finding("w", "aaaa111122223333", "in_table", "warning"), finding("i", "bbbb111122223333", "in_table",
                                                                             "info")]
    result = evaluate_audit(make_warehouse(tmp_path / "warehouse.duckdb", findings=rows))
    assert result.passed is True
    assert _value(result, "documents_with_errors") == 0 and _value(result, "worst_documents") == "none"


def test_check_passes_with_a_note_on_a_warehouse_built_before_the_audit(tmp_path):
    result = evaluate_audit(make_warehouse(tmp_path / "warehouse.duckdb", findings=None))
    assert result.passed is True
    assert "no fct_audit_findings table" in _value(result, "note")
    assert evaluate_audit(tmp_path / "none.duckdb").passed is True


def test_check_on_an_unreadable_warehouse_is_a_warning_not_an_exception(tmp_path):
    broken = tmp_path / "warehouse.duckdb"
    broken.write_text("not a database")
    result = evaluate_audit(broken)
    assert result.passed is False and result.severity == AssetCheckSeverity.WARN
    assert _value(result, "note").startswith("could not open")


def test_check_sits_on_fct_audit_findings_or_else_dim_document():
    assert audit_target([AssetKey("dim_document"), AssetKey("fct_audit_findings")]) == AssetKey("fct_audit_findings")
    assert audit_target([AssetKey("fct_line_items"), AssetKey("dim_document")]) == AssetKey("dim_document")


def test_failing_check_does_not_fail_the_run(tmp_path):
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb")

    @asset(name="fct_audit_findings")
    def findings_model() -> None:
        """Stands for the dbt model (the warehouse is the fixture file)."""

    check = make_audit_check([findings_model.key])
    result = materialize([findings_model, check], resources={"pipeline": PipelineSettings(warehouse=str(warehouse))})
    assert result.success
    [evaluation] = result.get_asset_check_evaluations()
    assert evaluation.check_name == CHECK_NAME
    assert evaluation.passed is False and evaluation.severity == AssetCheckSeverity.WARN
    assert evaluation.metadata["documents_with_errors"].value == 2
