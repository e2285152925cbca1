"""Document recognition by content: is this a budget (预算) or final-account (决算) disclosure — and if
not, what does it look like?

Crawls bring in papers named like a disclosure (``某某局2026年部门预算.pdf``) that are
something else: a 巡察通告, a policy 通知, a 政府信息公开申请表, a 政府网站工作年度报表, a
绩效自评表 standing alone, a letter, a scan with no table. The file name says nothing;
what the document holds does:

- **disclosure evidence** — cover words (部门预算, 单位预算, 部门决算, 预算公开, 预算情况说明 …),
  the standard table titles (收支总表, 收入预算表, 财政拨款收支总表, 一般公共预算支出表,
  基本支出表, “三公”经费支出表 …, read by the parser's own title rules, in a table of
  contents too), rows that start with an account code (201, 20101, 2010101; 301, 30101)
  and the headings of the 情况说明 template (收入预算情况, 支出预算情况, 机关运行经费,
  名词解释 …);
- **what else it looks like** — the heading of its first page (…的通告, …的通知, …申请表,
  …工作年度报表, 绩效自评表, …的函), the words of a notice (特此通告), a form's field labels
  (申请人, 联系电话, 签名, 日期 …) or a letter's (此致 敬礼), and whether its pages were
  scans (read by OCR, or not read at all because OCR is not available).

A document with line items is a disclosure whatever else it says. One without is a
disclosure when its tables or its narrative are those of one (two standard table
titles; account-coded rows beside a title or a cover word; a cover word and three
headings of the 情况说明) — unless its heading says it is a notice, form or report and
no account-coded row or parsed budget table contradicts that. A disclosure without
tables (a 部门预算情况说明 alone) is loaded with its metadata and no line items.

:func:`recognize` returns a :class:`Recognition`; its :meth:`Recognition.verdict` is the
document-level issue the parse stage records: ``not_a_disclosure`` (refused, saying what
it looks like), ``needs_ocr`` (scanned pages OCR could not read here), ``no_line_items``
(a disclosure whose tables gave no amount), ``narrative_only`` (info: loaded without
tables) — or none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Block, ExtractedDocument, LineItem, Page, ParsedTable, ParseIssue
from ..vocabulary.account_codes import is_code_head, is_code_part, split_code_and_name
from ..vocabulary.text import squash
from ..vocabulary.titles import is_title, normalize_title
from .table_types import table_type_for_title

# table types whose title alone does not make a disclosure: a 绩效自评表, a 政府采购 list or an
# asset register are published on their own too
_NOT_ALONE = frozenset({"performance", "procurement", "assets", "other"})

_COVER = re.compile(r"(部门|单位)(预算|决算)|(预算|决算)(公开|情况说明|报表|公开表)|收支(预算|决算)")
_SECTIONS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern) for name, pattern in {
        "收支总体情况": r"收支(预算|决算)?总体情况|收入支出(预算|决算)?总体情况|收支总表情况说明",
        "收入情况": r"收入(预算|决算)(总体)?情况|收入总表情况说明",
        "支出情况": r"支出(预算|决算)(总体)?情况|支出总表情况说明",
        "财政拨款收支情况": r"财政拨款收(入)?支(出)?.{0,6}情况",
        "一般公共预算支出情况": r"一般公共预算(财政拨款)?(基本)?支出.{0,6}情况",
        "三公经费": r"三公.{0,2}经费",
        "机关运行经费": r"机关运行经费",
        "政府采购情况": r"政府采购(预算|支出)?.{0,4}情况",
        "国有资产占用情况": r"国有资产(占用|使用)",
        "名词解释": r"名词解释",
        "部门职责与机构": r"主要职能|部门职责|机构设置|部门概况|单位概况",
    }.items()
}

# what a heading line says the document is: (the words it ends with or holds, kind), first match wins
_HEADING_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(巡察|巡视).{0,12}(通告|公告|通知)|(巡察|巡视)(工作)?(公告|通告)"), "notice"),
    (re.compile(r"(申请表|登记表|审批表|报名表|备案表|申报表|信息表|征求意见表)$"), "form"),
    (re.compile(r"(工作年度报表|年度工作报表|网站.{0,10}报表|统计报表|年度报告|工作报告|工作总结|的报告)$"), "report"),
    (re.compile(r"(绩效自评表|绩效自评报告|自评报告|绩效评价报告|绩效目标表|绩效目标申报表)$"), "performance"),
    (re.compile(r"(通告|通知|公告|通报|决定|批复|意见|办法|规定|公示)$"), "notice"),
    (re.compile(r"(的函|复函|函)$"), "letter"),
]
_BODY_NOTICE = re.compile(r"特此(通告|通知|公告|通报|公示)|现(将|就)有关事项(通告|通知|公告)如下")
_BODY_LETTER = re.compile(r"此致|敬礼|特此函(告|复|达)|尊敬的")
_FORM_FIELDS = ("申请人", "姓名", "联系电话", "签名", "签字", "日期", "身份证", "证件号码", "工作单位",
                "通信地址", "联系地址", "邮政编码", "电子邮箱", "传真", "所需信息", "获取方式", "盖章",
                "经办人", "审批意见", "负责人", "联系人")
_NOUNS = {"notice": "notice", "form": "form", "report": "report of another kind",
          "performance": "performance form", "letter": "letter", "document": "document"}
_HEADING_LINES = 8
_HEADING_CHARS = 40


@dataclass(frozen=True)
class Evidence:
    """What a document holds that speaks for or against it being a disclosure."""

    cover: tuple[str, ...] = ()  # cover words found (部门预算, 预算公开 …), each once
    table_types: tuple[str, ...] = ()  # standard table types named by a title line (not 绩效/采购/资产 alone)
    titles: tuple[str, ...] = ()  # those title lines, as printed (normalized), first few
    sections: tuple[str, ...] = ()  # headings of the 情况说明 template found
    code_rows: int = 0  # rows or lines that start with an account code (2xx, 3xx, 5xx)
    form_fields: tuple[str, ...] = ()  # field labels of a form (申请人, 联系电话, 签名 …)
    heading: tuple[str, ...] = ()  # the first lines of the document (squashed)


@dataclass(frozen=True)
class Recognition:
    """What a document is, decided from its content, with the counts a reason needs."""

    kind: str  # disclosure | notice | form | report | performance | letter | document
    is_disclosure: bool
    report_type: str | None  # budget | final, for a disclosure
    called: str  # what it is called in the document (巡察通告, 政府信息公开申请表 …), or ""
    pages: int  # pages of the document (0 for a source without pages)
    ocr_pages: int  # pages read by OCR
    unread_pages: int  # scanned pages that were not read (OCR not available)
    ocr_unavailable: str | None  # why OCR is not available, when pages were not read
    tables: int  # tables the parser found
    table_titles: tuple[str, ...]  # their titles ('' for an untitled one), first few
    line_items: int  # amounts the parser read
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def scanned(self) -> bool:
        """True when most pages are scans (read by OCR or not read)."""
        return self.pages > 0 and (self.ocr_pages + self.unread_pages) * 2 > self.pages

    @property
    def narrative_only(self) -> bool:
        """A disclosure without a single table (a 部门预算情况说明 alone)."""
        return self.is_disclosure and self.tables == 0

    def looks_like(self) -> str:
        """What the document looks like, in words: 'a notice (巡察通告)', 'a scanned letter'."""
        if self.is_disclosure:
            noun = {"final": "final-account disclosure (部门决算)", "budget": "budget disclosure (部门预算)"}.get(
                self.report_type or "", "budget or final-account disclosure")
            return f"a {'scanned ' if self.scanned else ''}{noun}"
        noun = _NOUNS.get(self.kind, "document")
        if self.scanned:
            noun = f"scanned {noun}"
        elif self.kind == "document":
            noun = "document of another kind"
        article = "an" if noun[0] in "aeiou" else "a"
        return f"{article} {noun}" + (f" ({self.called})" if self.called else "")

    def verdict(self) -> ParseIssue | None:
        """The document-level issue: why nothing is loaded, or that a disclosure is loaded without tables.

        None for a disclosure with line items. ``not_a_disclosure`` (error) refuses a
        document that is something else; ``needs_ocr`` (error) is a scan that could not
        be read here; ``no_line_items`` (error) a disclosure whose tables gave no amount;
        ``narrative_only`` (info) a disclosure without tables, loaded as it is.
        """
        detail = self._detail()
        if self.line_items:
            return None
        if self.is_disclosure:
            if self.tables == 0 and self.unread_pages:
                return ParseIssue("parse", "needs_ocr", self._unread_reason(), severity="error", detail=detail)
            if self.tables == 0:
                return ParseIssue(
                    "parse", "narrative_only",
                    f"This is {self.looks_like()} without tables: its {_pages(self.pages)} are the narrative "
                    "(情况说明); it is loaded with its metadata and no line items.", severity="info", detail=detail)
            found = "、".join(t or "untitled" for t in self.table_titles)
            return ParseIssue(
                "parse", "no_line_items",
                f"This is {self.looks_like()} naming {_count(len(self.evidence.table_types), 'standard table')}, "
                f"but no printed amount could be read from the {_count(self.tables, 'table')} found ({found}).",
                severity="error", detail=detail)
        if self.unread_pages and self.kind == "document":
            return ParseIssue("parse", "needs_ocr", self._unread_reason(), severity="error", detail=detail)
        return ParseIssue("parse", "not_a_disclosure", self._refusal_reason(), severity="error", detail=detail)

    def _refusal_reason(self) -> str:
        none = "no budget table title or account code"
        if self.pages and self.ocr_pages == self.pages:
            where = f"OCR read its {_pages(self.pages)} and found {none}"
        elif self.ocr_pages:
            where = f"{none} was found in its {_pages(self.pages)} ({self.ocr_pages} of them read by OCR)"
        elif self.pages:
            where = f"{none} was found in its {_pages(self.pages)}"
        else:
            where = f"{none} was found in its text"
        mentions = (f" It mentions {'、'.join(self.evidence.cover[:3])}, but holds no budget table."
                    if self.evidence.cover else "")
        unread = (f" {_count(self.unread_pages, 'page')} could not be read: scans, and OCR is not available "
                  f"({self.ocr_unavailable or 'no reason given'})." if self.unread_pages else "")
        return (f"Refused: this file looks like {self.looks_like()}, not a budget or final-account "
                f"disclosure — {where}.{mentions}{unread}")

    def _unread_reason(self) -> str:
        why = self.ocr_unavailable or "no reason given"
        install = "Install Tesseract with its Chinese data (tesseract-ocr-chi-sim) to read them."
        if self.unread_pages == self.pages:
            scans = "Its page is a scanned image" if self.pages == 1 else f"Its {self.pages} pages are scanned images"
            return (f"{scans} without a text layer and OCR is not available here ({why}): nothing could be read, "
                    f"so whether it is a disclosure cannot be told. {install}")
        return (f"{self.unread_pages} of its {_pages(self.pages)} are scanned images without a text layer and OCR "
                f"is not available here ({why}). The pages with text look like {self.looks_like()}, but hold no "
                f"table, so nothing could be loaded. {install}")

    def _detail(self) -> str:
        e = self.evidence
        parts = [f"kind={self.kind}"]
        if e.cover:
            parts.append("cover=" + "、".join(e.cover))
        if e.table_types:
            parts.append("tables=" + "、".join(e.table_types))
        if e.sections:
            parts.append("sections=" + "、".join(e.sections))
        if e.code_rows:
            parts.append(f"code_rows={e.code_rows}")
        if e.form_fields:
            parts.append("form_fields=" + "、".join(e.form_fields))
        return "; ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _pages(n: int) -> str:
    return _count(n, "page")


def text_lines(pages: list[Page], blocks: list[Block]) -> list[str]:
    """Every line of the document, squashed: page text lines, and each table cell as a line of its own."""
    lines = [squash(cell) for p in pages for row in p.text.splitlines() for cell in row.split("\t")]
    if not any(p.text for p in pages):  # a source read without page text: its blocks
        for b in blocks:
            lines += [squash(line) for line in b.lines]
            lines += [squash(c.text) for row in b.rows for c in row]
    return [line for line in lines if line]


def heading(lines: list[str]) -> tuple[str, ...]:
    """The first lines of the document (short ones: a cover or a title, not a paragraph)."""
    return tuple(line for line in lines[:3 * _HEADING_LINES] if len(line) <= _HEADING_CHARS)[:_HEADING_LINES]


def code_rows(pages: list[Page], blocks: list[Block]) -> int:
    """Rows that start with an account code of the 功能分类 (2xx) or 经济分类 (3xx, 5xx): table rows
    whose first cells are a code (split 类/款/项 parts joined) and prose lines '201 一般公共服务支出'."""
    n = 0
    for b in blocks:
        for row in b.rows:
            cells = [squash(c.text) for c in row if squash(c.text)]
            if cells and _starts_with_code(cells):
                n += 1
    for p in pages:
        for line in p.text.splitlines():
            if "\t" in line:
                continue  # a table row, counted from the blocks
            split = split_code_and_name(line.strip())
            if split and split[0][0] in "235":
                n += 1
    return n


def _starts_with_code(cells: list[str]) -> bool:
    """The first cells of a row are an account code and its name (or its split 款/项 parts)."""
    head = cells[0]
    if is_code_head(head):
        return head[0] in "235" and len(cells) > 1 and (is_code_part(cells[1]) or not cells[1][0].isdigit())
    split = split_code_and_name(head)
    return split is not None and split[0][0] in "235"


def gather_evidence(pages: list[Page], blocks: list[Block], tables: list[ParsedTable]) -> Evidence:
    """Everything :func:`recognize` weighs, read from the document's pages, blocks and parsed tables."""
    lines = text_lines(pages, blocks)
    cover: list[str] = []
    types: list[str] = []
    titles: list[str] = []
    sections: list[str] = []
    fields: list[str] = []
    for line in lines:
        for m in _COVER.finditer(line):
            if m.group(0) not in cover:
                cover.append(m.group(0))
        if is_title(line):
            title = normalize_title(line)
            table_type = table_type_for_title(title)
            if table_type not in _NOT_ALONE and table_type not in types:
                types.append(table_type)
                titles.append(title)
        for name, pattern in _SECTIONS.items():
            if name not in sections and pattern.search(line):
                sections.append(name)
        for label in _FORM_FIELDS:
            if label not in fields and line.startswith(label) and len(line) <= len(label) + 12:
                fields.append(label)
    for t in tables:
        if t.table_type not in _NOT_ALONE and t.table_type not in types:
            types.append(t.table_type)
            titles.append(t.title or "")
    return Evidence(tuple(cover), tuple(types), tuple(titles[:6]), tuple(sections),
                    code_rows(pages, blocks), tuple(fields), heading(lines))


def heading_kind(head: tuple[str, ...]) -> tuple[str, str] | None:
    """(kind, the heading line) when a heading line names a notice, form, report or letter — None when
    the cover of a disclosure comes first.

    A line with a cover word is the cover (XX局2026年部门预算公开, …部门预算公示, …部门决算报告),
    unless it is about one (…关于做好2026年部门预算公开工作的通知) or names a form or a
    performance evaluation (…部门决算绩效自评报告).
    """
    for line in head:
        cover = _COVER.search(line)
        about = cover is not None and "关于" in line[:cover.start()]
        for pattern, kind in _HEADING_KINDS:
            if pattern.search(line) and (cover is None or about or kind in ("form", "performance")):
                return kind, line
        if cover:
            return None
    return None


def body_kind(lines: list[str], evidence: Evidence) -> tuple[str, str] | None:
    """(kind, word) from the body when the heading said nothing: a form's fields, a notice's or a letter's words."""
    if len(evidence.form_fields) >= 3:
        return "form", "fields " + "、".join(evidence.form_fields[:4])
    for line in lines:
        m = _BODY_NOTICE.search(line)
        if m:
            return "notice", m.group(0)
    for line in lines:
        m = _BODY_LETTER.search(line)
        if m:
            return "letter", m.group(0)
    return None


def is_disclosure_evidence(e: Evidence) -> bool:
    """Enough of a disclosure's content: two standard table titles; account-coded rows beside a table
    title or a cover word; or a cover word and three headings of the 情况说明 template."""
    return (len(e.table_types) >= 2
            or (e.code_rows >= 3 and bool(e.table_types or e.cover))
            or (bool(e.cover) and len(e.sections) >= 3))


def _ocr_unavailable(issues: list[ParseIssue], unread_pages: set[int]) -> str | None:
    """Why OCR is not available, as the reader said on a page it could not read (the issue's detail)."""
    for issue in issues:
        if issue.issue_code == "needs_ocr" and issue.page in unread_pages and issue.detail:
            return issue.detail
    return None


def recognize(doc: ExtractedDocument, tables: list[ParsedTable], items: list[LineItem],
              report_type: str | None = None) -> Recognition:
    """Decide from its content whether a document is a disclosure, and what it looks like when it is not.

    `report_type` is what the metadata read (budget | final, :mod:`.metadata`); it only names
    the kind of disclosure in a verdict.
    """
    pages = [p for p in doc.pages if p.number is not None]
    evidence = gather_evidence(doc.pages, doc.blocks, tables)
    lines = text_lines(doc.pages, doc.blocks)
    unread = {p.number for p in pages if p.needs_ocr and not p.is_ocr and not p.text}
    counts = {"pages": len(pages), "ocr_pages": sum(1 for p in pages if p.is_ocr), "unread_pages": len(unread),
              "ocr_unavailable": _ocr_unavailable(doc.issues, unread) if unread else None,
              "tables": len(tables), "table_titles": tuple(t.title or "" for t in tables[:6]),
              "line_items": len(items), "evidence": evidence}
    said = heading_kind(evidence.heading)
    contradicted = evidence.code_rows >= 3 or any(t.table_type not in _NOT_ALONE for t in tables)
    if items or (is_disclosure_evidence(evidence) and (said is None or contradicted)):
        return Recognition("disclosure", True, report_type, "", **counts)
    kind, called = said or body_kind(lines, evidence) or ("document", "")
    return Recognition(kind, False, None, called, **counts)
