"""Reference data shared with the warehouse: the dbt seeds are the one source of truth.

The table types of the line-item contract (``seeds/table_types.csv``, column
``in_line_items_view``) and the measure codes (``seeds/measures.csv``) are read
from the same CSV files dbt loads as tables, so the parser and the warehouse can
never disagree on them. (The title → table type and header → measure *rules*
live in ``table_types.py`` and ``measures.py``; the tests check that every code
they produce is a seed row.)
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..settings import DBT_PROJECT_DIR

SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
# the seeds whose rows change what the parse stage writes (part of its cache key)
PARSER_SEEDS = ("table_types.csv", "measures.csv", "functional_classes.csv")


def seed_rows(name: str) -> list[dict[str, str]]:
    """The rows of one seed CSV (``name`` without the folder, e.g. 'table_types.csv')."""
    with (SEEDS_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def seed_paths() -> list[Path]:
    """The seed files the parser reads."""
    return [SEEDS_DIR / name for name in PARSER_SEEDS]


@lru_cache(maxsize=1)
def line_item_table_types() -> tuple[str, ...]:
    """Table types whose rows are keyed by account codes and feed line_items_flat, in seed order."""
    return tuple(r["table_type_code"] for r in seed_rows("table_types.csv") if r["in_line_items_view"] == "true")


@lru_cache(maxsize=1)
def table_type_codes() -> frozenset[str]:
    """Every table type code of the seed."""
    return frozenset(r["table_type_code"] for r in seed_rows("table_types.csv"))


@lru_cache(maxsize=1)
def measure_codes() -> frozenset[str]:
    """Every measure code of the seed."""
    return frozenset(r["measure_code"] for r in seed_rows("measures.csv"))


@lru_cache(maxsize=1)
def functional_class_names() -> dict[str, str]:
    """支出功能分类 类 names (and their older names) → class code, from the seed functional_classes."""
    names: dict[str, str] = {}
    for r in seed_rows("functional_classes.csv"):
        for name in [r["name_zh"], *(a for a in r["aliases_zh"].split("|") if a)]:
            names[name] = r["class_code"]
    return names
