"""Document blocks → tables → line items (one per printed amount cell).

Walks the blocks in reading order. Prose since the previous table is the context
of the next table block: its title (the nearest title line), its 单位 line and
notes. A table block with no title of its own continues the previous table (a
table split over pages or blocks, with or without a repeated header).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Block, LineItem, ParsedTable, ParseIssue
from ..vocabulary import rows as printed_rows
from ..vocabulary.account_codes import is_code_head, is_code_part, read_ocr_code_parts, read_row_codes
from ..vocabulary.numbers import fits_amount_column, is_blank, is_dash, parse_amount, parse_ocr_amount
from ..vocabulary.text import clean_cell, squash
from ..vocabulary.titles import is_title, normalize_title, title_lines
from ..vocabulary.units import find_unit
from . import grids as G
from .class_names import class_code_for_name
from .code_parts import inherit_code_parts
from .column_roles import fit_header, settle_column_roles
from .continuation import header_signature, heading_lines, repeated_header_end, repeats_title
from .fine_amounts import could_be_fine, settle_fine_tables
from .fused_rows import Unfused, unfuse_header_total
from .measures import UNMAPPED, is_unit_code_header
from .metadata import label_department
from .table_types import LINE_ITEM_TABLE_TYPES, OTHER_PARSED_TABLE_TYPES, table_type_for_title
from .three_public import item_code, items_in_columns

_NO_DATA = re.compile(r"(无数据|空表|无此项|(没有|无)[^，。；,;]{0,20}(收入|支出|收支|经费|预算)|不涉及)")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)年")
_PROSE_MARKER = re.compile(
    r"(单位\s*[:：]|部门\s*[:：]|部门名称|编制部门|编制单位|公开\s*\d+\s*表|预算年度|^\d{4}\s*年度?$)")


@dataclass
class TableState:
    """The table being read, across its blocks: its header spec and the last row read per column group."""

    table: ParsedTable
    spec: G.HeaderSpec | None = None
    last_row: dict[int, list[LineItem]] = field(default_factory=dict)  # group start → items of the last row
    last_name_cols: dict[int, list[int]] = field(default_factory=dict)
    last_code: dict[int, str] = field(default_factory=dict)  # group start → the last account code read
    heading: tuple[str, ...] = ()  # the 部门 / 单位 lines printed above the table
    header_rows: list[tuple[str, ...]] = field(default_factory=list)  # its header, as first printed
    classes_from_names: bool = False  # a class row was keyed by its name (no code column)


@dataclass
class ParseResult:
    """The tables, line items and issues of one document."""

    tables: list[ParsedTable]
    items: list[LineItem]
    issues: list[ParseIssue]


def _is_prose_row(row: list[str]) -> bool:
    cells = [c for c in row if squash(c)]
    if not cells or any(parse_amount(c) is not None for c in cells):
        return False
    if printed_rows.is_data_row(row):
        return False
    return any(_PROSE_MARKER.search(c) or is_title(c) for c in cells)


def _peel_leading_prose(rows: list[list[str]]) -> tuple[list[str], list[list[str]], int]:
    """Title/部门/单位 rows that an extractor put inside the grid, before the header."""
    lead: list[str] = []
    i = 0
    while i < len(rows) and _is_prose_row(rows[i]):
        lead.append(" ".join(c for c in rows[i] if c))
        i += 1
    return lead, rows[i:], i


def title_year(title: str) -> int | None:
    """The year a table's title prints ('2026年部门财务收支预算总表', '表12021年部门综合预算收支总表')."""
    m = _TITLE_YEAR.search(squash(title))
    return int(m.group(1)) if m else None


def parse_document(blocks: list[Block], default_unit: str | None) -> ParseResult:
    """A document's blocks → tables (titled by the prose above, or continuing the last one), items, issues."""
    tables: list[ParsedTable] = []
    items: list[LineItem] = []
    issues: list[ParseIssue] = []
    context: list[str] = []
    state: TableState | None = None

    def close_notes() -> None:
        if state is not None and any(_NO_DATA.search(squash(line)) for line in context):
            state.table.no_data_note = True

    for block in blocks:
        if block.kind == "text":
            context.extend(block.lines)
            continue
        raw_rows = [[clean_cell(c.text) for c in row] for row in block.rows]
        lead, rows, offset = _peel_leading_prose(raw_rows)
        close_notes()
        titles = title_lines(context + lead)
        unit = find_unit(context + lead + [c for r in rows for c in r])
        heading = heading_lines(context + lead)
        if titles and state is not None and _continues(state, normalize_title(titles[-1]), block, rows, items,
                                                       heading):
            titles = []  # the title reprinted on the next page: the table goes on
        if titles:
            title = normalize_title(titles[-1])
            table = ParsedTable(
                table_index=len(tables),
                title=title,
                table_type=table_type_for_title(title),
                unit=unit or default_unit,
                page_first=block.page,
                page_last=block.page,
                block_indexes=[block.index],
                n_rows=len(rows),
                n_cols=max((len(r) for r in rows), default=0),
                heading_year=title_year(titles[-1]),
                heading_department=next(filter(None, map(label_department, heading)), None),
            )
            tables.append(table)
            state = TableState(table, heading=heading)
        elif state is not None:
            table = state.table
            table.continued = True
            table.block_indexes.append(block.index)
            table.page_last = block.page
            table.n_rows += len(rows)
            table.n_cols = max(table.n_cols, max((len(r) for r in rows), default=0))
        else:
            table = ParsedTable(
                table_index=len(tables), title=None, table_type="other", unit=unit or default_unit,
                page_first=block.page, page_last=block.page, block_indexes=[block.index],
                n_rows=len(rows), n_cols=max((len(r) for r in rows), default=0),
            )
            tables.append(table)
            state = TableState(table)
            issues.append(ParseIssue(
                "parse", "untitled_table",
                "A table appears before any table title, so its type is unknown; its cells are kept "
                "in table_cells but no line items were read from it.",
                severity="warning", page=block.page, table_index=table.table_index,
            ))
        context = []
        if table.table_type in LINE_ITEM_TABLE_TYPES + OTHER_PARSED_TABLE_TYPES:
            _parse_block(state, block, rows, offset, items, issues)
    close_notes()
    items = _settle_fine_tables(tables, items, issues)

    for table in tables:
        if table.table_type in LINE_ITEM_TABLE_TYPES and not any(
            i.table_index == table.table_index for i in items
        ) and not table.no_data_note:
            issues.append(ParseIssue(
                "parse", "table_without_amounts",
                f"The {table.table_type} table '{table.title}' has no printed amounts and no note "
                "saying it is empty (本表无数据); check whether it was read correctly.",
                severity="info", page=table.page_first, table_index=table.table_index,
            ))
    return ParseResult(tables, items, issues)


def _parse_block(
    state: TableState,
    block: Block,
    rows: list[list[str]],
    offset: int,
    items: list[LineItem],
    issues: list[ParseIssue],
) -> None:
    table = state.table
    n_cols = max((len(r) for r in rows), default=0)
    if n_cols == 0:
        return
    rows = [r + [""] * (n_cols - len(r)) for r in rows]
    unfused = unfuse_header_total(rows) if table.table_type in LINE_ITEM_TABLE_TYPES else Unfused(rows)
    rows = unfused.rows
    start = repeated_header_end(state.header_rows, rows) or G.header_end(
        rows, item_rows=table.table_type in ("summary", "fiscal_summary"))
    header_rows = unfused.header_rows(start)
    spec = G.build_header(header_rows, n_cols) if header_rows else None
    if start and not state.header_rows:
        state.header_rows = header_signature(rows[:start])
    inherited = False
    if spec is None or spec.known_measures == 0:
        if state.spec is not None:
            start = _first_body_row(rows)
            spec = fit_header(state.spec, n_cols, rows[start:])
            inherited = True
        elif spec is None or not header_rows:
            issues.append(ParseIssue(
                "parse", "no_header",
                f"The {table.table_type} table '{table.title}' has no header row naming its columns, "
                "so its amounts cannot be assigned to measures.",
                severity="error", page=block.page, table_index=table.table_index,
            ))
            return
    if spec.known_measures == 0 and not inherited:  # reported once, at the table's own header
        issue = _no_measure_issue(spec, table, block)
        issues.append(issue)
        if issue.severity == "error":
            return
    settle_column_roles(spec, rows[start:])
    state.spec = spec
    pending_total = spec.pending_total
    earlier_totals = _table_totals(items, table.table_index) if block.index != table.block_indexes[0] else []
    if any(i.page == block.page for i in earlier_totals if block.page is not None):
        earlier_totals = []  # a 合计 printed again on the same page is the body's own row
    first_body_row = True
    for r in range(start, len(rows)):
        row = rows[r]
        if printed_rows.is_column_number_row(row):
            pending_total = pending_total or any("合计" in squash(c) for c in row)
            continue
        if not any(squash(c) for c in row):
            continue
        n_items = len(items)
        if _read_paired_totals(state, block, row, r + offset, items, spec, issues):
            first_body_row = False
            continue
        for group in spec.groups:
            _read_group_row(state, block, row, r + offset, group, items, issues, pending_total)
        pending_total = False
        if first_body_row and earlier_totals:
            _drop_reprinted_total(state, block, items, n_items, earlier_totals, issues)
        first_body_row = False


def _continues(state: TableState, title: str, block: Block, rows: list[list[str]], items: list[LineItem],
               heading: tuple[str, ...]) -> bool:
    """The block's title is its table's title printed again on the next page, so the table goes on:

    - a page that opens with a 合计 whose figures differ from the table's 合计 is another
      table (tables of different units under one title print their own totals);
    - a page that repeats the title, header and 合计 with the same figures (a spreadsheet's
      print titles on every page) goes on;
    - so does a title reprinted over no 部门/单位 line the table did not print
      (:func:`.continuation.repeats_title`).
    """
    same_total = _reprinted_total_matches(state, rows, items)
    if same_total is False:
        return False
    if same_total and state.table.title == title and state.table.table_type in LINE_ITEM_TABLE_TYPES \
            and block.page is not None and state.table.page_last is not None \
            and block.page == state.table.page_last + 1:
        return True
    return repeats_title(state.table, title, block.page, heading, state.heading)


def _reprinted_total_matches(state: TableState, rows: list[list[str]], items: list[LineItem]) -> bool | None:
    """Whether the block's first body row, a 合计, prints the very figures of the table's 合计 read
    so far; None when it opens with no 合计 or the table has none yet."""
    earlier = _table_totals(items, state.table.table_index)
    if not earlier:
        return None
    unfused = unfuse_header_total([list(r) for r in rows]).rows
    body = unfused[G.header_end(unfused):]
    first = next((r for r in body if any(squash(c) for c in r) and not printed_rows.is_column_number_row(r)), None)
    if first is None or not any(printed_rows.total_kind(c) == "total" for c in first):
        return None
    amounts = sorted(a for a in (parse_amount(c) for c in first) if a is not None)
    return amounts == sorted(i.amount for i in earlier)


def _table_totals(items: list[LineItem], table_index: int) -> list[LineItem]:
    """The 合计 (TOTAL) items read so far for one table."""
    return [i for i in items if i.table_index == table_index and i.row_kind == "total"]


def _drop_reprinted_total(state: TableState, block: Block, items: list[LineItem], n_items: int,
                          earlier: list[LineItem], issues: list[ParseIssue]) -> None:
    """A continuation page's first body row that is the table's 合计 again is the layout's reprint
    under the repeated header, not data: its items (from index `n_items` on) are taken out.

    The same figures are noted (info); different figures are a warning naming both — the
    first 合计 read stays the table's one total either way.
    """
    new = items[n_items:]
    if not new or any(i.row_kind != "total" for i in new):
        return
    del items[n_items:]
    before = {(i.measure, i.amount) for i in earlier}
    again = {(i.measure, i.amount) for i in new}
    table = state.table
    if again <= before:
        issues.append(ParseIssue(
            "parse", "reprinted_total",
            f"The 合计 row of table '{table.title}' is printed again under the header of page "
            f"{block.page}; it was read once, from page {earlier[0].page}.",
            severity="info", page=block.page, table_index=table.table_index,
        ))
        return
    shown = ", ".join(f"{i.column_header or i.measure} {i.amount_text}" for i in new)
    first = ", ".join(f"{i.column_header or i.measure} {i.amount_text}" for i in earlier)
    issues.append(ParseIssue(
        "parse", "reprinted_total_differs",
        f"The 合计 row of table '{table.title}' printed again on page {block.page} ({shown}) differs "
        f"from the one read on page {earlier[0].page} ({first}); the first is kept as the table's total.",
        severity="warning", page=block.page, table_index=table.table_index, detail=shown,
    ))


def _no_measure_issue(spec: G.HeaderSpec, table: ParsedTable, block: Block) -> ParseIssue:
    """The issue of a table whose column headers name no known measure.

    Its amount columns are still read, as ``unmapped`` with the printed header kept in
    ``column_header`` (nothing is dropped): a warning, so that a reviewer sees the table
    was not fully understood. Only a header with no amount column at all is an error.
    """
    headers = " | ".join(h for h in spec.headers if h)
    if any(m == UNMAPPED for m in spec.measures):
        return ParseIssue(
            "parse", "no_measure_columns",
            f"No column header of the {table.table_type} table '{table.title}' names a known measure "
            f"(headers: {headers}); its amounts are kept with measure 'unmapped' and the printed header.",
            severity="warning", page=block.page, table_index=table.table_index,
        )
    return ParseIssue(
        "parse", "no_measure_columns",
        f"No column header of the {table.table_type} table '{table.title}' names a known measure or an "
        f"amount column (headers: {headers}), so its amounts cannot be read.",
        severity="error", page=block.page, table_index=table.table_index,
    )


def _first_body_row(rows: list[list[str]]) -> int:
    for i, row in enumerate(rows):
        if not printed_rows.is_column_number_row(row):
            return i
    return len(rows)


def _make_item(state: TableState, block: Block, row_index: int, col: int, kind: str,
               row_key: str | None, codes, label: str, spec: G.HeaderSpec, measure: str,
               text: str, amount, side: str | None = None) -> LineItem:
    table = state.table
    return LineItem(
        side=side,
        column_group=next((n for n, g in enumerate(spec.groups) if g.start <= col < g.end), None),
        stage=spec.stages[col] if col < len(spec.stages) else None,
        table_index=table.table_index,
        page=block.page,
        block_index=block.index,
        row_index=row_index,
        col_index=col,
        row_kind=kind,
        row_key=row_key,
        account_code=codes.account_code if codes else None,
        secondary_code=codes.secondary_code if codes else None,
        account_name=label or None,
        row_label=label,
        column_header=spec.headers[col] if col < len(spec.headers) else "",
        measure=measure,
        amount=amount,
        amount_text=text,
        unit=table.unit,
        is_ocr=block.is_ocr,
    )


def _fill_blank_kuan(label_cells: list[str], leaves: list[str], previous: list[LineItem] | None) -> list[str]:
    """A 项 printed under its 类 with the 款 cell blank (OCR missed it) takes the 款 of the
    row above when that row is in the same 类: a 项 cannot stand without its 款, and rows
    run 类 → 款 → 项 (210 | 11 | 行政事业单位医疗, then 210 | ␣ | 01 → 2101101)."""
    if "款" not in leaves or "项" not in leaves or not previous:
        return label_cells
    kuan, xiang = leaves.index("款"), leaves.index("项")
    if kuan == 0 or xiang >= len(label_cells) or kuan >= len(label_cells):
        return label_cells
    head = label_cells[kuan - 1].strip()
    above = previous[0].row_key or ""
    if len(head) == 3 and is_code_head(head) and not label_cells[kuan].strip() \
            and is_code_part(label_cells[xiang].strip()) and len(above) >= 5 and above.startswith(head) \
            and above[:5].isdigit():
        filled = list(label_cells)
        filled[kuan] = above[3:5]
        return filled
    return label_cells


def _take_unit_code(label_cells: list[str], leaves: list[str]) -> tuple[list[str], str | None]:
    """The code printed in a 单位编码 / 单位代码 column is the unit's, whatever its length (Xi'an
    prints a department as 204 and its units as 204001): it is taken out of the label cells,
    so that 204 is not read as the account 204 公共安全支出."""
    cols = [c for c, leaf in enumerate(leaves) if c < len(label_cells) and is_unit_code_header(leaf)]
    code = next((label_cells[c].strip() for c in cols if label_cells[c].strip().isdigit()), None)
    if code is None:
        return label_cells, None
    return [("" if c in cols else text) for c, text in enumerate(label_cells)], code


def _read_group_row(state, block, row, row_index, group, items, issues, pending_total) -> None:
    spec = state.spec
    label_cells = row[group.start:group.label_end]
    if block.is_ocr:
        label_cells = read_ocr_code_parts(label_cells)
    filled = _fill_blank_kuan(label_cells, spec.leaves[group.start:group.label_end],
                              state.last_row.get(group.start))
    filled, unit_code = _take_unit_code(filled, spec.leaves[group.start:group.label_end])
    inferred = filled != label_cells
    filled = inherit_code_parts(filled, spec.leaves[group.start:group.label_end],
                                state.last_code.get(group.start))
    codes = read_row_codes(filled)
    codes.unit_code = unit_code or codes.unit_code
    if codes.account_code:
        state.last_code[group.start] = codes.account_code
    if inferred:
        issues.append(ParseIssue(
            "parse", "code_part_inferred",
            f"Row '{codes.name or codes.account_code}' of table '{state.table.title}' prints its 类 and 项 "
            f"but no 款; the 款 was taken from the row above, giving account code {codes.account_code}.",
            severity="info", page=block.page, table_index=state.table.table_index,
            detail=" | ".join(label_cells),
        ))
    label = codes.name
    amounts = {
        c: row[c] for c in group.amount_columns if c < len(row) and not is_blank(row[c])
    }
    column_items: dict[int, str | None] = {}
    name_col = next((c for c in range(group.start, group.label_end)
                     if c < len(spec.leaves) and spec.leaves[c] in ("项目名称", "项目")), None)
    if state.table.table_type == "project_expenditure" and name_col is not None:
        label = squash(row[name_col])  # the project's name, not its unit's
    if state.table.table_type not in LINE_ITEM_TABLE_TYPES:
        kind, key = _other_row_kind(state, label, codes, amounts, spec, column_items)
        if kind is None:
            return
    elif codes.account_code:
        kind, key = "account", codes.account_code
    elif total_kind := printed_rows.total_kind(label):
        kind, key = total_kind, total_kind.upper()
    elif amounts and (class_code := class_code_for_name(
            label, spec.leaves[group.start:group.label_end], state.last_code.get(group.start),
            state.table.table_type)):
        kind, key = "account", class_code
        codes.account_code = class_code
        state.last_code[group.start] = class_code
        _note_class_from_name(state, block, issues)
    elif codes.unit_code:
        kind, key = "unit", None
    elif not label and not codes.account_code and pending_total and amounts:
        kind, key, label = "total", "TOTAL", "合计"
    elif label and not amounts and not any(squash(c) for c in row[group.label_end:group.end]):
        # an account name wrapped onto the next line of the extract
        previous = state.last_row.get(group.start)
        if previous:
            for item in previous:
                item.account_name = (item.account_name or "") + label
                item.row_label = item.row_label + label
        return
    elif amounts:
        kind, key = ("item", None) if label else ("unlabelled", None)
    else:
        return
    row_items: list[LineItem] = []
    for col, text in amounts.items():
        if is_dash(text):
            continue
        amount = _read_amount(block, text)
        if amount is None:
            issues.append(ParseIssue(
                "parse", "unparseable_amount",
                f"The cell '{text}' under '{spec.headers[col]}' in row '{label or key}' of table "
                f"'{state.table.title}' is not a number.",
                page=block.page, table_index=state.table.table_index, detail=text,
            ))
            continue
        if not fits_amount_column(amount) and not could_be_fine(amount, state.table.unit, block.is_ocr):
            issues.append(_precision_issue(state, block, text))
            continue
        measure = spec.measures[col] or UNMAPPED
        if col in column_items:  # one 三公 item per column: the amount is that item's total
            measure = "total"
        row_key = column_items.get(col, key)
        row_items.append(_make_item(state, block, row_index, col, kind, row_key, codes, label, spec,
                                    measure, text, amount, side=group.side))
    if kind == "unlabelled" and row_items:
        issues.append(ParseIssue(
            "parse", "unlabelled_row",
            f"A row of table '{state.table.title}' has amounts but no account code or label; "
            "its amounts are kept with row_kind 'unlabelled' and left out of line_items_flat.",
            page=block.page, table_index=state.table.table_index,
            detail=" | ".join(c for c in row if c),
        ))
    items.extend(row_items)
    state.last_row[group.start] = row_items


def _note_class_from_name(state: TableState, block: Block, issues: list[ParseIssue]) -> None:
    """Say once per table that its class rows were keyed by their names (no code printed)."""
    if state.classes_from_names:
        return
    state.classes_from_names = True
    issues.append(ParseIssue(
        "parse", "class_code_from_name",
        f"The table '{state.table.title}' prints account names without codes; rows named exactly as a "
        "支出功能分类 类 (e.g. 社会保障和就业支出) are keyed by that class's code, the rows below them "
        "(款, 项) have no code and are left out of line_items_flat.",
        severity="info", page=block.page, table_index=state.table.table_index,
    ))


def _other_row_kind(state, label, codes, amounts, spec, column_items):
    """Rows of summary, 三公 and project tables: items keyed by their label, not account codes.

    A 三公 table printed as one unlabelled row of amounts takes each item from its
    column header (合计, 因公出国（境）费, 公务用车…小计, …).
    """
    table_type = state.table.table_type
    if table_type == "three_public":
        if label and amounts and items_in_columns(spec):
            # items as columns, a row per unit (杭州): the 合计 row holds the items, a unit's row
            # is kept as that unit's, outside the items
            if item_code(label) != "total":
                return "unit", None
            for col in amounts:
                column_items[col] = item_code(spec.leaves[col], spec.spans[col])
            return "item", None
        if label:
            return ("item", item_code(label)) if amounts else (None, None)
        if not amounts:
            return None, None
        for col in amounts:
            column_items[col] = item_code(spec.leaves[col], spec.spans[col])
        return "item", None
    if not amounts:
        return None, None
    if label or codes.account_code:
        # summary and project rows are keyed by their label ('110联动办公经费' is not account 110)
        return "item", None
    return "unlabelled", None


def _read_amount(block: Block, text: str) -> Decimal | None:
    """The amount a cell prints; in an OCR'd table also one whose decimal point OCR lost."""
    return parse_ocr_amount(text) if block.is_ocr else parse_amount(text)


def _settle_fine_tables(tables: list[ParsedTable], items: list[LineItem],
                        issues: list[ParseIssue]) -> list[LineItem]:
    """万元 tables printed to 3–6 decimals are read in 元 (see fine_amounts); in other tables
    an amount with more than two decimals is reported and not loaded."""
    kept, decisions, dropped = settle_fine_tables(tables, items)
    titles = {t.table_index: t.title for t in tables}
    for d in decisions:
        if d.converted:
            issues.append(ParseIssue(
                "parse", "amounts_read_in_yuan",
                f"The table '{titles.get(d.table_index)}' is in 万元 but prints its amounts to up to six "
                f"decimals ({d.fine_count} such amounts): they are kept exactly by reading the table in 元 "
                "(万元 × 10000, unit 元).",
                severity="info", table_index=d.table_index,
            ))
    for item in dropped:
        issues.append(ParseIssue(
            "parse", "amount_precision",
            f"The amount '{item.amount_text}' in table '{titles.get(item.table_index)}' has more than two "
            "decimal places (or more than sixteen integer digits), so it cannot be stored exactly as "
            "DECIMAL(18,2); it is not loaded (in a scan it is usually an OCR misreading).",
            severity="warning", page=item.page, table_index=item.table_index, detail=item.amount_text,
        ))
    return kept


def _precision_issue(state: TableState, block: Block, text: str) -> ParseIssue:
    return ParseIssue(
        "parse", "amount_precision",
        f"The amount '{text}' in table '{state.table.title}' has more than two decimal places (or "
        "more than sixteen integer digits), so it cannot be stored exactly as DECIMAL(18,2); "
        "it is not loaded (in a scan it is usually an OCR misreading).",
        severity="warning", page=block.page, table_index=state.table.table_index, detail=text,
    )


def _read_paired_totals(state, block, row, row_index, items, spec, issues) -> bool:
    """Rows like '人员经费合计  275.50  公用经费合计  16.22' in side-by-side tables.

    Extractors often print these amounts off their column, so each label takes the
    amounts that follow it up to the next label; the measure is that of the group
    the label stands in.
    """
    if len(spec.groups) < 2:
        return False
    labels = [(c, printed_rows.total_kind(t)) for c, t in enumerate(row) if squash(t) and printed_rows.total_kind(t)]
    if not labels or any(read_row_codes([t]).account_code for t in row if t):
        return False
    if not all(kind in ("total_personnel", "total_public_use") for _, kind in labels):
        return False
    for n, (col, kind) in enumerate(labels):
        stop = labels[n + 1][0] if n + 1 < len(labels) else len(row)
        group = next((g for g in spec.groups if g.start <= col < g.end), spec.groups[0])
        measure = spec.measures[group.amount_columns[0]] if group.amount_columns else "total"
        row_items = []
        for c in range(col + 1, stop):
            amount = _read_amount(block, row[c])
            if amount is None:
                continue
            if not fits_amount_column(amount) and not could_be_fine(amount, state.table.unit, block.is_ocr):
                issues.append(_precision_issue(state, block, row[c]))
                continue
            row_items.append(_make_item(state, block, row_index, c, kind, kind.upper(), None,
                                        squash(row[col]), spec, measure, row[c], amount))
            break
        items.extend(row_items)
    return True
