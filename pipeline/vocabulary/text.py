"""Small text normalizations shared by the parsing modules."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # pure, and called on the same few thousand strings of a page many times over
def clean_cell(text: str | None) -> str:
    """Cell text with stray HTML tags removed, full-width forms folded and spaces collapsed."""
    if not text:
        return ""
    text = _TAG.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)
def squash(text: str | None) -> str:
    """Text with every whitespace removed (names and headers wrap inside cells)."""
    return _SPACE.sub("", clean_cell(text))


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """`text` with every lone UTF-16 surrogate replaced by U+FFFD (�).

    A PDF text layer can map a glyph to half of a surrogate pair, and a file name
    whose bytes are not UTF-8 arrives in Python with its bytes escaped as surrogates
    (U+DC80–U+DCFF). Neither can be written as UTF-8 (Parquet, DuckDB, logs): such a
    string raises ``UnicodeEncodeError: … surrogates not allowed`` wherever it is
    written. A pair that is whole (a character beyond the BMP split in two) is joined.
    """
    if not _LONE_SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def readable_file_name(name: str) -> str:
    """A file name as text that can be written anywhere.

    Python gives a name whose bytes are not UTF-8 with those bytes escaped as
    surrogates (U+DC80–U+DCFF); such names come from archives made on Chinese Windows,
    in GBK/GB18030. The original bytes are read as GB18030 when they are that, else
    each undecodable byte becomes U+FFFD.
    """
    if not _LONE_SURROGATE.search(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes
        return without_lone_surrogates(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")
