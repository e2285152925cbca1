"""The analyst dashboard (`make dashboard`): `streamlit run pipeline/dashboard/app.py`.

Five pages over the warehouse, opened read-only (docs/dashboard.md): overview, department,
compare, drill-down (an amount on its PDF page) and audit.
"""
from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts this script's folder on sys.path, not the project's: import the
# pipeline package from the checkout this file is in (not another installed copy)
PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
if PROJECT_ROOT not in sys.path:
    sys.path.insert(0, PROJECT_ROOT)

import streamlit as st  # noqa: E402

from pipeline.dashboard.views import audit, common, compare, department, drilldown, overview  # noqa: E402

st.set_page_config(page_title="部门预决算 Budget warehouse", page_icon="📊", layout="wide")

navigation = st.navigation(
    [
        st.Page(overview.page, title="Overview 总览", url_path="overview", default=True),
        st.Page(department.page, title="Department 部门", url_path="department"),
        st.Page(compare.page, title="Compare 比较", url_path="compare"),
        st.Page(drilldown.page, title="Drill-down 溯源", url_path="drilldown"),
        st.Page(audit.page, title="Audit 审核", url_path="audit"),
    ]
)
common.sidebar()
navigation.run()
