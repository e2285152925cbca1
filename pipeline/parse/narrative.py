"""The 说明 narrative of a document → sentences with their figures (pure; no files written).

A small grammar over the phrasings that recur in the 情况说明 of 部门预算 / 部门决算,
each rule tested in tests/unit/test_narrative.py on sentences copied from the seeds
and from real PDFs:

- **Sentences** (:func:`split_sentences`): the lines of text blocks, a line wrapped
  mid-sentence joined to the next (a line is wrapped when it does not end a sentence
  and is not a title — a short line without punctuation — and the next does not start
  a numbered heading: 一、 （一） 1. 1、 (1) ① 第一部分); then split after 。；;！？!? and
  before a ``，其中：`` that opens the breakdown of the figure before it.
- **Figures**: an amount is a number followed by 万元 / 元 / 亿元 (``883.5 万元``,
  ``1,234.56万元``, ``0 万元``, a doubled unit ``85.62 万元万元``, a space inside the
  number ``453. 37``, full-width digits); its *phrase* is the label printed right
  before it (back to the previous figure or clause mark). A percentage is a number
  followed by %. Years are 4-digit numbers followed by 年.
- **Statement** (:func:`read_statement`): the topic (``TOPICS``: the most specific
  term printed up to the main figure, else in the sentence — never in its reason or in
  a 主要用于/主要包括 list); the main figure (the first amount that is not a change, a
  threshold ``100万元以上`` or the comparison base — a 预算为 figure beside a 决算 one, a
  figure of another year than the fiscal year) converted exactly to 万元; the change
  (增加/增长/上升 → increase, 减少/下降/降低 → decrease, 持平/无变化/保持一致 → flat), its
  amount and percentage (增长 x%, 增幅 x%, 下降 x%, 减幅 x%); what the figure is compared
  with (the previous year, or the budget for 决算数大于/小于预算数, 完成预算的 x%); the
  reason after 主要原因/原因是/主要是.
- **Sentences lean on the ones before** (:func:`read_statements`): a sentence that only
  gives a reason or a comparison gives it to the statement before it; figures printed
  without a subject (年初预算为…，支出决算为…) take the topic of the 类/款/项 line above.

Money is exact: every figure is a ``Decimal`` read from the printed string.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Block

# -- text ----------------------------------------------------------------------------------------

_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold(text: str) -> str:
    """Full-width ASCII forms (digits, ％, ：, （ ）, ，) folded to ASCII, one character for one,
    so that positions in the folded text are positions in the printed text."""
    return text.translate(_FULL_WIDTH)


def _width(line: str) -> int:
    """The printed width of a line: a CJK character counts two, anything else one."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in line.strip())


_MARKDOWN = re.compile(r"^\s*(?:#+\s*|[-*+]\s+|>\s*)+")
_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分"
    r"|[一二三四五六七八九十]{1,3}\s*[、.]"
    r"|[(][一二三四五六七八九十]{1,3}[)]|[(]\d{1,2}[)]"
    r"|\d{1,2}\s*[、]|\d{1,2}\.(?!\s?\d)|\d{1,2}\.\s*(?=\d{4}\s*年)"
    r"|[①-⑳])"
)
_TERMINATORS = "。；;！？!?"
_CLAUSE_MARKS = "，,、：:；;。"
_LEADER = re.compile(r"…{2,}|\.{4,}|·{4,}")


def _clean_line(line: str) -> str:
    return _MARKDOWN.sub("", line.replace("**", "")).strip()


def starts_heading(line: str) -> bool:
    """True when the line starts with a numbered heading (一、 （一） 1. 1、 (1) ① 第一部分)."""
    return bool(_HEADING.match(fold(line)))


def _is_title(line: str, full_width: int) -> bool:
    """A line that ends its paragraph although it does not end a sentence: a title or the last
    words of a paragraph — short, and without a clause mark inside."""
    folded = fold(line)
    return _width(line) < 0.8 * full_width and not any(c in folded for c in "，,；;：:。")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its text, the line it starts on and the section it is in (a
    section runs from one heading or title to the next)."""

    text: str
    line: int
    section: int


def _paragraphs(lines: Sequence[str], groups: Sequence[int] | None = None) \
        -> list[tuple[str, list[tuple[int, int]], int]]:
    """Lines joined into paragraphs; each with where its lines start (offset in the paragraph, line
    index) and its section.

    `groups` (one per line: the block it was printed in) gives each block its own full line
    width, against which a short line is told from a wrapped one.
    """
    cleaned = [_clean_line(line) for line in lines]
    groups = list(groups) if groups is not None else [0] * len(cleaned)
    full: dict[int, int] = {}
    for line, group in zip(cleaned, groups, strict=True):
        full[group] = max(full.get(group, 0), _width(line))
    out: list[tuple[str, list[tuple[int, int]], int]] = []
    current, starts, section, after_title = "", [], 0, False
    for i, line in enumerate(cleaned):
        if not line:
            continue
        heading = starts_heading(line)
        if current and heading:
            out.append((current, starts, section))
            current = ""
        if not current:
            if heading or after_title:
                section += 1
            current, starts = line, [(0, i)]
        else:
            joint = " " if current[-1].isascii() and current[-1].isalpha() and line[0].isascii() \
                and line[0].isalpha() else ""
            current += joint
            starts.append((len(current), i))
            current += line
        title = _is_title(line, full[groups[i]])
        if line[-1] in _TERMINATORS or title:
            out.append((current, starts, section))
            current, after_title = "", title
    if current:
        out.append((current, starts, section))
    return out


_BREAKDOWN = re.compile(r"(?<=[，,])\s*(?=其中\s*[:：])")


def _split_paragraph(paragraph: str) -> list[tuple[str, int]]:
    """A paragraph cut after each sentence terminator and before a ``，其中：`` breakdown; each piece
    with where it starts in the paragraph."""
    pieces, start = [], 0
    cuts = [m.end() for m in re.finditer(f"[{_TERMINATORS}]+", paragraph)]
    cuts += [m.start() for m in _BREAKDOWN.finditer(paragraph)]
    for cut in sorted(set(cuts)) + [len(paragraph)]:
        piece = paragraph[start:cut]
        if piece.strip(_TERMINATORS + " "):
            pieces.append((piece.strip(), start + len(piece) - len(piece.lstrip())))
        start = cut
    return pieces


def split_sentences(lines: Sequence[str]) -> list[str]:
    """The sentences of the text lines of one or more text blocks, in order (see the module doc)."""
    return [s.text for s in sentences(lines)]


def sentences(lines: Sequence[str], groups: Sequence[int] | None = None) -> list[Sentence]:
    """The sentences of text lines, each with the line it starts on and its section; `groups` as in
    :func:`_paragraphs`."""
    out = []
    for paragraph, starts, section in _paragraphs(lines, groups):
        for text, offset in _split_paragraph(paragraph):
            line = max(i for at, i in starts if at <= offset)
            out.append(Sentence(text, line, section))
    return out


# -- figures -------------------------------------------------------------------------------------

_NUMBER = r"(?<![\d.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\s?\.\s?(?P<frac>\d+))?"
_AMOUNT = re.compile(_NUMBER + r"\s*(?P<unit>亿元|万元|元|万(?=[，,。；;、)）\s]|$))(?:\s*(?P=unit))*")
_PERCENT = re.compile(_NUMBER + r"\s*%")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_THRESHOLD = re.compile(r"^\s*(?:\(含\))?\s*(?:以上|及以上)")

TO_WAN = {"万元": Decimal(1), "万": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}

_INCREASE_WORDS = ("增加", "增长", "上升", "增幅")  # and 增 right before a figure: 收入合计增 145.91 万元
_DECREASE_WORDS = ("减少", "下降", "降低", "减幅", "降幅")  # and 减 right before a figure
_INCREASE = "|".join(_INCREASE_WORDS) + r"|增(?=\s*\d)"
_DECREASE = "|".join(_DECREASE_WORDS) + r"|减(?=\s*\d)"
_FLAT = r"持平|无变化|没有变化|未发生变化|保持一致|无差异|不存在差异"
_DIRECTION = re.compile(f"(?P<increase>{_INCREASE})|(?P<decrease>{_DECREASE})|(?P<flat>{_FLAT})")
# a label that ends with a change word: the figure after it is the change (增加 85.62 万元, 增长 24.2%)
_CHANGE_LABEL = re.compile(f"(?:{'|'.join(_INCREASE_WORDS + _DECREASE_WORDS)}|增|减)了?$")


def _number(m: re.Match) -> Decimal:
    digits = m.group("int").replace(",", "")
    return Decimal(f"{digits}.{m.group('frac')}" if m.group("frac") else digits)


@dataclass(frozen=True)
class Amount:
    """One printed amount of a sentence: its value as printed, its unit and the phrase before it."""

    value: Decimal
    unit: str  # 万元 | 元 | 亿元 (a bare 万 is read as 万元)
    phrase: str  # the label printed right before the figure, e.g. 财政拨款收入
    text: str  # the figure as printed, e.g. '85.62 万元万元'
    is_change: bool = False  # the amount of a change (增加 85.62 万元)
    is_threshold: bool = False  # a size class, not a figure (单价100万元以上)
    start: int = field(default=0, compare=False)  # where the figure starts in the sentence

    @property
    def wan(self) -> Decimal:
        """The amount in 万元, exactly."""
        return self.value * TO_WAN[self.unit]


@dataclass(frozen=True)
class Percentage:
    """One printed percentage and the phrase before it (占本年支出, 增长, 完成年初预算的)."""

    value: Decimal
    phrase: str


def _phrase(text: str, start: int, end: int) -> str:
    """The label between `start` (the end of the previous figure) and a figure at `end`: back to
    the last clause mark, without spaces and without a trailing 为/是/均为/共计."""
    label = text[start:end]
    cut = max(label.rfind(c) for c in _CLAUSE_MARKS if c != "、")
    label = label[cut + 1:]
    label = re.sub(r"\s+", "", label)
    label = re.sub(r"^(其中|主要包括|包括|分别为|分别是)", "", label)
    return re.sub(r"(均为|分别为|共计|合计为|约为|为|是|达到|达|约)$", "", label)


def read_amounts(sentence: str) -> list[Amount]:
    """The amounts printed in a sentence, in order, each with the phrase before it."""
    folded = fold(sentence)
    out, previous_end = [], 0
    marks = sorted([(m.start(), m.end(), m) for m in _AMOUNT.finditer(folded)]
                   + [(m.start(), m.end(), None) for m in _PERCENT.finditer(folded)], key=lambda t: t[0])
    for start, end, m in marks:
        if m is None:
            previous_end = end
            continue
        phrase = _phrase(sentence, previous_end, start)
        unit = "万元" if m.group("unit") == "万" else m.group("unit")
        out.append(Amount(
            _number(m), unit, phrase, sentence[start:end].strip(),
            is_change=bool(_CHANGE_LABEL.search(fold(phrase))),
            is_threshold=bool(_THRESHOLD.match(folded[end:])), start=start,
        ))
        previous_end = end
    return out


def read_percentages(sentence: str) -> list[Percentage]:
    """The percentages printed in a sentence, each with the phrase before it."""
    folded = fold(sentence)
    out, previous_end = [], 0
    marks = sorted([(m.start(), m.end(), False) for m in _AMOUNT.finditer(folded)]
                   + [(m.start(), m.end(), True) for m in _PERCENT.finditer(folded)])
    for start, end, is_percent in marks:
        if is_percent:
            m = _PERCENT.match(folded, start)
            out.append(Percentage(_number(m), _phrase(sentence, previous_end, start)))
        previous_end = end
    return out


def read_years(sentence: str) -> list[int]:
    """The 4-digit years a sentence mentions (followed by 年), each once, in order."""
    years: list[int] = []
    for m in _YEAR.finditer(fold(sentence)):
        if int(m.group(1)) not in years:
            years.append(int(m.group(1)))
    return years


# -- topics --------------------------------------------------------------------------------------

# Most specific first: the first topic whose pattern the sentence names is its topic.
TOPICS: tuple[tuple[str, str], ...] = (
    ("vehicle_purchase", r"公务用车购置(?![及和与])|购置(?:\(更新\))?公务用车|公车购置"),  # 公务用车购置费
    ("vehicle_operation", r"公务用车运行"),  # 公务用车运行(维护)费
    ("official_vehicles", r"公务用车"),  # 公务用车购置及运行(维护)费, 公务用车保有量
    ("overseas_travel", r"因公出国"),  # 因公出国（境）费
    ("official_reception", r"公务接待|外宾接待|国内接待"),  # 公务接待费
    ("three_public", r"三公"),  # “三公”经费
    ("operating_costs", r"机关运行经费|机构运行经费"),  # 机关运行经费
    ("procurement", r"政府采购|(?:货物|工程|服务)采购"),  # 政府采购
    ("state_assets", r"国有资产|资产占有|车辆|(?:专用|通用)?设备"),  # 国有资产占有使用, 车辆, 设备
    ("personnel", r"人员经费"),  # 人员经费
    ("public_use", r"公用经费"),  # 公用经费
    ("basic_expenditure", r"基本支出"),  # 基本支出
    ("project_expenditure", r"项目支出"),  # 项目支出
    ("government_fund", r"政府性基金"),  # 政府性基金预算
    ("state_capital", r"国有资本经营"),  # 国有资本经营预算
    ("general_public_budget", r"一般公共预算"),  # 一般公共预算
    ("fiscal_appropriation", r"财政拨款"),  # 财政拨款(收入/支出)
    ("functional_class", r"\(\d*[类款项]\)"),  # a 功能分类 类 / 款 / 项 line: 一般公共服务（类）支出
    ("income_expenditure_total",  # 收支总计, 收入支出总计, 预算收支
     r"收[、,]?支(?:总计|合计|总额|预算|决算)|收入[、,]?(?:和|及)?支出(?:总计|合计|总额|预算|决算)|预算收支"),
    # 收入总计 / 收入合计, not the total of one kind of income (其他资金收入预算总计, 事业收入合计)
    ("income_total",
     r"(?<!资金)(?<!事业)(?<!经营)(?<!其他)(?<!补助)(?<!上缴)收入(?:总计|合计|总额|预算|决算)|预算收入"),
    ("expenditure_total", r"支出(?:总计|合计|总额|预算|决算)|预算支出"),  # 支出总计 / 支出合计
)
TOPIC_CODES = tuple(code for code, _ in TOPICS) + ("other",)
_TOPIC_PATTERNS = tuple((code, re.compile(pattern)) for code, pattern in TOPICS)
_LIST = re.compile(r"主要(?:是)?用于|主要包括|具体包括|主要内容|主要为")


def topic_of(text: str) -> str | None:
    """The most specific topic a text names (``TOPICS``), or None."""
    folded = fold(text)
    for code, pattern in _TOPIC_PATTERNS:
        if pattern.search(folded):
            return code
    return None


# -- comparison and reason -----------------------------------------------------------------------

_REASON = re.compile(r"主要原因(?:是|为|在于)?\s*[:：]?\s*|原因(?:是|为|在于)\s*[:：]?\s*|原因\s*[:：]\s*"
                     r"|(?:(?<=^)|(?<=[，,。；;:：]))主要是(?!用于)\s*[:：]?")
_PREVIOUS = re.compile(r"(?:比|较|与|同)\s*上(?:一)?年|同比")
_VERSUS_YEAR = re.compile(r"(?:比|较|与|同)\s*((?:19|20)\d{2})\s*年")
_VERSUS_BUDGET = re.compile(
    r"决算数?\s*(?:大于|小于|超过|低于|高于|与[^，,。；;]{0,8}预算)"
    r"|完成(?:年初|全年|调整)?预算|(?:比|较|与)(?:年初|全年|调整)?预算数"
    r"|预算执行率")


def _reason(folded: str) -> tuple[str | None, int]:
    """The reason after 主要原因 / 原因是 / 主要是, and where its marker starts (else the length)."""
    m = _REASON.search(folded)
    if not m:
        return None, len(folded)
    reason = folded[m.end():].strip().rstrip(_TERMINATORS + "，,、 ")
    return (reason or None), m.start()


def _compared_with(folded: str, fiscal_year: int | None, years: list[int],
                   before: int) -> tuple[str | None, int | None]:
    """('previous_year' | 'budget' | None, the year compared with): the comparison printed
    nearest before the change word at `before` (else the first printed)."""
    found = []
    for m in _PREVIOUS.finditer(folded):
        found.append((m.start(), "previous_year", None))
    for m in _VERSUS_YEAR.finditer(folded):
        year = int(m.group(1))
        current = fiscal_year if fiscal_year is not None else (year + 1 if year + 1 in years else None)
        found.append((m.start(), "previous_year" if current == year + 1 else None, year))
    for m in _VERSUS_BUDGET.finditer(folded):
        found.append((m.start(), "budget", None))
    if not found:
        return None, None
    found.sort()
    prior = [f for f in found if f[0] < before]
    _, kind, year = prior[-1] if prior else found[0]
    return kind, year


# -- statements ----------------------------------------------------------------------------------

@dataclass
class NarrativeStatement:
    """One sentence of the 说明 with what it says in figures."""

    text: str
    topic: str | None  # TOPIC_CODES; 'other' for a sentence with a figure and no known topic
    amounts: list[Amount] = field(default_factory=list)
    amount: Decimal | None = None  # the main figure as printed
    amount_unit: str | None = None
    amount_phrase: str | None = None
    amount_wan: Decimal | None = None  # the main figure in 万元, exactly
    change_direction: str | None = None  # increase | decrease | flat
    change_amount: Decimal | None = None  # as printed, in change_unit
    change_unit: str | None = None
    change_amount_wan: Decimal | None = None
    change_percent: Decimal | None = None
    percentages: list[Percentage] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    compared_with: str | None = None  # previous_year | budget
    compared_year: int | None = None  # the year printed in 与20xx年相比 / 比20xx年
    reason: str | None = None  # after 主要原因 / 原因是 / 主要是

    @property
    def has_figure(self) -> bool:
        """True when the sentence prints an amount or a percentage."""
        return bool(self.amounts or self.percentages)


_BUDGET_BASE = re.compile(r"预算(?:数)?$")
_FINAL_FIGURE = re.compile(r"决算(?:数)?$|执行数$")


def _main_amount(amounts: list[Amount], fiscal_year: int | None) -> Amount | None:
    """The figure the sentence is about: not a change, not a threshold, not the base it is compared
    with (a 预算为 figure beside a 决算 one; a figure of another year than the fiscal year)."""
    candidates = [a for a in amounts if not a.is_change and not a.is_threshold]
    if any(_FINAL_FIGURE.search(fold(a.phrase)) and "预算" not in a.phrase for a in candidates):
        candidates = [a for a in candidates if not _BUDGET_BASE.search(fold(a.phrase))] or candidates
    labelled = [y for a in candidates for y in read_years(a.phrase)]
    current = fiscal_year if fiscal_year is not None else max(labelled, default=None)
    if current is not None:  # without the fiscal year, the latest year a figure is labelled with
        def other_year(a: Amount) -> bool:
            return any(y != current for y in read_years(a.phrase))
        candidates = [a for a in candidates if not other_year(a)] or candidates
    return candidates[0] if candidates else None


def read_statement(sentence: str, fiscal_year: int | None = None) -> NarrativeStatement:
    """What one sentence says: topic, figures, change, comparison and reason (see the module doc).

    `fiscal_year`, the document's, tells whether 与20xx年相比 is the previous year; without it the
    sentence's own years do (20xx and 20xx+1 both printed).
    """
    folded = fold(sentence)
    reason, reason_at = _reason(folded)
    said = folded[:reason_at]  # what the sentence says before its reason
    listed = _LIST.search(said)
    named = said[:listed.start()] if listed else said
    amounts = read_amounts(sentence)
    percentages = read_percentages(sentence)
    years = read_years(sentence)
    st = NarrativeStatement(text=sentence.strip(), topic=None, amounts=amounts,
                            percentages=percentages, years=years, reason=reason)
    main = _main_amount([a for a in amounts if a.start < reason_at], fiscal_year)
    if main is not None:
        st.amount, st.amount_unit, st.amount_phrase, st.amount_wan = main.value, main.unit, main.phrase, main.wan
        # what the sentence names up to its main figure (not a breakdown after it), else the whole sentence
        st.topic = topic_of(named[:main.start + len(main.text)])
    st.topic = st.topic or topic_of(named)
    direction = _DIRECTION.search(said)
    change_at = direction.start() if direction else len(said)
    change = next((a for a in amounts if a.is_change), None)
    if change is not None and change.start < reason_at:
        st.change_amount, st.change_unit, st.change_amount_wan = change.value, change.unit, change.wan
    for p in percentages:
        m = _CHANGE_LABEL.search(fold(p.phrase))
        if m:
            st.change_percent = p.value
            break
    if direction:
        st.change_direction = next(k for k, v in direction.groupdict().items() if v)
    st.compared_with, st.compared_year = _compared_with(said, fiscal_year, years, change_at)
    if st.topic is None and st.has_figure:
        st.topic = "other"
    return st


@dataclass
class LocatedStatement:
    """A statement with where it is printed: page, block, and its position in the document."""

    page: int | None
    block_index: int
    sentence_index: int  # 0-based position among the document's statements
    statement: NarrativeStatement


_TABLE_HEAD = re.compile(r"单位\s*[:：]\s*(?:万元|元)|编制(?:部门|单位)\s*[:：]|部门(?:名称)?\s*[:：]|表\s*$")


def _keeps(st: NarrativeStatement) -> bool:
    """A sentence with a figure is kept; one without only when it names a topic and says something
    dated, compared or explained about it (a year, a change, a comparison, a reason) — not a title,
    a table's heading lines, a table-of-contents line, a definition (名词解释) or a duty (主要职能)."""
    if st.has_figure:
        return True
    folded = fold(st.text)
    if st.topic is None or _LEADER.search(folded) or _TABLE_HEAD.search(folded):
        return False
    is_title = folded[-1] not in _TERMINATORS and not any(c in folded for c in "，,：:")
    return bool(st.reason or not is_title and (st.years or st.change_direction or st.compared_with))


_BARE_PHRASE = re.compile(
    r"(?:(?:19|20)\d{2}\s*年度?|当年|本年|上年|年初|全年|调整后|预算|决算|安排|执行数|数|为|的)*"
    r"|(?:支出)?决算(?:数)?(?:为)?")


def _bare(phrase: str | None) -> bool:
    """True when a figure's phrase names no subject of its own (2026年预算安排, 年初预算, 支出决算) — a
    支出预算 or 收入合计 names the total."""
    return phrase is not None and _BARE_PHRASE.fullmatch(fold(phrase)) is not None


def read_statements(sentences: Iterable[str], fiscal_year: int | None = None,
                    sections: Sequence[int] | None = None) -> list[NarrativeStatement | None]:
    """The statements of consecutive sentences (None for a sentence not kept); `sections`, one id
    per sentence, keeps the leaning below inside a section (default: all one section).

    Sentences lean on the ones before them in their section:

    - a sentence without figure or topic that gives a change, a comparison or a reason
      (与2025年预算持平，主要原因是…; 决算数小于预算数的主要原因：…) gives them to the statement
      before it;
    - a sentence whose figures name no subject (2025年当年预算执行数为…，2026年预算安排…;
      全年预算为…，支出决算为…) is about the subject named before it in its section
      (1、公共安全支出（204类）…; 一般公共服务支出（类）…（项）。) and takes its topic.
    """
    out: list[NarrativeStatement | None] = []
    texts = list(sentences)
    ids = list(sections) if sections is not None else [0] * len(texts)
    previous: NarrativeStatement | None = None  # the last statement kept in the section
    subject: str | None = None  # the topic of the last sentence in the section that named one
    for i, text in enumerate(texts):
        if i and ids[i] != ids[i - 1]:
            previous, subject = None, None
        st = read_statement(text, fiscal_year)
        if not st.has_figure and st.topic is None and previous is not None \
                and (st.reason or st.change_direction or st.compared_with):
            previous.reason = previous.reason or st.reason
            if previous.change_direction is None:
                previous.change_direction = st.change_direction
            if previous.compared_with is None and previous.compared_year is None:
                previous.compared_with, previous.compared_year = st.compared_with, st.compared_year
            out.append(None)
            continue
        figures = [a for a in st.amounts if not a.is_change and not a.is_threshold]
        if figures and all(_bare(a.phrase) for a in figures) or not figures and st.topic in (None, "other"):
            if subject is not None and st.has_figure:
                st.topic = subject
        elif st.topic not in (None, "other"):
            subject = st.topic
        kept = _keeps(st)
        out.append(st if kept else None)
        if kept:
            previous = st
    return out


def document_statements(blocks: Sequence[Block], fiscal_year: int | None = None) -> list[LocatedStatement]:
    """The statements of a document's text blocks; a run of consecutive text blocks (no table between)
    is read as one text, so that a sentence continued on the next page stays whole."""
    runs: list[list[Block]] = [[]]
    for b in blocks:
        if b.kind != "text":
            runs.append([])
        else:
            runs[-1].append(b)
    out: list[LocatedStatement] = []
    for run in runs:
        lines: list[str] = []
        origin: list[Block] = []
        for b in run:
            lines += b.lines
            origin += [b] * len(b.lines)
        found = sentences(lines, [b.index for b in origin])
        statements = read_statements([s.text for s in found], fiscal_year, [s.section for s in found])
        for sentence, st in zip(found, statements, strict=True):
            if st is not None:
                block = origin[sentence.line]
                out.append(LocatedStatement(block.page, block.index, len(out), st))
    return out
