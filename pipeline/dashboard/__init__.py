"""The analyst dashboard (`make dashboard`, docs/dashboard.md): a Streamlit app over the warehouse, read-only.

- `warehouse`: where the warehouse is and a read-only connection that follows the nightly rename;
- `queries`: every SQL query of the pages, as pure functions of a DuckDB connection;
- `render`: amounts as text (exact, from Decimal) and a PDF page as an image with a cell's box drawn;
- `app` and `views/`: the Streamlit pages (thin: a query, a table, a chart).
"""
