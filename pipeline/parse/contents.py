"""The table of contents (目录): the tables a document says it publishes, and those it does not print.

The contents are the lines after a '目 录' heading ('### 目 录', '2023 年部门预算信息公开目录'),
in its text block and the text blocks after it on the same page. A contents line names a
table when it is a table title once its page number or dot leaders are cut off
('五、一般公共预算财政拨款支出决算表..... 7', '部门预算收支总表 4', '1. 2026年部门财务收支
预算总表 ……'); it is typed as the parser types a printed title (:func:`table_type_for_title`),
so a listed table is found exactly when a table of its type was read. Lines naming no known
table type ('第二部分 2022年度部门决算表') are not listings.
"""
from __future__ import annotations

import re

from ..model import Block, ParsedTable, ParseIssue
from ..vocabulary.text import squash
from ..vocabulary.titles import is_title
from .table_types import table_type_for_title

_CONTENTS_HEADING = re.compile(r"^[#*\s]*[^，。：:]{0,24}目录[*\s]*$")
_PAGE_NUMBER = re.compile(r"[.…·．。\s]*\d{0,3}$")


def contents_lines(blocks: list[Block]) -> list[tuple[int | None, str]]:
    """(page, line) of the lines after the first contents heading: the rest of its block and,
    in a paged source, the text blocks after it on the same page."""
    for i, block in enumerate(blocks):
        if block.kind != "text":
            continue
        for j, line in enumerate(block.lines):
            if _CONTENTS_HEADING.match(squash(line)):
                found = [(block.page, text) for text in block.lines[j + 1:]]
                if block.page is not None:
                    for after in blocks[i + 1:]:
                        if after.page != block.page:
                            break
                        if after.kind == "text":
                            found.extend((after.page, text) for text in after.lines)
                return found
    return []


def listed_tables(blocks: list[Block]) -> list[tuple[int | None, str, str]]:
    """(page, contents line, table type) of each table type the contents list, first listing first."""
    listed: dict[str, tuple[int | None, str]] = {}
    for page, line in contents_lines(blocks):
        name = _PAGE_NUMBER.sub("", squash(line).lstrip("#-*>"))
        if not name or not is_title(name):
            continue
        table_type = table_type_for_title(name)
        if table_type != "other":
            listed.setdefault(table_type, (page, line.strip().lstrip("#-*> ").strip()))
    return [(page, line, table_type) for table_type, (page, line) in listed.items()]


def listed_tables_not_found(blocks: list[Block], tables: list[ParsedTable]) -> list[ParseIssue]:
    """An info issue `listed_table_not_found` for each table type the contents list and no table
    of the document has; `detail` is the table type and the contents line, tab-separated."""
    present = {t.table_type for t in tables}
    return [
        ParseIssue(
            "parse", "listed_table_not_found",
            f"The table of contents lists '{line}', but no {table_type} table was found in the document.",
            severity="info", page=page, detail=f"{table_type}\t{line}",
        )
        for page, line, table_type in listed_tables(blocks)
        if table_type not in present
    ]
