"""What a document's file name says about it: the last resort for its year, department and type.

File names are often wrong (a file named 2026 holding a 2019 budget, a bureau's name
on one of its units' 单位预算, a generic '2026年部门预算.pdf'), so the metadata reads
them only where the document's text names nothing.

Two families of names:

- a crawl-saved path, folders joined by '__' and the crawl's category by '_':
  '预算数据__002_北京__国有资产监督管理委员会_附件2：北京市XX委员会2026年度部门预算报表.pdf'.
  The title is the part after the last '_' (the category before it is a short name
  the crawl gave the page, not the department's).
- a name saved by hand, the title itself, '_' standing for a space:
  'XX区XX局_2024_年度部门决算.pdf'.
"""
from __future__ import annotations

import re
from pathlib import PurePath

from ..vocabulary.document_titles import DocumentTitle, parse_bare_name, parse_title, strip_title_prefix

_EXTENSIONS = re.compile(r"(\.(pdf|txt|md|markdown|docx?|xlsx?|html?))+$", re.IGNORECASE)
_CRAWL_FOLDER = "__"
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")
_REPORT_WORD = re.compile(r"(预算|决算)")


def file_name_title(source_file: str) -> str:
    """The title a file name holds: after the last '_' of a crawl-saved path ('…__…_TITLE.pdf'),
    else the whole name with '_' read as a space; extensions ('.pdf.pdf') dropped."""
    stem = _EXTENSIONS.sub("", PurePath(source_file).name)
    if _CRAWL_FOLDER in stem:
        return stem.rsplit("_", 1)[-1]
    return stem.replace("_", " ")


def read_file_name(source_file: str | None) -> DocumentTitle | None:
    """Year, department name and report type that the file name's title gives (each may be None),
    or None when it gives none of them."""
    if not source_file:
        return None
    title = file_name_title(source_file)
    parsed = parse_title(title)
    if parsed:
        return parsed
    name = parse_bare_name(title)
    year = _YEAR.search(strip_title_prefix(title))
    word = _REPORT_WORD.search(title)
    if not (name or year or word):
        return None
    return DocumentTitle(int(year.group(1)) if year else None, name,
                         ("budget" if word.group(1) == "预算" else "final") if word else None)
