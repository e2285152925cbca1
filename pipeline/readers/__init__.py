"""Readers turn a raw file into pages and blocks (prose lines and table grids)."""
