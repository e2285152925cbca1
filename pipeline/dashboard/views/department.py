"""Department 部门: a department's budgets and final accounts over the years, budget vs final, 三公."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from pipeline.dashboard import queries
from pipeline.dashboard.render import Link, drilldown_href, format_amount, format_rate, html_table
from pipeline.dashboard.views.common import param, query, report_label

TABLE_TYPES = {
    "income": "income 收入",
    "expenditure": "expenditure 支出",
    "general_expenditure": "general budget expenditure 一般公共预算支出",
}
STAGES = {"budget": "budget 预算数", "final": "final 决算数"}


def _wan(amount_yuan) -> float:
    """万元 as a float: for charts only (the tables show exact Decimal text)."""
    return float(queries.yuan_to_wan(amount_yuan)) if amount_yuan is not None else 0.0


def _pick_department() -> dict | None:
    departments = query(queries.departments)
    if departments.empty:
        st.info("No departments in the warehouse 仓库中没有部门。")
        return None
    records = departments.to_dict("records")
    keys = [row["department_key"] for row in records]
    wanted = param("department_key")
    index = keys.index(wanted) if wanted in keys else 0
    chosen = st.selectbox(
        "Department 部门",
        keys,
        index=index,
        format_func=lambda key: next(
            f"{row['department_name']} — {row['province'] or ''}{row['city'] or ''}{row['county'] or ''}"
            for row in records
            if row["department_key"] == key
        ),
    )
    st.query_params["department_key"] = chosen
    return next(row for row in records if row["department_key"] == chosen)


def _totals(department_key: str) -> None:
    st.header("Budgets and final accounts 预算与决算")
    totals = query(queries.department_totals, department_key)
    if totals.empty:
        st.info("No 合计 of an income or expenditure table for this department.")
        return
    rows = [
        {
            "fiscal_year": row["fiscal_year"],
            "report_type": report_label(row["report_type"]),
            "table_type": TABLE_TYPES.get(row["table_type"], row["table_type"]),
            "amount": Link(format_amount(row["amount"]), drilldown_href(line_item_key=row["line_item_key"])),
            "unit": row["unit"],
            "wan": format_amount(queries.yuan_to_wan(row["amount_yuan"])),
            "source_file": row["source_file"],
        }
        for row in totals.to_dict("records")
    ]
    st.html(
        html_table(
            rows,
            {
                "fiscal_year": "Year 年度",
                "report_type": "Report 类型",
                "table_type": "Table 表",
                "amount": "合计 as printed 原文金额",
                "unit": "Unit 单位",
                "wan": "万元",
                "source_file": "File 文件",
            },
            right=("fiscal_year", "amount", "wan"),
        )
    )
    st.caption("Click an amount to see it on its PDF page 点击金额查看原文页面。")
    classes = query(queries.department_classes, department_key)
    if not classes.empty:
        st.subheader("Expenditure by functional class 支出按功能分类（类, 万元）")
        classes["period"] = classes["fiscal_year"].astype(str) + " " + classes["report_type"]
        classes["class"] = classes["class_code"] + " " + classes["class_name"].fillna("")
        classes["万元"] = classes["amount_yuan"].map(_wan).astype(float)
        chart = classes.pivot_table(index="period", columns="class", values="万元", aggfunc="sum", fill_value=0.0)
        st.bar_chart(chart, x_label="year 年度", y_label="万元")


def _execution(department_key: str) -> None:
    st.header("Budget vs final 预算执行")
    execution = query(queries.department_execution, department_key)
    if execution.empty:
        st.info(
            "No budget beside a final account for this department (fct_budget_execution): it needs a final "
            "account (决算) printing its budget column, or a budget and a final account of the same year."
        )
        return
    rows = [
        {
            "fiscal_year": row["fiscal_year"],
            "table_type": row["table_type"],
            "account": f"{row['row_key']} {row['row_name'] or ''}".strip(),
            "measure": row["measure"],
            "budget": format_amount(row["budget_amount"]),
            "final": format_amount(row["final_amount"]),
            "unit": row["final_unit"] or row["budget_unit"],
            "difference": format_amount(row["difference_yuan"]),
            "rate": format_rate(row["execution_rate"]),
        }
        for row in execution.to_dict("records")
    ]
    st.html(
        html_table(
            rows,
            {
                "fiscal_year": "Year 年度",
                "table_type": "Table 表",
                "account": "Account 科目",
                "measure": "Measure 度量",
                "budget": "Budget 预算数",
                "final": "Final 决算数",
                "unit": "Unit 单位",
                "difference": "Final − budget 差额（元）",
                "rate": "Execution rate 执行率",
            },
            right=("fiscal_year", "budget", "final", "difference", "rate"),
        )
    )
    chart = execution[execution["execution_rate"].notna()].copy()
    if not chart.empty:
        chart["account"] = chart["row_key"] + " " + chart["row_name"].fillna("")
        chart["rate %"] = chart["execution_rate"].map(lambda rate: float(rate) * 100).astype(float)
        st.bar_chart(chart, x="account", y="rate %", x_label="account 科目", y_label="execution rate 执行率 %")


def _three_public(department_key: str) -> None:
    st.header("“三公” expenses over time 三公经费")
    three = query(queries.department_three_public, department_key)
    if three.empty:
        st.info("No “三公” table (三公经费支出表) for this department.")
        return
    rows = [
        {
            "fiscal_year": row["fiscal_year"],
            "stage": STAGES.get(row["stage"], row["stage"]),
            "item": row["item_name_zh"] or row["item_code"],
            "amount": Link(format_amount(row["amount"]), drilldown_href(line_item_key=row["line_item_key"])),
            "unit": row["unit"],
        }
        for row in three.to_dict("records")
    ]
    st.html(
        html_table(
            rows,
            {"fiscal_year": "Year 年度", "stage": "Stage 阶段", "item": "Item 项目", "amount": "Amount 金额",
             "unit": "Unit 单位"},
            right=("fiscal_year", "amount"),
        )
    )
    totals: pd.DataFrame = three[three["item_code"] == "total"].copy()
    if not totals.empty:
        totals["万元"] = totals["amount_yuan"].map(_wan).astype(float)
        chart = totals.pivot_table(index="fiscal_year", columns="stage", values="万元", aggfunc="sum", fill_value=0.0)
        chart.index = chart.index.astype(str)
        st.line_chart(chart, x_label="year 年度", y_label="三公 合计 万元")


def page() -> None:
    """The department page."""
    st.title("Department 部门")
    department = _pick_department()
    if department is None:
        return
    st.subheader(department["department_name"])
    st.caption(
        f"{department['province'] or ''} {department['city'] or ''} {department['county'] or ''} · "
        f"{department['document_count']} documents 文件 · {department['first_fiscal_year']}–"
        f"{department['last_fiscal_year']}"
    )
    documents = query(queries.department_documents, department["department_key"])
    with st.expander(f"Documents 文件 ({len(documents)})"):
        st.html(
            html_table(
                [
                    {**row, "report_type": report_label(row["report_type"]),
                     "is_preferred": "✓" if row["is_preferred"] else ""}
                    for row in documents.to_dict("records")
                ],
                {"fiscal_year": "Year 年度", "report_type": "Report 类型", "source_file": "File 文件",
                 "format": "Format 格式", "status": "Status 状态", "is_preferred": "Counted 计入"},
            )
        )
    _totals(department["department_key"])
    _execution(department["department_key"])
    _three_public(department["department_key"])
