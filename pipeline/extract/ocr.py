"""OCR of pages without a text layer (scans, tables pasted as images) with Tesseract or RapidOCR.

A page image → words with boxes (pytesseract, ``chi_sim`` + ``eng``; or RapidOCR,
:mod:`.ocr_rapid`, chosen by BUDGET_OCR_ENGINE) and the ruling
lines drawn in the image (long runs of dark pixels), both in PDF points, so the
PDF reader's table finding works on a scan exactly as on a digital page. When the
engine (Tesseract or its Chinese data; the rapidocr-onnxruntime package) is missing,
:func:`ocr_status` says so in plain language and the reader reports the page as
``needs_ocr`` instead.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from ..settings import ocr_engine_name, ocr_languages


@dataclass
class OcrWord:
    """A word Tesseract read: its text, box in PDF points, confidence and (block, paragraph, line) numbers."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    line: tuple[int, int, int] = (0, 0, 0)  # Tesseract's (block, paragraph, line) numbers


@dataclass
class OcrRule:
    """A ruling line found in a page image: horizontal or vertical, at `pos`, from `start` to `end` (points)."""

    orientation: str  # "h" or "v"
    pos: float
    start: float
    end: float


def ocr_status() -> tuple[bool, str]:
    """(available, plain-language reason when not), for the engine BUDGET_OCR_ENGINE names."""
    if ocr_engine_name() == "rapidocr":
        from .ocr_rapid import rapidocr_status

        return rapidocr_status()
    return _tesseract_status()


@lru_cache(maxsize=1)
def _tesseract_status() -> tuple[bool, str]:
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False, "the pytesseract package is not installed"
    exe = shutil.which("tesseract")
    if exe is None:
        return False, "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False, "Tesseract is installed but could not be run (tesseract --list-langs failed)"
    if "chi_sim" not in langs.split():
        return False, "Tesseract has no Simplified Chinese data (apt-get install tesseract-ocr-chi-sim)"
    return True, ""


def ocr_engine() -> str:
    """Which OCR reads scanned pages here: the engine's version (Tesseract's, or RapidOCR's), or why there is none.

    Part of the extract cache key: a document read while OCR was missing is read
    again once the engine is installed (and after it is upgraded). Asks
    :func:`ocr_status` each time (it is cached itself), so the answer follows it.
    """
    available, reason = ocr_status()
    if not available:
        return f"none ({reason})"
    if ocr_engine_name() == "rapidocr":
        from .ocr_rapid import rapidocr_version

        return rapidocr_version()
    return _tesseract_version()


def engine_label() -> str:
    """The OCR engine's name for messages: Tesseract or RapidOCR."""
    return "RapidOCR" if ocr_engine_name() == "rapidocr" else "Tesseract"


@lru_cache(maxsize=1)
def _tesseract_version() -> str:
    try:
        out = subprocess.run([shutil.which("tesseract") or "tesseract", "--version"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "tesseract"
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0] if first else "tesseract"


def ocr_words(image, scale: float) -> list[OcrWord]:
    """Words the OCR engine reads in a page image; boxes divided by `scale` (pixels per point).

    RapidOCR (BUDGET_OCR_ENGINE=rapidocr, the default) reads the page once, see
    :mod:`.ocr_rapid`. With Tesseract (BUDGET_OCR_ENGINE=tesseract):

    The page is read twice: as separate blobs of text (``--psm 11``: right for tables,
    whose wrapped cells break the lines) and as one block of lines (``--psm 6``: surer
    of a short word in its line, 合计 or 决算数). Each word of the first reading whose
    box the second reads with more confidence takes the second's text.

    Tesseract runs single-threaded (OMP_THREAD_LIMIT=1 unless set): the pipeline
    already runs one document per core, and Tesseract's own threads on top of that
    only oversubscribe the cores.
    """
    if ocr_engine_name() == "rapidocr":
        from .ocr_rapid import rapidocr_words

        return rapidocr_words(image, scale)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return drop_shadow_readings(fuse_readings(_tesseract_words(image, scale, 11), _tesseract_words(image, scale, 6)))


def drop_shadow_readings(words: list[OcrWord]) -> list[OcrWord]:
    """Words without the second readings Tesseract sometimes gives the same ink: a word
    lying mostly within a more confident word (most of its width inside the other's, its
    middle within the other's height) whose text it repeats is dropped — a '.00' at
    confidence 0 inside '70540547.00' would make the cell read '70540547.00.00'."""
    def within(inner: OcrWord, outer: OcrWord) -> bool:
        shared = min(inner.x1, outer.x1) - max(inner.x0, outer.x0)
        middle = (inner.top + inner.bottom) / 2
        return shared >= 0.7 * max(inner.x1 - inner.x0, 1e-6) and outer.top <= middle <= outer.bottom \
            and inner.text in outer.text

    by_x = sorted(range(len(words)), key=lambda i: words[i].x0)
    shadowed: set[int] = set()
    for pos, i in enumerate(by_x):
        a = words[i]
        for j in by_x[pos + 1:]:
            b = words[j]
            if b.x0 >= a.x1:
                break  # sorted by x0: no later word overlaps a
            if a.confidence > b.confidence and within(b, a):
                shadowed.add(j)
            elif b.confidence > a.confidence and within(a, b):
                shadowed.add(i)
    return [w for k, w in enumerate(words) if k not in shadowed]


def fuse_readings(primary: list[OcrWord], secondary: list[OcrWord]) -> list[OcrWord]:
    """`primary` words, each replaced by the `secondary` reading of its box when that is
    more confident. The secondary words of a box are those lying mostly inside it;
    together they must span most of its width (Tesseract may split or join words
    differently in the two readings)."""
    out: list[OcrWord] = []
    for word in primary:
        width = max(word.x1 - word.x0, 1e-6)
        inside = [s for s in secondary if _overlap(word, s) >= 0.7 * max((s.x1 - s.x0) * (s.bottom - s.top), 1e-6)]
        if inside:
            inside.sort(key=lambda s: s.x0)
            span = min(inside[-1].x1, word.x1) - max(inside[0].x0, word.x0)
            confidence = sum(s.confidence for s in inside) / len(inside)
            text = "".join(s.text for s in inside)
            if span >= 0.6 * width and confidence > word.confidence and text != word.text:
                word = OcrWord(text, word.x0, word.top, word.x1, word.bottom, confidence, word.line)
        out.append(word)
    return out


def _overlap(a: OcrWord, b: OcrWord) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    return w * h if w > 0 and h > 0 else 0.0


def _tesseract_words(image, scale: float, psm: int) -> list[OcrWord]:
    import pytesseract

    data = pytesseract.image_to_data(
        image, lang=ocr_languages(), config=f"--psm {psm} -c preserve_interword_spaces=1",
        output_type=pytesseract.Output.DICT,
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = clean_word(text or "")
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(OcrWord(text, x / scale, y / scale, (x + w) / scale, (y + h) / scale, conf, line))
    return words


_TRAILING_COMMA = re.compile(r"^(\d[\d.,]*?)[，、,]+$")
_STRAY_MARKS = re.compile(r"^[,，、.。'\"“”‘’`«»|_~^\-—]+$")
# Characters Tesseract's Chinese model reads as a look-alike, in words where the
# look-alike makes no sense in a budget disclosure: 支 → 文 (文出 is no word; 收文 before
# 预算/决算/总表 is 收支), 算 → 笋 (决笋, 预笋), 入 → 人 (收人), and 合计 read as the Latin ait / Att.
_CONFUSIONS = [
    (re.compile(r"^(?:[Aa](?:i|ii|t)t|AIT)$"), "合计"),  # a Latin 'word' in a Chinese table: 合计 read as ait / Att
    (re.compile(r"文出"), "支出"),
    (re.compile(r"收文(?=预算|决算|总表|表)"), "收支"),
    (re.compile(r"(?<=[决预])笋"), "算"),
    (re.compile(r"收人(?!员)"), "收入"),  # 入 → 人 (RapidOCR): 收人 is no word in a budget; 吸收人员 keeps its 人
]


def clean_word(text: str) -> str:
    """A Tesseract word without the marks it reads into table borders and gaps.

    Chinese models emit a closing quote, a bar or a guillemet at the start of a word
    after a cell border (”166.54, ”科目名称, «11), an opening quote before a number (“31) and a
    comma after a code (06，). A closing quote never starts a word and a quote never
    opens a number, so those go; “三公” keeps its quotes.
    """
    text = text.strip().lstrip("”’|«»")
    if _STRAY_MARKS.match(text):
        return ""  # a mark on its own: a border or speck read as punctuation
    if text[:1] in "“‘\"" and text[1:2].isdigit():
        text = text[1:]
    match = _TRAILING_COMMA.match(text)
    return match.group(1) if match else text


def fix_misreadings(text: str) -> str:
    """Undo the look-alike readings of _CONFUSIONS (run on joined words: 文 | 出 → 支出)."""
    for misread, meant in _CONFUSIONS:
        text = misread.sub(meant, text)
    return text


CJK_JOIN_GAP = 0.8  # × the taller word's height: Chinese 'words' closer than this are one run of text


def is_cjk(ch: str) -> bool:
    """A Chinese character or a full-width / CJK punctuation mark."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f" \
        or "\uff00" <= ch <= "\uffef"


def join_chinese_words(words: list[OcrWord], rules: list[OcrRule] = ()) -> list[OcrWord]:
    """Join the pieces Tesseract splits Chinese text into (公共 / 安全 / 支出 → 公共安全支出).

    Chinese has no spaces between words, but Tesseract boxes it in short 'words' whose
    ink-tight boxes leave gaps of a fraction of a character. Neighbours on one
    Tesseract line, Chinese at the join, closer than CJK_JOIN_GAP × their height
    and not parted by a vertical rule (a cell border), are one run; a wider gap
    (the next table column) still separates them.
    """
    borders = [r for r in rules if r.orientation == "v"]
    out: list[OcrWord] = []
    for word in words:
        prev = out[-1] if out else None
        if prev is not None and prev.line == word.line and is_cjk(prev.text[-1]) and is_cjk(word.text[0]):
            height = max(prev.bottom - prev.top, word.bottom - word.top)
            middle = (max(prev.top, word.top) + min(prev.bottom, word.bottom)) / 2
            parted = any(prev.x1 - 1 <= r.pos <= word.x0 + 1 and r.start <= middle <= r.end for r in borders)
            if -0.3 * height <= word.x0 - prev.x1 <= CJK_JOIN_GAP * height and not parted:  # boxes may touch
                out[-1] = OcrWord(prev.text + word.text, prev.x0, min(prev.top, word.top), word.x1,
                                  max(prev.bottom, word.bottom), min(prev.confidence, word.confidence), prev.line)
                continue
        out.append(word)
    return out


def read_image(image, scale: float) -> tuple[list[OcrWord], list[OcrRule]]:
    """Words and ruling lines of a page image, in PDF points.

    The rules are found first and painted out before Tesseract reads the image:
    left in, they read as '|' glued to the numbers and swallow decimal points.
    """
    import numpy as np
    from PIL import Image

    gray = np.asarray(image.convert("L")).copy()
    rules, mask = ruling_lines(gray < 128, scale)
    gray[mask] = 255
    words = join_chinese_words(ocr_words(Image.fromarray(gray), scale), rules)
    for word in words:
        word.text = fix_misreadings(word.text)
    return words, rules


def _runs(mask, min_run: int):
    """(row index, start, end) of runs of True at least `min_run` long, row by row."""
    import numpy as np

    for index in np.flatnonzero(mask.sum(axis=1) >= min_run):
        padded = np.concatenate(([0], mask[index].view(np.int8), [0]))
        changes = np.flatnonzero(np.diff(padded))
        for start, end in zip(changes[::2], changes[1::2]):
            if end - start >= min_run:
                yield int(index), int(start), int(end)


def ruling_lines(dark, scale: float, min_points: float = 20.0):
    """Rules drawn in the image (runs of dark pixels at least `min_points` long) and their pixel mask."""
    import numpy as np

    min_run = int(min_points * scale)
    mask = np.zeros_like(dark)
    rules: list[OcrRule] = []
    for index, start, end in _runs(dark, min_run):
        rules.append(OcrRule("h", index / scale, start / scale, end / scale))
        mask[max(index - 1, 0):index + 2, start:end] = True
    for index, start, end in _runs(dark.T, min_run):
        rules.append(OcrRule("v", index / scale, start / scale, end / scale))
        mask[start:end, max(index - 1, 0):index + 2] = True
    return rules, mask
