"""Pure functions over blocks: numbers, account codes, measures, table types, metadata, line items."""
