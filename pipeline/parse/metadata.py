"""Document metadata: report type, fiscal year, department, scope, unit.

Each is decided by votes over the whole text, so that one odd line (a template
left unfilled, a typo in one table's 部门 line, the publication date on the cover)
does not decide it.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import DocumentMetadata
from ..vocabulary.text import clean_cell, squash
from ..vocabulary.units import UNIT_LINE

_SCOPE_MARKERS = {
    "consolidated": re.compile(r"[（(](汇总|合并|含所属单位|部门汇总)[)）]"),
    "own": re.compile(r"[（(](本级|单位本级|机关本级)[)）]"),
}
_SCOPE_TEXT = {
    "own": re.compile(r"为本级(决算|预算)|本级(决算|预算)单位"),
    "consolidated": re.compile(r"(汇总|合并)(决算|预算)"),
}

_DEPT_LABEL = re.compile(
    r"^(?:#+\s*)?(?:部门|单位|部门名称|单位名称|编制部门|编制单位|预算单位|主管部门)\s*[:：]\s*(?P<value>.*)$"
)
_DEPT_UNIT_CODE = re.compile(r"^(?:#+\s*)?\d{2,9}\s+(?P<value>[^\d\s][^\s:：]{3,40})$")
_DEPT_BEFORE_YEAR = re.compile(
    r"^(?:#+\s*)?(?P<value>[^\d\s:：，。]{4,40}?)\s*(?:20\d\d)\s*年度?\s*部门\s*(?:预算|决算)")
_DEPT_AFTER_YEAR = re.compile(r"(?:20\d\d)\s*年度?\s*(?P<value>[^\d:：，。]{4,40}?)\s*部门\s*(?:预算|决算)")
_DEPT_BEFORE_WORDS = re.compile(r"^(?:#+\s*)?(?P<value>[^\d\s:：，。]{4,40}?)\s*部门\s*(?:预算|决算)$")
_ORG_SUFFIX = re.compile(
    r"(局|委员会|委|办公室|办|院|部|中心|会|所|站|队|馆|处|社|室|厅|署|团|校|政府|组|庭|行|场|园|台)$")
_TRAILING_NOISE = re.compile(r"(单位\s*[:：].*|金额单位.*|公开\s*\d+\s*表.*|\d{4}\s*年度?.*|预算年度.*)$")


def detect_unit(text: str) -> str | None:
    """The unit most tables of the document are printed in."""
    votes = Counter(m.group(1) for m in UNIT_LINE.finditer(clean_cell_lines(text)))
    return votes.most_common(1)[0][0] if votes else None


def clean_cell_lines(text: str) -> str:
    """`text` with every line cleaned as a table cell is."""
    return "\n".join(clean_cell(line) for line in text.splitlines())


def detect_report_type(text: str) -> str | None:
    """budget (部门预算) or final (部门决算): the cover decides, else the majority of titles."""
    lines = [squash(line) for line in text.splitlines() if squash(line)]
    for line in lines[:40]:
        m = re.search(r"部门(预算|决算)|(预算|决算)表$", line)
        if m:
            word = m.group(1) or m.group(2)
            return "budget" if word == "预算" else "final"
    joined = "\n".join(lines)
    final = len(re.findall(r"部门决算|决算表|年度决算", joined))
    budget = len(re.findall(r"部门预算|预算表|预算年度", joined))
    if final == budget == 0:
        return None
    return "final" if final > budget else "budget"


def detect_fiscal_year(text: str) -> int | None:
    """The year the figures are for, not the publication date."""
    t = clean_cell_lines(text)
    votes: Counter[int] = Counter()
    for m in re.finditer(r"预算年度\s*[:：]?\s*(20\d\d)", t):
        votes[int(m.group(1))] += 3
    for m in re.finditer(r"(20\d\d)\s*年度?\s*[^\d\n，。,]{0,40}?部门\s*(预算|决算)", t):
        votes[int(m.group(1))] += 3
    for m in re.finditer(r"(20\d\d)\s*年度(?!\s*\d)", t):
        votes[int(m.group(1))] += 1
    if not votes:
        for m in re.finditer(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)", t):
            votes[int(m.group(1))] += 1
    return votes.most_common(1)[0][0] if votes else None


def normalize_department(value: str) -> tuple[str | None, str | None]:
    """Department name without year, report words, unit code or scope marker; plus the scope."""
    v = clean_cell(value).lstrip("#").strip()
    scope = None
    for name, marker in _SCOPE_MARKERS.items():
        if marker.search(v):
            scope = name
            v = marker.sub("", v)
    v = _TRAILING_NOISE.sub("", v)
    v = re.sub(r"^第[一二三四五六七八九十]+部分\s*", "", v)  # a section heading: 第三部分 XX局2024年度部门决算情况
    v = re.sub(r"^\d{2,9}\s*", "", v)
    v = re.sub(r"^(20\d\d)\s*年度?", "", v)
    v = re.sub(r"(部门)?(预算|决算)(说明|公开|信息公开.*|情况说明|报告)?$", "", v)
    v = squash(v)
    return (v or None), scope


def department_candidates(text: str) -> Counter[str]:
    """Votes for department names: 部门/单位 label lines count 3, a name by 部门预算/决算 or a code 2."""
    votes: Counter[str] = Counter()
    lines = [clean_cell(line) for line in text.splitlines()]
    nonempty = [line for line in lines if line]
    for i, line in enumerate(nonempty):
        m = _DEPT_LABEL.match(line)
        if m:
            value = m.group("value").strip()
            if not value and i + 1 < len(nonempty):
                value = nonempty[i + 1]
            name, _ = normalize_department(value)
            if name and _ORG_SUFFIX.search(name) and "XXX" not in name.upper():
                votes[name] += 3
            continue
        for pattern, weight in ((_DEPT_UNIT_CODE, 2), (_DEPT_BEFORE_YEAR, 2), (_DEPT_AFTER_YEAR, 2),
                                (_DEPT_BEFORE_WORDS, 2)):
            m = pattern.search(line)
            if m:
                name, _ = normalize_department(m.group("value"))
                if name and _ORG_SUFFIX.search(name):
                    votes[name] += weight
                break
    return votes


def detect_department(text: str) -> str | None:
    """The department name with the most votes (department_candidates), or None."""
    votes = department_candidates(text)
    return votes.most_common(1)[0][0] if votes else None


def detect_scope(text: str) -> str | None:
    """consolidated (汇总) or own (本级), from a marker by the name or the narrative."""
    t = clean_cell_lines(text)
    for name, marker in _SCOPE_MARKERS.items():
        if marker.search(t):
            return name
    for name, pattern in _SCOPE_TEXT.items():
        if pattern.search(t):
            return name
    return None


def detect_metadata(text: str) -> DocumentMetadata:
    """Report type, fiscal year, department, scope and unit of a document, each by votes over its text."""
    return DocumentMetadata(
        report_type=detect_report_type(text),
        fiscal_year=detect_fiscal_year(text),
        department=detect_department(text),
        scope=detect_scope(text),
        unit=detect_unit(text),
    )
