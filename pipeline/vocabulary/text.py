"""Small text normalizations shared by the parsing modules."""
from __future__ import annotations

import re
import unicodedata

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACE = re.compile(r"\s+")


def clean_cell(text: str | None) -> str:
    """Cell text with stray HTML tags removed, full-width forms folded and spaces collapsed."""
    if not text:
        return ""
    text = _TAG.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub(" ", text).strip()


def squash(text: str | None) -> str:
    """Text with every whitespace removed (names and headers wrap inside cells)."""
    return _SPACE.sub("", clean_cell(text))
