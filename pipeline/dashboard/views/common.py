"""What every page shares: the cached read-only warehouse connection, query parameters, the sidebar."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from pipeline.dashboard import queries
from pipeline.dashboard.warehouse import WarehouseConnection, warehouse_path

T = TypeVar("T")

REPORT_TYPES = {"budget": "budget 预算", "final": "final 决算"}
SEVERITIES = {"error": "error 错误", "warning": "warning 警告", "info": "info 提示"}


@st.cache_resource
def _warehouse(path: str) -> WarehouseConnection:
    return WarehouseConnection(path)


def warehouse() -> WarehouseConnection:
    """The process-wide read-only connection to the warehouse (reopened when a run replaces the file)."""
    return _warehouse(str(warehouse_path()))


def query(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run one function of `queries` on a fresh cursor of the warehouse; stop the page if there is no warehouse."""
    try:
        with warehouse().cursor() as cursor:
            return function(cursor, *args, **kwargs)
    except FileNotFoundError as error:
        st.error(f"{error}")
        st.stop()
        raise


def param(name: str) -> str | None:
    """A query parameter of the page's URL (?name=value), None when absent or empty."""
    value = st.query_params.get(name)
    return value or None


def int_param(name: str) -> int | None:
    """An integer query parameter (None when absent or not a number)."""
    value = param(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def report_label(report_type: str | None) -> str:
    """budget → 'budget 预算', final → 'final 决算'."""
    return REPORT_TYPES.get(report_type or "", report_type or "")


def sidebar() -> None:
    """The warehouse file the pages read and when it was built (read-only)."""
    build = query(queries.warehouse_build)
    st.sidebar.caption(f"Warehouse 数据仓库 (read-only 只读): `{warehouse_path()}`")
    if build:
        st.sidebar.caption(f"built 构建于 {build['built_at']:%Y-%m-%d %H:%M} UTC from {build['documents']} documents")
