"""OCR of pages without a text layer (scans, tables pasted as images) with Tesseract.

A page image → words with boxes (pytesseract, ``chi_sim`` + ``eng``) and the ruling
lines drawn in the image (long runs of dark pixels), both in PDF points, so the
PDF reader's table finding works on a scan exactly as on a digital page. When
Tesseract or its Chinese data is missing, :func:`ocr_status` says so in plain
language and the reader reports the page as ``needs_ocr`` instead.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

OCR_DPI = 300
LANGUAGES = "chi_sim+eng"


@dataclass
class OcrWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


@dataclass
class OcrRule:
    orientation: str  # "h" or "v"
    pos: float
    start: float
    end: float


@lru_cache(maxsize=1)
def ocr_status() -> tuple[bool, str]:
    """(available, plain-language reason when not)."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False, "the pytesseract package is not installed"
    exe = shutil.which("tesseract")
    if exe is None:
        return False, "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return False, f"Tesseract could not be run: {exc}"
    if "chi_sim" not in langs.split():
        return False, "Tesseract has no Simplified Chinese data (apt-get install tesseract-ocr-chi-sim)"
    return True, ""


def ocr_words(image, scale: float) -> list[OcrWord]:
    """Words Tesseract reads in a page image; boxes divided by `scale` (pixels per point)."""
    import pytesseract

    data = pytesseract.image_to_data(
        image, lang=LANGUAGES, config="--psm 6 -c preserve_interword_spaces=1",
        output_type=pytesseract.Output.DICT,
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(OcrWord(text, x / scale, y / scale, (x + w) / scale, (y + h) / scale, conf))
    return words


def read_image(image, scale: float) -> tuple[list[OcrWord], list[OcrRule]]:
    """Words and ruling lines of a page image, in PDF points.

    The rules are found first and painted out before Tesseract reads the image:
    left in, they read as '|' glued to the numbers and swallow decimal points.
    """
    import numpy as np
    from PIL import Image

    gray = np.asarray(image.convert("L")).copy()
    rules, mask = _ruling_lines(gray < 128, scale)
    gray[mask] = 255
    return ocr_words(Image.fromarray(gray), scale), rules


def _runs(mask, min_run: int):
    """(row index, start, end) of runs of True at least `min_run` long, row by row."""
    import numpy as np

    for index in np.flatnonzero(mask.sum(axis=1) >= min_run):
        padded = np.concatenate(([0], mask[index].view(np.int8), [0]))
        changes = np.flatnonzero(np.diff(padded))
        for start, end in zip(changes[::2], changes[1::2]):
            if end - start >= min_run:
                yield int(index), int(start), int(end)


def _ruling_lines(dark, scale: float, min_points: float = 20.0):
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
