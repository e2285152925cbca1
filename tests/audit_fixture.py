"""A small warehouse with audit findings (the columns of fct_audit_findings) for the audit tests."""
from __future__ import annotations

from pathlib import Path

import duckdb

FINDING_COLUMNS = ("finding_key", "document_key", "source_file", "department", "fiscal_year", "report_type",
                   "rule_id", "rule_group", "severity", "label_zh", "page", "table_index", "table_type",
                   "message_zh", "message_en", "expected", "found", "quoted_text", "check_key")

DOCUMENTS = [
    # document_key, source_file, department, fiscal_year, report_type, status, format
    ("aaaa111122223333", "曾都区2023决算.pdf", "曾都区政务服务和大数据管理局", 2023, "final", "loaded", "pdf"),
    ("aaaa444455556666", "曾都区2023决算.txt", "曾都区政务服务和大数据管理局", 2023, "final", "loaded", "text"),
    ("bbbb111122223333", "温县2022预算.pdf", "温县政务服务和大数据管理局", 2022, "budget", "loaded", "pdf"),
    ("cccc111122223333", "clean.pdf", "某某局", 2024, "budget", "loaded", "pdf"),
]


def finding(key: str, document_key: str, group: str, severity: str, **values) -> dict:
    """One finding row: the document's columns from DOCUMENTS, the rest from values (None when not given)."""
    doc = next(d for d in DOCUMENTS if d[0] == document_key)
    row = dict.fromkeys(FINDING_COLUMNS)
    row.update(finding_key=key, document_key=document_key, source_file=doc[1], department=doc[2],
               fiscal_year=doc[3], report_type=doc[4], rule_group=group, severity=severity,
               rule_id=f"{group}.rule", label_zh="规则", message_zh="说明", message_en="gloss")
    row.update(values)
    return row


FINDINGS = [
    finding("f1", "aaaa111122223333", "in_table", "info", rule_id="in_table.rounding", label_zh="尾数差异",
            page=5, table_index=2, table_type="支出决算表", message_zh="合计与各项之和相差0.01（尾数）。",
            message_en="The total differs from the sum of its items by 0.01 (rounding).",
            expected="100.01", found="100.00", quoted_text="合计\t100.00"),
    finding("f2", "aaaa111122223333", "presence", "error", rule_id="presence.required_table",
            label_zh="缺少必需的表", message_zh="未找到《政府性基金预算财政拨款收入支出决算表》。",
            message_en="The required table 政府性基金预算财政拨款收入支出决算表 was not found.",
            expected="present", found="absent"),
    finding("f3", "aaaa111122223333", "narrative", "error", rule_id="narrative.amount",
            label_zh="说明金额与表不符", page=2, table_index=None,
            message_zh="说明中的支出合计与表中不一致。", message_en="The narrative's total differs from the table.",
            expected="1,234.56", found="1,234.65",
            quoted_text='2023年支出合计<b>1,234.65</b>万元 | *比上年* & "增加" [详见](表1)'),
    finding("f4", "aaaa111122223333", "in_table", "warning", rule_id="in_table.sum_low_confidence",
            label_zh="合计不符（低置信度）", page=3, table_index=1, table_type="收入决算表",
            expected="50.00", found="5.00"),
    finding("f5", "aaaa111122223333", "in_table", "error", rule_id="in_table.sum", label_zh="合计不符",
            page=4, table_index=3, expected="10.00", found="11.00"),
    finding("f6", "bbbb111122223333", "cross_table", "error", rule_id="cross_table.total",
            label_zh="表间合计不符", page=7, table_index=4, expected="8", found="9"),
    finding("f7", "aaaa444455556666", "consistency", "warning", rule_id="consistency.year",
            label_zh="年度不一致", page=1),
]


def make_warehouse(path: Path, findings: list[dict] | None = FINDINGS, summary_tables: bool = True) -> Path:
    """A warehouse file with dim_document, dim_source_file and (unless findings is None) fct_audit_findings;
    with summary_tables, also the tables the run summary reads."""
    con = duckdb.connect(str(path))
    con.execute("create table dim_document (document_key varchar, source_file varchar, department varchar, "
                "fiscal_year integer, report_type varchar, status varchar, format varchar)")
    con.executemany("insert into dim_document values (?, ?, ?, ?, ?, ?, ?)", DOCUMENTS)
    con.execute("create table dim_source_file as select document_key, source_file, true as is_primary "
                "from dim_document union all select 'bbbb111122223333', 'copy of 温县2022预算.pdf', false")
    if findings is not None:
        con.execute("create table fct_audit_findings (finding_key varchar, document_key varchar, "
                    "source_file varchar, department varchar, fiscal_year integer, report_type varchar, "
                    "rule_id varchar, rule_group varchar, severity varchar, label_zh varchar, page integer, "
                    "table_index integer, table_type varchar, message_zh varchar, message_en varchar, "
                    "expected varchar, found varchar, quoted_text varchar, check_key varchar)")
        if findings:
            con.executemany(f"insert into fct_audit_findings values ({', '.join('?' * len(FINDING_COLUMNS))})",
                            [[f[c] for c in FINDING_COLUMNS] for f in findings])
    if summary_tables:
        con.execute("create table line_items_flat as select 1 as x")
        con.execute("create table fct_line_items as select 1 as x")
        con.execute("create table parse_issues (source_file varchar, stage varchar, issue_code varchar, "
                    "severity varchar, reason varchar)")
    con.close()
    return path
