"""Audit 审核: a document's findings (fct_audit_findings), errors first, each linking to its page."""
from __future__ import annotations

import streamlit as st

from pipeline.dashboard import queries
from pipeline.dashboard.render import Link, drilldown_href, html_table
from pipeline.dashboard.views.common import SEVERITIES, param, query, report_label

EVIDENCE = (("expected 应为", "expected"), ("found 实为", "found"), ("quoted 原文", "quoted_text"))


def page() -> None:
    """The audit page."""
    st.title("Audit 审核")
    st.caption(
        "What a reviewer would flag in one document (fct_audit_findings; docs/reviewer-guide.md): errors first, "
        "then warnings, then info. Click a page to see it 点击页码查看原文。"
    )
    quality = query(queries.document_quality)  # the worst document first: the default
    if quality.empty:
        st.info("No documents in the warehouse 仓库中没有文件。")
        return
    records = {row["document_key"]: row for row in quality.to_dict("records")}
    keys = list(records)
    wanted = param("document_key")
    document_key = st.selectbox(
        "Document 文件",
        keys,
        index=keys.index(wanted) if wanted in keys else 0,
        format_func=lambda k: f"{records[k]['source_file']} — {records[k]['department']} "
        f"{records[k]['fiscal_year']} {report_label(records[k]['report_type'])} "
        f"({records[k]['errors']} errors, {records[k]['warnings']} warnings)",
    )
    st.query_params["document_key"] = document_key
    chosen = records[document_key]
    st.subheader(f"{chosen['source_file']} — {chosen['department']} {chosen['fiscal_year']} "
                 f"{report_label(chosen['report_type'])}")
    findings = query(queries.document_findings, document_key)
    counts = findings["severity"].value_counts() if not findings.empty else {}
    columns = st.columns(4)
    columns[0].metric("Findings 发现", len(findings))
    columns[1].metric("Errors 错误", int(counts.get("error", 0)))
    columns[2].metric("Warnings 警告", int(counts.get("warning", 0)))
    columns[3].metric("Info 提示", int(counts.get("info", 0)))
    if findings.empty:
        st.success("No findings for this document 本文件无审核发现。")
        return
    rows = []
    for row in findings.to_dict("records"):
        page_number = row["page"]
        rows.append(
            {
                "severity": SEVERITIES.get(row["severity"], row["severity"]),
                "rule": f"{row['label_zh'] or ''}\n{row['rule_id']}",
                "page": Link(f"page {page_number} 第{page_number}页",
                             drilldown_href(document_key=document_key, page=page_number))
                if page_number is not None else "whole document 全文",
                "message": f"{row['message_zh'] or ''}\n{row['message_en'] or ''}",
                "evidence": "\n".join(
                    f"{label}: {row[key]}"
                    for label, key in EVIDENCE
                    if row[key] not in (None, "")
                ),
            }
        )
    errors = frozenset(i for i, row in enumerate(findings.to_dict("records")) if row["severity"] == "error")
    st.html(
        html_table(
            rows,
            {"severity": "Severity 严重程度", "rule": "Rule 规则", "page": "Where 位置", "message": "Message 说明",
             "evidence": "Evidence 证据"},
            highlight=errors,
        )
    )
