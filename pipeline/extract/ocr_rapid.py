"""OCR of a page image with RapidOCR: PaddleOCR's PP-OCRv4 Chinese models run by ONNX Runtime.

The models ship inside the ``rapidocr-onnxruntime`` wheel (1.4.x), so nothing is
downloaded at run time. RapidOCR finds lines of text and reads each line, with a box
and a confidence for every character; a line is cut into words where two neighbouring
characters leave a gap wider than half the line's height (the next table column
the detector joined to this one). Words come out as :class:`~pipeline.extract.ocr.OcrWord`
in PDF points, confidence 0–100 like Tesseract's, each line of text a line of its own.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import metadata

from .ocr import OcrWord, clean_word

WORD_GAP = 0.5  # × the line's height: a gap this wide between two characters starts a new word


@lru_cache(maxsize=1)
def rapidocr_status() -> tuple[bool, str]:
    """(available, plain-language reason when not)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False, "the rapidocr-onnxruntime package is not installed (pip install rapidocr-onnxruntime)"
    return True, ""


def rapidocr_version() -> str:
    """The engine's name and version, e.g. 'rapidocr-onnxruntime 1.4.4 (onnxruntime 1.32.0)'."""
    try:
        return f"rapidocr-onnxruntime {metadata.version('rapidocr-onnxruntime')} " \
               f"(onnxruntime {metadata.version('onnxruntime')})"
    except metadata.PackageNotFoundError:
        return "rapidocr-onnxruntime"


@lru_cache(maxsize=1)
def _engine():
    """The RapidOCR reader, loaded once per process, on one thread (one document per core already)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False)


def rapidocr_words(image, scale: float) -> list[OcrWord]:
    """Words RapidOCR reads in a page image (PIL), boxes divided by `scale` (pixels per point)."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"))
    result, _ = _engine()(rgb, use_cls=False, return_word_box=True)
    lines = []
    for item in result or []:
        _, text, score, *rest = item
        if len(rest) >= 2 and rest[0] and len(rest[0]) == len(rest[1]):
            chars = [(_box(quad), ch, float(conf)) for quad, ch, conf in zip(rest[0], rest[1], rest[2])]
        else:
            chars = [(_box(item[0]), text, float(score))]
        lines.append(chars)
    return words_from_lines(lines, scale)


def _box(quad) -> tuple[float, float, float, float]:
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


def words_from_lines(lines: list[list[tuple[tuple[float, float, float, float], str, float]]],
                     scale: float) -> list[OcrWord]:
    """Words of RapidOCR's lines: each line a list of (pixel box, character, confidence 0–1).

    A line is cut where the gap between two characters is wider than WORD_GAP × the
    line's height; spaces are dropped. A word's box spans its characters, its
    confidence is its least sure character's (× 100), and each line is a line of its
    own (its index as Tesseract's (block, paragraph, line)).
    """
    words = []
    for n, chars in enumerate(lines):
        chars = [c for c in chars if c[1].strip()]
        if not chars:
            continue
        height = max(c[0][3] for c in chars) - min(c[0][1] for c in chars)
        groups: list[list] = [[chars[0]]]
        for prev, char in zip(chars, chars[1:]):
            if char[0][0] - prev[0][2] > WORD_GAP * height:
                groups.append([])
            groups[-1].append(char)
        for group in groups:
            text = clean_word("".join(c[1] for c in group).replace(" ", ""))
            if not text:
                continue
            x0 = min(c[0][0] for c in group)
            top = min(c[0][1] for c in group)
            x1 = max(c[0][2] for c in group)
            bottom = max(c[0][3] for c in group)
            confidence = 100 * min(c[2] for c in group)
            words.append(OcrWord(text, x0 / scale, top / scale, x1 / scale, bottom / scale, confidence, (n, 0, 0)))
    return words
