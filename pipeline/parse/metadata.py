"""Document metadata: report type, fiscal year, department, scope, unit.

The document's own words decide, in this order:

1. its cover: the first title in its first lines ('2026年度XX中心单位预算',
   'XX局' / '2024年度部门决算' wrapped over lines) gives the year and the report
   type, and a strong vote for the department. The cover comes first because the body
   cites other years (a 2019 budget compares 2016–2018 figures).
2. votes over the whole text, so that one odd line (a template left unfilled, a typo in
   one table's 部门 line, the publication date on the cover) does not decide: 部门/单位
   label lines of the tables (部门名称：, 编制单位：, 填报单位：…), titles (an
   attachment's '附件：XX局2019年度部门预算公开表'), unit-code lines; never a narrative
   sentence, which names other units ('纳入…', '包括…').
3. the file name, only where the text names nothing (a table-only attachment whose
   department and year are printed nowhere but in its name; see :mod:`.file_names`).
   File names lie too often to overrule the text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import DocumentMetadata, ExtractedDocument, ParseIssue
from ..vocabulary.document_titles import ORG_SUFFIX, DocumentTitle, parse_title, starts_entry
from ..vocabulary.text import clean_cell, squash
from ..vocabulary.units import UNIT_LINE
from .file_names import read_file_name

_SCOPE_MARKERS = {
    "consolidated": re.compile(r"[（(](汇总|合并|含所属单位|部门汇总)[)）]"),
    "own": re.compile(r"[（(](本级|单位本级|机关本级)[)）]"),
}
_SCOPE_TEXT = {
    "own": re.compile(r"为本级(决算|预算)|本级(决算|预算)单位"),
    "consolidated": re.compile(r"(汇总|合并)(决算|预算)"),
}

_DEPT_LABEL = re.compile(
    r"^(?:#+\s*)?(?:部门|单位|部门名称|单位名称|编制部门|编制单位|填报单位|预算单位|主管部门)\s*[:：]\s*(?P<value>.*)$"
)
# '436 XX县XX局': a unit code and the unit's name (not '2026 年度…', not a sentence)
_DEPT_UNIT_CODE = re.compile(r"^(?:#+\s*)?\d{2,9}\s+(?P<value>[^\d\s年月日][^\s:：，,、。；;]{3,40})$")
_TRAILING_NOISE = re.compile(r"(单位\s*[:：].*|金额单位.*|公开\s*\d+\s*表.*|\d{4}\s*年度?.*|预算年度.*)$")

_YEAR_TABLE_TITLE = re.compile(r"^(20\d\d)年度?[^\d:：，。,；;]{2,30}(预算|决算)[^\d:：，。,；;]{0,12}表$")

COVER_LINES = 25  # the cover and the head of the table of contents: where the document's title is
COVER_SPAN = 3  # a cover title wraps over at most three lines ('2024 年度' / 'XX局' / '部门决算')
BODY_SPAN = 2  # in the body, a title wraps at most once ('附件：XX局2026年度部门预' / '算报表')
LABEL_VOTES = 3  # a 部门/单位 label line of a table
TITLE_VOTES = 2  # a title naming the department, or a unit-code line
COVER_VOTES = 4  # the cover's title, on top of its title votes
MISREAD_MIN_LENGTH = 5  # names this long differing in one character are one name misread


@dataclass
class MetadataReading:
    """The metadata of a document and which fields came from its file name (its text naming none)."""

    metadata: DocumentMetadata
    from_file_name: list[str] = field(default_factory=list)


def detect_unit(text: str) -> str | None:
    """The unit most tables of the document are printed in."""
    votes = Counter(m.group(1) for m in UNIT_LINE.finditer(clean_cell_lines(text)))
    return votes.most_common(1)[0][0] if votes else None


def clean_cell_lines(text: str) -> str:
    """`text` with every line cleaned as a table cell is."""
    return "\n".join(clean_cell(line) for line in text.splitlines())


def cleaned_lines(text: str) -> list[str]:
    """The non-empty lines of `text`, each cleaned as a table cell is."""
    return [c for c in (clean_cell(line) for line in text.splitlines()) if c]


def find_titles(lines: list[str], span: int) -> list[DocumentTitle]:
    """The document titles printed in `lines`, each on one line or wrapped over up to `span` lines.

    A wrapped title never runs into the next numbered entry ('第二部分…', '一、…') of a
    table of contents.
    """
    found: list[DocumentTitle] = []
    i = 0
    while i < len(lines):
        size = 0
        for n in range(1, span + 1):
            if i + n > len(lines) or (n > 1 and starts_entry(lines[i + n - 1])):
                break
            title = parse_title("".join(lines[i:i + n]))
            if title:
                found.append(title)
                size = n
                break
        i += size or 1
    return found


def cover_title(text: str) -> DocumentTitle | None:
    """The document's own title: the first title with a year in its first lines (cover, contents)."""
    return next((t for t in find_titles(cleaned_lines(text)[:COVER_LINES], COVER_SPAN) if t.year), None)


def title_department(title: DocumentTitle | None) -> str | None:
    """The department a title names, normalized, or None (no name, or not an organisation's name)."""
    if title is None or not title.name:
        return None
    name, _ = normalize_department(title.name)
    return name if name and len(name) >= 4 and ORG_SUFFIX.search(name) else None


def _report_type_from_text(text: str) -> str | None:
    cover = cover_title(text)
    if cover:
        return cover.report_type
    lines = [squash(line) for line in text.splitlines() if squash(line)]
    for line in lines[:40]:
        m = re.search(r"部门(预算|决算)|(预算|决算)表$", line)
        if m:
            word = m.group(1) or m.group(2)
            return "budget" if word == "预算" else "final"
    joined = "\n".join(lines)
    # titles: 部门决算, 收入决算表, a numbered table '预算01表' / '财决01表'
    final = len(re.findall(r"部门决算|决算总?表|年度决算|决\d{1,2}表", joined))
    budget = len(re.findall(r"部门预算|预算总?表|预算年度|预算\d{1,2}表", joined))
    if final == budget == 0:
        return None
    return "final" if final > budget else "budget"


def detect_report_type(text: str, source_file: str | None = None) -> str | None:
    """budget (部门预算) or final (部门决算): the cover title, else the first title-like line,
    else the majority of titles; the file name only when the text says neither."""
    return read_metadata(text, source_file).metadata.report_type


def _fiscal_year_from_text(text: str) -> tuple[int | None, Counter[int]]:
    """The year the text names (the cover's, else the year its titles vote for), and the weak
    votes of bare years ('2026年', read only when nothing else names a year)."""
    cover = cover_title(text)
    if cover:
        return cover.year, Counter()
    t = clean_cell_lines(text)
    votes: Counter[int] = Counter()
    for m in re.finditer(r"预算年度\s*[:：]?\s*(20\d\d)", t):
        votes[int(m.group(1))] += 3
    for m in re.finditer(r"(20\d\d)\s*年度?\s*[^\d\n，。,]{0,40}?部门\s*(预算|决算)", t):
        votes[int(m.group(1))] += 3
    for m in re.finditer(r"(20\d\d)\s*年度(?!\s*\d)", t):
        votes[int(m.group(1))] += 1
    for line in t.splitlines():  # a table titled with its year: '2019年政府采购预算表'
        m = _YEAR_TABLE_TITLE.match(squash(line))
        if m:
            votes[int(m.group(1))] += 2
    if votes:
        return votes.most_common(1)[0][0], Counter()
    weak: Counter[int] = Counter()
    for m in re.finditer(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)", t):
        weak[int(m.group(1))] += 1
    return None, weak


def detect_fiscal_year(text: str, source_file: str | None = None) -> int | None:
    """The year the figures are for, not the publication date: the cover title's year, else the
    year the titles vote for, else the file name's, else the year the text mentions most."""
    return read_metadata(text, source_file).metadata.fiscal_year


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


def label_department(line: str) -> str | None:
    """The department a table's 部门/单位 label line names ('编制部门：上海市普陀区司法局' →
    上海市普陀区司法局), normalized; None for a unit line ('单位：万元') or a value that is not an
    organisation's name."""
    m = _DEPT_LABEL.match(clean_cell(line))
    if not m or re.match(r"^(万?元|千元|亿元)", squash(m.group("value"))):
        return None
    name, _ = normalize_department(m.group("value"))
    return name if name and len(name) >= 4 and ORG_SUFFIX.search(name) else None


def department_candidates(text: str) -> Counter[str]:
    """Votes for department names: 部门/单位 label lines count 3, a title naming a department or a
    unit-code line 2, the cover's title 4 more; names one misread character apart are merged."""
    votes: Counter[str] = Counter()
    nonempty = cleaned_lines(text)
    for i, line in enumerate(nonempty):
        m = _DEPT_LABEL.match(line)
        if m:
            value = m.group("value").strip()
            if not value and i + 1 < len(nonempty):
                value = nonempty[i + 1]
            name, _ = normalize_department(value)
            if name and ORG_SUFFIX.search(name) and "XXX" not in name.upper():
                votes[name] += LABEL_VOTES
            continue
        m = _DEPT_UNIT_CODE.search(line)
        if m:
            name, _ = normalize_department(m.group("value"))
            if name and ORG_SUFFIX.search(name):
                votes[name] += TITLE_VOTES
    for title in find_titles(nonempty, BODY_SPAN):
        name = title_department(title)
        if name:
            votes[name] += TITLE_VOTES
    cover = title_department(cover_title(text))
    if cover:
        votes[cover] += COVER_VOTES
    return merge_misreadings(votes, text)


def _one_character_apart(a: str, b: str) -> bool:
    return (len(a) == len(b) >= MISREAD_MIN_LENGTH
            and sum(x != y for x, y in zip(a, b, strict=True)) == 1)


def merge_misreadings(votes: Counter[str], text: str) -> Counter[str]:
    """Names that differ in one character (OCR reading 北东市 for 北京市) are one name: their votes
    are added, under the spelling the document prints most often."""
    printed = squash(text)
    merged: Counter[str] = Counter()
    for name in sorted(votes, key=lambda n: (-printed.count(n), -votes[n], n)):
        spelling = next((m for m in merged if _one_character_apart(name, m)), name)
        merged[spelling] += votes[name]
    return merged


def detect_department(text: str, source_file: str | None = None) -> str | None:
    """The department name with the most votes (department_candidates); the file name's only when
    the text names none."""
    return read_metadata(text, source_file).metadata.department


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


def read_metadata(text: str, source_file: str | None = None) -> MetadataReading:
    """Report type, fiscal year, department, scope and unit of a document from its text; where
    the text names no report type, year or department, from its file name (`source_file`)."""
    from_name = read_file_name(source_file)
    from_file_name: list[str] = []

    report_type = _report_type_from_text(text)
    if report_type is None and from_name and from_name.report_type:
        report_type = from_name.report_type
        from_file_name.append("report_type")

    year, weak_years = _fiscal_year_from_text(text)
    if year is None and from_name and from_name.year:
        year = from_name.year
        from_file_name.append("fiscal_year")
    elif year is None and weak_years:
        year = weak_years.most_common(1)[0][0]

    votes = department_candidates(text)
    department = votes.most_common(1)[0][0] if votes else None
    if department is None:
        department = title_department(from_name)
        if department:
            from_file_name.append("department")

    metadata = DocumentMetadata(report_type=report_type, fiscal_year=year, department=department,
                                scope=detect_scope(text), unit=detect_unit(text))
    return MetadataReading(metadata, from_file_name)


def detect_metadata(text: str, source_file: str | None = None) -> DocumentMetadata:
    """Report type, fiscal year, department, scope and unit of a document (see :func:`read_metadata`)."""
    return read_metadata(text, source_file).metadata


def detect_document_metadata(doc: ExtractedDocument) -> tuple[DocumentMetadata, list[ParseIssue]]:
    """The metadata of an extracted document, from its text and, where that names nothing, its file
    name; each field read from the file name is an info issue (a guess the reader should know of)."""
    reading = read_metadata(doc.full_text(), doc.source_file)
    issues = [ParseIssue(
        "parse", f"{name}_from_file_name",
        f"The document's text names no {name.replace('_', ' ')}; it was read from the file name "
        f"({doc.source_file}).",
        severity="info") for name in reading.from_file_name]
    return reading.metadata, issues
