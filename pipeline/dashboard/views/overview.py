"""Overview 总览: documents by region, year and report type; quality, the worst documents first."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from pipeline.dashboard import queries
from pipeline.dashboard.render import Link, audit_href, html_table
from pipeline.dashboard.views.common import SEVERITIES, query, report_label


def _confidence(value) -> str:
    return "" if value is None or value != value else f"{value:.4f}"


def page() -> None:
    """The overview page."""
    st.title("Overview 总览")
    counts = query(queries.overview_counts)
    columns = st.columns(6)
    columns[0].metric("Documents 文件", counts["documents"], help="files in raw/ read into dim_document")
    columns[1].metric("Reports 报告", counts["reports"], help="documents counted once (is_preferred)")
    columns[2].metric("Departments 部门", counts["departments"])
    columns[3].metric("Amount cells 金额", f"{counts['line_items']:,}", help="rows of fct_line_items")
    columns[4].metric("Errors 错误", counts["error_findings"], help="audit findings of severity error")
    columns[5].metric("Warnings 警告", counts["warning_findings"], help="audit findings of severity warning")

    st.header("Documents by region and year 按地区、年度")
    by_region = query(queries.documents_by_region)
    st.html(
        html_table(
            [{**row, "report_type": report_label(row["report_type"])} for row in by_region.to_dict("records")],
            {
                "province": "Province 省",
                "city": "City 市",
                "fiscal_year": "Year 年度",
                "report_type": "Report 类型",
                "documents": "Documents 文件",
                "reports": "Reports 报告",
            },
            right=("fiscal_year", "documents", "reports"),
        )
    )
    if not by_region.empty:
        chart = by_region.astype({"reports": int}).pivot_table(
            index="fiscal_year", columns="report_type", values="reports", aggfunc="sum", fill_value=0
        )
        chart.index = chart.index.astype(str)
        st.bar_chart(chart, x_label="fiscal year 年度", y_label="reports 报告")

    st.header("Quality 质量")
    severities = query(queries.findings_by_severity)
    st.subheader("Audit findings by severity 审核发现（按严重程度）")
    st.html(
        html_table(
            [
                {**row, "severity": SEVERITIES.get(row["severity"], row["severity"])}
                for row in severities.to_dict("records")
            ],
            {"severity": "Severity 严重程度", "findings": "Findings 发现", "documents": "Documents 文件"},
            right=("findings", "documents"),
        )
    )
    st.subheader("Documents, the worst first 文件质量（最差在前）")
    st.caption(
        "Most audit errors first, then warnings, failed 勾稽 checks, the lowest quality score and the least sure "
        "table (dim_table.confidence: the share of its own sums that hold). Click a file for its audit findings."
    )
    quality: pd.DataFrame = query(queries.document_quality)
    rows = [
        {
            **row,
            "source_file": Link(row["source_file"], audit_href(row["document_key"])),
            "report_type": report_label(row["report_type"]),
            "is_preferred": "✓" if row["is_preferred"] else "",
            "quality_score": _confidence(row["quality_score"]),
            "min_table_confidence": _confidence(row["min_table_confidence"]),
        }
        for row in quality.to_dict("records")
    ]
    st.html(
        html_table(
            rows,
            {
                "source_file": "File 文件",
                "department": "Department 部门",
                "fiscal_year": "Year 年度",
                "report_type": "Report 类型",
                "status": "Status 状态",
                "is_preferred": "Counted 计入",
                "errors": "Errors 错误",
                "warnings": "Warnings 警告",
                "infos": "Info 提示",
                "check_failed_count": "Failed 勾稽",
                "failed_document_checks": "Failed checks 检查",
                "quality_score": "Quality 质量分",
                "min_table_confidence": "Least table confidence 最低置信度",
                "low_confidence_tables": "Tables < 1 表",
            },
            right=(
                "fiscal_year", "errors", "warnings", "infos", "check_failed_count", "failed_document_checks",
                "quality_score", "min_table_confidence", "low_confidence_tables",
            ),
        )
    )
