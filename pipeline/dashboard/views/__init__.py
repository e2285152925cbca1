"""The dashboard's pages (Streamlit): overview, department, compare, drill-down, audit — each a `page()`."""
