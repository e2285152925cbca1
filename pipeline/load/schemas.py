"""Parquet schemas of the extraction outputs — the contract dbt's sources read.

Every dataset is written per document (``<dataset>/<document_id>.parquet``) so
that documents can be processed independently and incrementally; dbt reads the
whole folder with a glob. An empty ``_empty.parquet`` with the schema is always
present so that a folder with no documents still reads as zero rows.
"""
from __future__ import annotations

import pyarrow as pa

AMOUNT = pa.decimal128(18, 2)

DOCUMENTS = pa.schema(
    [
        ("document_id", pa.string()),  # first 16 hex digits of sha256
        ("source_file", pa.string()),  # file name without folder
        ("source_path", pa.string()),
        ("sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("format", pa.string()),  # text | markdown | pdf | html (a web page, refused)
        ("page_count", pa.int32()),
        ("report_type", pa.string()),  # budget | final
        ("fiscal_year", pa.int32()),
        ("department", pa.string()),
        ("scope", pa.string()),  # consolidated | own
        ("unit", pa.string()),  # 万元 | 元
        ("table_count", pa.int32()),
        ("line_item_count", pa.int32()),
        ("status", pa.string()),  # parsed | failed
        ("extracted_at", pa.timestamp("us", tz="UTC")),
        ("parser_version", pa.string()),
        # region (行政区划) from the department name, pipeline/parse/regions.py; NULL when unknown
        ("province", pa.string()),
        ("city", pa.string()),
        ("county", pa.string()),
        ("division_code", pa.string()),  # 6-digit administrative division code, e.g. 410825
    ]
)

PAGES = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("page", pa.int32()),  # 1-based; null for text sources
        ("text", pa.string()),
        ("has_text_layer", pa.bool_()),
        ("is_ocr", pa.bool_()),
        ("needs_ocr", pa.bool_()),
    ]
)

BLOCKS = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("block_index", pa.int32()),
        ("kind", pa.string()),  # text | table
        ("page", pa.int32()),
        ("text", pa.string()),  # prose lines joined by newlines (text blocks)
        ("n_rows", pa.int32()),
        ("n_cols", pa.int32()),
        ("is_ocr", pa.bool_()),
        ("reading", pa.string()),  # table blocks: lines (ruled) | text (aligned) | text_extract
    ]
)

TABLE_CELLS = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("block_index", pa.int32()),
        ("page", pa.int32()),
        ("row_index", pa.int32()),
        ("col_index", pa.int32()),
        ("text", pa.string()),
        ("x0", pa.float64()),
        ("top", pa.float64()),
        ("x1", pa.float64()),
        ("bottom", pa.float64()),
        ("is_ocr", pa.bool_()),
    ]
)

TABLES = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("table_index", pa.int32()),
        ("title", pa.string()),
        ("table_type", pa.string()),
        ("unit", pa.string()),
        ("page_first", pa.int32()),
        ("page_last", pa.int32()),
        ("block_indexes", pa.string()),  # comma-separated block indexes stitched into this table
        ("n_rows", pa.int32()),
        ("n_cols", pa.int32()),
        ("no_data_note", pa.bool_()),  # the table says 本表无数据 / 空表列示
        ("continued", pa.bool_()),
        ("reading", pa.string()),  # how the grid was read: lines | text | text_extract (its blocks')
        ("identities_tested", pa.int32()),  # the table's own sums its reading was tested against
        ("identities_held", pa.int32()),  # … and those that hold
        ("heading_year", pa.int32()),  # the year the table's title prints
        ("heading_department", pa.string()),  # the department its 部门/单位 line names
    ]
)

LINE_ITEMS = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("table_index", pa.int32()),
        ("table_title", pa.string()),
        ("table_type", pa.string()),
        ("page", pa.int32()),
        ("block_index", pa.int32()),
        ("row_index", pa.int32()),
        ("col_index", pa.int32()),
        ("row_kind", pa.string()),
        ("row_key", pa.string()),
        ("account_code", pa.string()),
        ("secondary_code", pa.string()),
        ("account_name", pa.string()),
        ("row_label", pa.string()),
        ("column_header", pa.string()),
        ("measure", pa.string()),
        ("amount", AMOUNT),
        ("amount_text", pa.string()),
        ("unit", pa.string()),
        ("is_ocr", pa.bool_()),
        ("side", pa.string()),  # summary tables: income | expenditure
        ("stage", pa.string()),  # budget (预算数) | final (决算数) where the column says so
        ("verified", pa.bool_()),  # an identity of its table that holds includes this amount
        ("column_group", pa.int32()),  # the side-by-side column group of the header (0 = leftmost)
    ]
)

PARSE_ISSUES = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("sha256", pa.string()),
        ("stage", pa.string()),  # inventory | extract | parse
        ("issue_code", pa.string()),
        ("severity", pa.string()),  # info | warning | error
        ("reason", pa.string()),
        ("page", pa.int32()),
        ("table_index", pa.int32()),
        ("detail", pa.string()),
    ]
)

INVENTORY = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),  # one row per file name; the same content under two names shares document_id
        ("source_path", pa.string()),
        ("sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("format", pa.string()),
        ("modified_at", pa.timestamp("us", tz="UTC")),
    ]
)

# Quality checks of one document (pipeline/parse/checks.py), written by the parse stage
DOCUMENT_CHECKS = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("check_name", pa.string()),  # table_pages_with_line_items | hierarchy_consistent | totals_present
        ("passed", pa.bool_()),
        ("value", pa.float64()),  # the measured value (share, mismatches, tables without a total)
        ("threshold", pa.float64()),  # the value the check compares against
        ("detail", pa.string()),  # plain-language result
    ]
)

# The sentences of a document's 说明 narrative with their figures (pipeline/parse/narrative.py), written by
# the parse stage. Printed amounts are DECIMAL(18,2) (NULL when the print has more decimals: the exact
# value is then in the 万元 column and in `amounts`); amounts converted to 万元 are DECIMAL(18,6), exact.
WAN = pa.decimal128(18, 6)

NARRATIVE_STATEMENTS = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("page", pa.int32()),  # the page the sentence starts on; null for text sources
        ("block_index", pa.int32()),  # the text block it starts in
        ("sentence_index", pa.int32()),  # 0-based position among the document's statements
        ("text", pa.string()),  # the sentence as printed, its wrapped lines joined
        ("topic", pa.string()),  # income_total | expenditure_total | fiscal_appropriation | … | other
        ("amount", AMOUNT),  # the main figure as printed
        ("amount_unit", pa.string()),  # 万元 | 元 | 亿元
        ("amount_phrase", pa.string()),  # the label printed before the main figure
        ("amount_wan", WAN),  # the main figure in 万元, exactly
        ("change_direction", pa.string()),  # increase | decrease | flat
        ("change_amount", AMOUNT),  # the amount of the change as printed
        ("change_unit", pa.string()),
        ("change_amount_wan", WAN),
        ("change_percent", pa.decimal128(18, 4)),  # 增长 x% / 下降 x%
        ("compared_with", pa.string()),  # previous_year | budget
        ("compared_year", pa.int32()),  # the year of 与20xx年相比 / 比20xx年
        ("years", pa.string()),  # comma-separated 4-digit years the sentence mentions
        ("reason", pa.string()),  # the text after 主要原因 / 原因是 / 主要是
        ("amount_count", pa.int32()),  # amounts printed in the sentence
        ("amounts", pa.string()),  # JSON: [{value, unit, phrase, wan, is_change, is_threshold}] (values as text)
        ("percentages", pa.string()),  # JSON: [{value, phrase}] (values as text)
    ]
)

DATASETS: dict[str, pa.Schema] = {
    "inventory": INVENTORY,
    "document_checks": DOCUMENT_CHECKS,
    "documents": DOCUMENTS,
    "pages": PAGES,
    "blocks": BLOCKS,
    "table_cells": TABLE_CELLS,
    "tables": TABLES,
    "line_items": LINE_ITEMS,
    "parse_issues": PARSE_ISSUES,
    "narrative_statements": NARRATIVE_STATEMENTS,
}

# Ledgers (pipeline/load/ledger.py): history kept across runs, one file per
# document under <extract_dir>/<ledger>/<document_id>.parquet. Unlike DATASETS they
# are NOT deleted when a document leaves raw/: that is what they record.

INGESTION_ERRORS = pa.schema(
    [
        ("document_id", pa.string()),
        ("sha256", pa.string()),
        ("source_file", pa.string()),  # the document's (first) file name when it was last seen
        ("source_files", pa.string()),  # every file name with this content, '; '-separated
        ("format", pa.string()),
        ("size_bytes", pa.int64()),
        ("stage", pa.string()),  # extract | parse
        ("issue_code", pa.string()),  # not_a_disclosure (refused), empty_file, needs_ocr … (see ledger.py)
        ("reason", pa.string()),  # plain language
        ("outcome", pa.string()),  # refused (not a disclosure) | failed (could not be read)
        ("first_seen", pa.timestamp("us", tz="UTC")),  # first run that found this content failing
        ("last_seen", pa.timestamp("us", tz="UTC")),  # last run that found it in raw/, still failing
    ]
)

REMOVED_DOCUMENTS = pa.schema(
    [
        ("document_id", pa.string()),
        ("sha256", pa.string()),
        ("source_file", pa.string()),
        ("change", pa.string()),  # removed (no file has this content any more) | replaced (same name, new content)
        ("report_type", pa.string()),
        ("fiscal_year", pa.int32()),
        ("department", pa.string()),
        ("line_item_count", pa.int32()),  # line items that left the warehouse with it
        ("extracted_at", pa.timestamp("us", tz="UTC")),
        ("removed_at", pa.timestamp("us", tz="UTC")),  # the run that noticed it was gone
    ]
)

LEDGERS: dict[str, pa.Schema] = {
    "ingestion_errors": INGESTION_ERRORS,
    "removed_documents": REMOVED_DOCUMENTS,
}

ALL_SCHEMAS: dict[str, pa.Schema] = {**DATASETS, **LEDGERS}
