"""Compare 比较: departments or regions side by side on one account code, by year."""
from __future__ import annotations

import streamlit as st

from pipeline.dashboard import queries
from pipeline.dashboard.render import format_amount, html_table
from pipeline.dashboard.views.common import param, query, report_label

DEFAULT_ACCOUNT = "2080505"  # 机关事业单位基本养老保险缴费支出: printed by almost every department
GROUPS = {"department": "Department 部门", "province": "Province 省", "city": "City 市", "county": "County 县区"}


def page() -> None:
    """The compare page."""
    st.title("Compare 比较")
    st.caption(
        "One account code (科目编码: a 项 like 2080505, a 款 like 20805, a 类 like 201) side by side, by year; "
        "amounts in 万元, exact sums of the printed amounts, each report counted once."
    )
    accounts = query(queries.account_codes)
    if accounts.empty:
        st.info("No account-coded amounts in the warehouse 仓库中没有科目金额。")
        return
    names = dict(zip(accounts["account_code"], accounts["account_name"]))
    codes = list(names)
    wanted = param("account_code") or DEFAULT_ACCOUNT
    left, middle, right = st.columns([2, 1, 2])
    code = left.selectbox(
        "Account code 科目编码",
        codes,
        index=codes.index(wanted) if wanted in codes else 0,
        format_func=lambda c: f"{c} {names.get(c) or ''}",
    )
    wanted_group = param("group_by") or "department"
    group_by = middle.radio(
        "Compare 比较对象",
        list(GROUPS),
        index=list(GROUPS).index(wanted_group) if wanted_group in GROUPS else 0,
        format_func=GROUPS.get,
    )
    kinds = query(queries.compare_table_types, code)
    options = [(row["table_type"], row["measure"]) for row in kinds.to_dict("records")]
    default = ("expenditure", "total")
    kind = right.selectbox(
        "Table and measure 表与度量",
        options,
        index=options.index(default) if default in options else 0,
        format_func=lambda option: f"{option[0]} · {option[1]}",
    )
    st.query_params["account_code"] = code
    st.query_params["group_by"] = group_by

    result = query(queries.compare_account, code, group_by=group_by, table_type=kind[0], measure=kind[1])
    st.subheader(f"{code} {names.get(code) or ''} — {kind[0]} · {kind[1]} (万元)")
    if result.empty:
        st.info("No amount printed for this account in that table 该表中无此科目金额。")
        return
    result["period"] = result["fiscal_year"].astype(str) + " " + result["report_type"].map(report_label)
    result["wan"] = result["amount_yuan"].map(queries.yuan_to_wan)
    periods = sorted(result["period"].unique())
    rows = []
    for group_name, group_rows in result.groupby("group_name", sort=True):
        row = {"group_name": group_name}
        for record in group_rows.to_dict("records"):
            row[record["period"]] = format_amount(record["wan"])
        rows.append(row)
    st.html(
        html_table(rows, {"group_name": GROUPS[group_by], **{p: p for p in periods}}, right=tuple(periods))
    )
    chart = result.assign(万元=result["wan"].map(float).astype(float)).pivot_table(
        index="group_name", columns="period", values="万元", aggfunc="sum", fill_value=0.0
    )
    st.bar_chart(chart, x_label=GROUPS[group_by], y_label="万元", stack=False)
