"""Parse: pages + blocks → tables, line items and document metadata — pure functions over the grid model.

``document.parse`` is the entry point; one module per concept (grids, measures,
table types, metadata, line items, three public expenses, regions, quality checks).
"""
