"""Document titles as covers, attachment lines and file names print them.

A disclosure names itself in one line (sometimes wrapped over two or three):

- '2026年度福州市XX局XX中心单位预算'          year, name, 单位预算
- 'XX市XX局2026年度部门预算公开'              name, year, 部门预算
- '2019年部门综合预算公开报表'                year only
- '附件2：XX委员会办公室2026年度部门预算报表'   an attachment's title
- '第二部分 2022年度部门决算表'                a part heading of the table of contents

A title is the whole line: a name (ending like an organisation), a year, the
report word (预算/决算, with 部门/单位/综合 before it) and only title words after it
(公开, 报表, 情况说明 …). A narrative sentence that mentions a budget ('纳入…部门预算
编制范围的单位', 'XX局2026年度收入、支出预算总计…') is not a title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import squash

ORG_SUFFIX = re.compile(
    r"(局|委员会|委|办公室|办|院|部|中心|会|所|站|队|馆|处|社|室|厅|署|团|校|政府|组|庭|行|场|园|台)$")
"""How the name of a department or unit (部门/单位) ends."""

# what may stand before a title: an attachment mark, a part or list number, markdown marks
_PREFIX = re.compile(
    r"^(?:[#*>\-.·•]+|附件\d*:?|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d))+")
_NAME = r"[^\d:：，。,.；;、“”\"《》]"  # a name holds no digits and no sentence punctuation
_REPORT = r"(?:部门|单位)?(?:综合|汇总|整体)?(?P<word>预算|决算)"
# only title words may follow the report word (and a scope marker such as (汇总))
_TAIL = r"(?:公开|信息|报表|表|情况|说明|报告|文本|目录|草案|编制|公示|\([^()]{1,8}\))*"
_YEAR = r"(?P<year>20\d\d)年度?"
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?P<name>{_NAME}{{0,40}}?){_REPORT}{_TAIL}$")
_NAME_FIRST = re.compile(rf"^(?P<name>{_NAME}{{2,40}}?){_YEAR}{_REPORT}{_TAIL}$")
_NAME_ONLY = re.compile(rf"^(?P<name>{_NAME}{{2,40}}?)(?:部门|单位)(?:综合|汇总)?(?P<word>预算|决算){_TAIL}$")
# words that start or fill a sentence or a heading, never a name: '纳入本部门…', '包括XX中心…',
# '根据…', '第一部分 XX局概况', '目录'
_SENTENCE = re.compile(
    r"纳入|列入|包括|其中|根据|按照|依据|关于|范围|以下|详见|部分|目录|概况|^(?:本|对|从|经|由|即|为|含|全市|各)")
# a name standing alone (a file name that is just the department)
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff()]{4,40}$")


@dataclass(frozen=True)
class DocumentTitle:
    """What a document title says: the year, the name (as printed, scope marker kept) and the report type."""

    year: int | None
    name: str | None  # None when the title names no department ('2026年部门预算')
    report_type: str | None  # budget (预算) | final (决算)


def strip_title_prefix(text: str) -> str:
    """'附件2：XX局2026年度部门预算报表' → 'XX局2026年度部门预算报表' (also part and list numbers,
    markdown marks); the text is squashed (no spaces, full-width forms folded)."""
    t = squash(text).strip("*")
    return _PREFIX.sub("", t)


def starts_entry(line: str) -> bool:
    """True when `line` starts a new entry (an attachment mark, a part or list number), so it
    cannot be the continuation of a title wrapped from the line before."""
    m = _PREFIX.match(squash(line))
    return bool(m) and bool(m.group(0).strip("*"))


def parse_title(text: str) -> DocumentTitle | None:
    """The title printed in `text` (one line, or a title wrapped over lines joined), or None
    when `text` is not a document title (a sentence, a table row)."""
    t = strip_title_prefix(text)
    for pattern in (_YEAR_FIRST, _NAME_FIRST, _NAME_ONLY):
        m = pattern.match(t)
        if not m:
            continue
        name = m.group("name") or None
        if name and _SENTENCE.search(name):
            return None
        year = int(m.group("year")) if "year" in m.groupdict() else None
        return DocumentTitle(year, name, "budget" if m.group("word") == "预算" else "final")
    return None


def parse_bare_name(text: str) -> str | None:
    """A name standing alone ('1．中共XX市委宣传部' → '中共XX市委宣传部'), or None."""
    t = strip_title_prefix(text)
    return t if _BARE_NAME.match(t) and ORG_SUFFIX.search(t) and not _SENTENCE.search(t) else None
