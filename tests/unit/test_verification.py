"""Per-table confidence and per-fact verification (pipeline/parse/verification.py) on a real
seed: the 2022 final account of 温县政务服务和大数据管理局 (raw/000_…txt), read as the
pipeline reads it, then with one printed figure changed the way a misreading changes it."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.model import Block, Cell, ParsedTable
from pipeline.parse.document import parse
from pipeline.parse.verification import annotate, verify_table
from tests.conftest import RAW


@pytest.fixture(scope="module")
def seed():
    return extract(Path(RAW / "000_5cd6d46b1da1057e.txt"))


def _expenditure(parsed):
    return next(t for t in parsed.result.tables if t.table_type == "expenditure")


def test_a_table_that_adds_up_has_full_confidence_and_verified_facts(seed):
    parsed = parse(seed)
    table = _expenditure(parsed)
    assert table.identities_tested > 0 and table.confidence == 1.0
    items = [i for i in parsed.result.items if i.table_index == table.table_index]
    assert items and all(i.verified for i in items)
    assert table.reading == "text_extract"


def test_a_misread_figure_lowers_confidence_and_is_not_verified(seed):
    doc = copy.deepcopy(seed)
    table = _expenditure(parse(doc))
    block = next(b for b in doc.blocks if b.index == table.block_indexes[0])
    r, c = next((r, c) for r, row in enumerate(block.rows) for c, cell in enumerate(row)
                if cell.text.strip() == "170.96" and row[0].text.strip() == "2010301")
    block.rows[r][c] = Cell("176.96")  # a 0 read as 6
    parsed = parse(doc)
    table = _expenditure(parsed)
    assert table.confidence is not None and table.confidence < 1.0
    misread = next(i for i in parsed.result.items
                   if (i.block_index, i.row_index, i.col_index) == (block.index, r, c))
    assert misread.amount_text == "176.96" and not misread.verified


def test_a_table_split_over_two_blocks_is_summed_as_one():
    first = Block("table", 1, 0, rows=[[Cell(t) for t in row] for row in [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "300.00", "200.00", "100.00"]]])
    second = Block("table", 2, 1, rows=[[Cell(t) for t in row] for row in [
        ["20103", "政府办公厅（室）及相关机构事务", "300.00", "200.00", "100.00"]]])
    table = ParsedTable(0, "支出预算表", "expenditure", "万元", 1, 2, [0, 1], 3, 5)
    arithmetic, cells = verify_table(table, {0: first, 1: second})
    assert {i.kind for i in arithmetic.identities} >= {"hierarchy", "row_sum"}
    assert arithmetic.failed == 0
    assert (1, 0, 2) in cells and (0, 1, 2) in cells  # block 1 row 0 and block 0 row 1, 合计 column


def test_a_table_whose_numbers_are_not_money_is_not_tested():
    block = Block("table", 1, 0, rows=[[Cell(t) for t in row] for row in [
        ["指标", "年度指标值", "实际完成值", "偏差"], ["产出数量", "10", "7", "3"], ["时效", "12", "5", "7"]]])
    table = ParsedTable(0, "项目支出绩效自评表", "performance", None, 1, 1, [0], 3, 4)
    annotate([block], [table], [])
    assert table.identities_tested == 0 and table.confidence is None
