"""Drill-down 溯源: from an amount to the PDF page it was printed on, with the cell's box highlighted.

Pick a document → table → amount, or open the page with ?line_item_key=… (every amount of
the other pages links here) or ?document_key=…&page=… (a whole page, as the audit page links
it). A text source has no page image: its printed row is shown instead, and the page says so.
"""
from __future__ import annotations

import io
from pathlib import Path

import streamlit as st

from pipeline.dashboard import queries
from pipeline.dashboard.render import CellBox, Link, drilldown_href, format_amount, html_table, render_page
from pipeline.dashboard.views.common import int_param, param, query, report_label
from pipeline.dashboard.warehouse import raw_dir

SCALE = 2.0  # pixels per PDF point: 144 dpi


def _pdf_path(document: dict) -> Path | None:
    """The document's PDF: where the run read it, else raw/ under its file name; None when neither is there."""
    for candidate in (document.get("source_path"), raw_dir() / (document.get("source_file") or "")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@st.cache_data(max_entries=64, show_spinner=False)
def _page_png(path: str, mtime_ns: int, page: int, box: CellBox | None) -> bytes:
    del mtime_ns  # part of the cache key only: a replaced PDF is rendered again
    buffer = io.BytesIO()
    render_page(path, page, box, scale=SCALE).save(buffer, format="PNG")
    return buffer.getvalue()


def _show_page(document: dict, page: int | None, box: CellBox | None, caption: str) -> None:
    if document.get("format") != "pdf":
        st.info(
            f"Text source 文本来源: {document.get('source_file')} is a text file, so there is no page image "
            "to show 无页面图像 — the amount's printed row of the table is shown instead."
        )
        return
    path = _pdf_path(document)
    if path is None:
        st.warning(f"The PDF {document.get('source_file')} is no longer where the run read it 找不到原文件.")
        return
    if page is None:
        st.warning("This amount has no page number 无页码.")
        return
    try:
        png = _page_png(str(path), path.stat().st_mtime_ns, page, box)
    except IndexError as error:
        st.warning(str(error))
        return
    st.image(png, caption=caption, width="stretch")


def _pick(current: dict | None) -> str | None:
    """Document → table → amount pickers; returns the chosen amount's line_item_key."""
    docs = query(queries.documents)
    if docs.empty:
        st.info("No documents in the warehouse 仓库中没有文件。")
        return None
    doc_records = {row["document_key"]: row for row in docs.to_dict("records")}
    doc_keys = list(doc_records)
    wanted_doc = (current or {}).get("document_key") or param("document_key")
    left, middle, right = st.columns([2, 2, 3])
    doc_key = left.selectbox(
        "Document 文件",
        doc_keys,
        index=doc_keys.index(wanted_doc) if wanted_doc in doc_keys else 0,
        format_func=lambda k: f"{doc_records[k]['source_file']} ({doc_records[k]['fiscal_year']} "
        f"{report_label(doc_records[k]['report_type'])})",
    )
    tables = query(queries.document_tables, doc_key)
    if tables.empty:
        middle.info("No tables 无表格")
        return None
    table_records = {row["table_key"]: row for row in tables.to_dict("records")}
    table_keys = list(table_records)
    wanted_table = (current or {}).get("table_key")
    table_key = middle.selectbox(
        "Table 表",
        table_keys,
        index=table_keys.index(wanted_table) if wanted_table in table_keys else 0,
        format_func=lambda k: f"{table_records[k]['table_index']}. {table_records[k]['table_title'] or ''} "
        f"(p. {table_records[k]['page_first']})",
    )
    amounts = query(queries.table_amounts, table_key)
    if amounts.empty:
        right.info("No amounts in this table 该表无金额")
        return None
    amount_records = {row["line_item_key"]: row for row in amounts.to_dict("records")}
    amount_keys = list(amount_records)
    wanted_amount = (current or {}).get("line_item_key")

    def label(key: str) -> str:
        row = amount_records[key]
        name = " ".join(part for part in (row["account_code"], row["account_name"] or row["row_label"]) if part)
        return f"{name or '—'} | {row['column_header'] or row['measure']} | {row['amount_text']}"

    return right.selectbox(
        "Row and amount 行与金额",
        amount_keys,
        index=amount_keys.index(wanted_amount) if wanted_amount in amount_keys else 0,
        format_func=label,
    )


def _amount(cell: dict) -> None:
    st.subheader(f"{cell['source_file']} — {cell['table_title'] or ''}")
    columns = st.columns([3, 2, 1, 1])
    columns[0].metric("Amount 金额", f"{format_amount(cell['amount'])} {cell['unit'] or ''}".strip())
    columns[1].metric("As printed 原文", cell["amount_text"] or "")
    columns[2].metric("Page 页码", cell["page"] if cell["page"] is not None else "—")
    columns[3].metric("Verified 已核验", "yes 是" if cell["verified"] else "no 否")
    row_name = " ".join(part for part in (cell["account_code"], cell["account_name"] or cell["row_label"]) if part)
    details = [
        ("Department 部门", cell["department"]),
        ("Year · report 年度 · 类型", f"{cell['fiscal_year']} · {report_label(cell['report_type'])}"),
        ("Table 表", f"{cell['table_index']}. {cell['table_title'] or ''} ({cell['table_type']})"),
        ("Row 行", row_name or "—"),
        ("Column 列", f"{cell['column_header'] or ''} ({cell['measure']})"),
        ("Amount in yuan 元", format_amount(cell["amount_yuan"])),
        ("Table confidence 表置信度", "" if cell["table_confidence"] is None else f"{cell['table_confidence']:.4f}"),
        ("Read by OCR OCR识别", "yes 是" if cell["is_ocr"] else "no 否"),
        ("line_item_key", cell["line_item_key"]),
    ]
    box = CellBox.from_row(cell)
    _show_page(
        cell,
        cell["page"],
        box,
        f"Page {cell['page']} of {cell['source_file']} — the cell's box highlighted 单元格位置已标出",
    )
    if cell.get("format") != "pdf" or box is None:
        row = query(queries.row_cells, cell["document_key"], cell["table_index"], cell["block_index"],
                    cell["row_index"])
        records = row.to_dict("records")
        highlight = frozenset(i for i, r in enumerate(records) if r["line_item_key"] == cell["line_item_key"])
        st.caption("The printed row 原文行 (the amount shaded):")
        st.html(
            html_table(
                records,
                {"account_code": "Code 编码", "account_name": "Name 名称", "row_label": "Label 行标签",
                 "column_header": "Column 列", "amount_text": "As printed 原文"},
                right=("amount_text",),
                highlight=highlight,
            )
        )
    with st.expander("Details 详情", expanded=True):
        st.html(html_table([{"k": k, "v": v} for k, v in details], {"k": "", "v": ""}, show_header=False))


def _page(document: dict, page: int) -> None:
    st.subheader(f"{document['source_file']} — page {page} 第{page}页")
    amounts = query(queries.page_amounts, document["document_key"], page)
    _show_page(document, page, None, f"Page {page} of {document['source_file']}")
    if amounts.empty:
        st.caption("No amounts read on this page 本页无金额。")
        return
    st.caption("Amounts read on this page 本页金额 — click one to see its cell:")
    st.html(
        html_table(
            [
                {**row, "amount_text": Link(row["amount_text"] or format_amount(row["amount"]),
                                            drilldown_href(line_item_key=row["line_item_key"]))}
                for row in amounts.to_dict("records")
            ],
            {"table_title": "Table 表", "row_key": "Row key 行键", "account_name": "Name 名称",
             "column_header": "Column 列", "amount_text": "As printed 原文", "unit": "Unit 单位"},
            right=("amount_text",),
        )
    )


def page() -> None:
    """The drill-down page."""
    st.title("Drill-down 溯源")
    st.caption("From an amount to the page it was printed on 从金额到原文页面。")
    line_item_key = param("line_item_key")
    current = query(queries.line_item, line_item_key) if line_item_key else None
    if line_item_key and current is None:
        st.warning(f"No amount with line_item_key {line_item_key} 找不到该金额。")
    document_key, page_number = param("document_key"), int_param("page")
    if current is None and document_key and page_number is not None:
        document = query(queries.document, document_key)
        if document is None:
            st.warning(f"No document {document_key} 找不到该文件。")
        else:
            _page(document, page_number)
            href = drilldown_href(document_key=document_key)
            st.markdown(f"[Pick another amount of this document 选择本文件的其他金额]({href})")
            return
    chosen = _pick(current)
    if chosen is None:
        return
    if current is None or chosen != current["line_item_key"]:
        current = query(queries.line_item, chosen)
        st.query_params.clear()
        st.query_params["line_item_key"] = chosen
    if current is not None:
        _amount(current)
