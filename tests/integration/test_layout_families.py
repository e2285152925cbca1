"""Seed 000 re-rendered in a few layout families (pipeline/tools/layouts.py), run through
the whole job in one warehouse and scored against gold per family: other producers'
layouts of the same document must read as the shared PDF does. A family the parser
does not read yet is an xfail that says what goes wrong (docs/benchmarks.md)."""
from __future__ import annotations

import pytest

from pipeline.tools import layouts
from tests.conftest import RAW
from tests.integration.test_end_to_end import GOLD, needs_gold

DOCUMENT = "000_5cd6d46b1da1057e"
FAMILIES = ("ruled", "split_pages", "yuan", "split_codes", "narrow")

_missing = layouts.weasyprint_available()
needs_weasyprint = pytest.mark.skipif(_missing is not None, reason=f"cannot render the layout families: {_missing}")


@pytest.fixture(scope="module")
def family_scores(tmp_path_factory) -> dict[str, layouts.FamilyScore]:
    work = tmp_path_factory.mktemp("layout-families")
    scores = layouts.score_families(list(FAMILIES), work, RAW, GOLD, stems=[DOCUMENT])
    return {s.family: s for s in scores}


@needs_gold
@needs_weasyprint
@pytest.mark.parametrize("family", [
    "ruled",
    "split_pages",  # header repeated on every page, 合计 reprinted under it: not new data
    "yuan",  # 万元 printed as 元 with thousands separators: the same amounts in yuan
    "split_codes",  # 类 | 款 | 项 in columns of their own, side-by-side 经济分类 groups in the basic table
    "narrow",  # no rules and 1.5–3 pt between columns: texts nearly touch
])
def test_layout_family_scores_like_the_shared_pdf(family_scores, family):
    score = family_scores[family]
    assert len(score.files) == 1, score
    assert score.overall >= 0.98, score.files[0].line
