"""Files under raw/ → inventory entries: content hash, format, size, every file name.

Documents are content-addressed: document_id is the first 16 hex digits of the
file's sha256, so a renamed or copied file is the same document, and a changed
file is a new one.

The format comes from the suffix, except that a file whose first bytes are an HTML
page is ``html`` whatever its name: crawls save web pages (an error page, a page
that links to the PDF) under the name of the PDF they were after. File names are
kept as text that can be written anywhere (a name whose bytes are GBK is read as
GBK, see :func:`pipeline.vocabulary.text.readable_file_name`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..vocabulary.text import readable_file_name

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
PDF_SUFFIXES = {".pdf": "pdf"}
HTML_SUFFIXES = {".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html"}
_SNIFF_BYTES = 1024
# the start of an HTML page: optional BOM, comments and an XML declaration, then a doctype or an html/head tag
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.IGNORECASE | re.DOTALL)


def is_html(head: bytes) -> bool:
    """True when these first bytes of a file are the start of an HTML page (<!DOCTYPE html>, <html>, <head>)."""
    return bool(_HTML_START.match(head))


def file_format(path: Path, head: bytes | None = None) -> str | None:
    """'pdf', 'text', 'markdown' or 'html' — None for a format the pipeline does not know.

    By the suffix, except that a file of a suffix the pipeline reads whose first bytes
    (`head`, read from the file when not given) are an HTML page is 'html'.
    """
    suffix = path.suffix.lower()
    by_name = TEXT_SUFFIXES.get(suffix) or PDF_SUFFIXES.get(suffix) or HTML_SUFFIXES.get(suffix)
    if by_name in (None, "html"):
        return by_name
    if head is None:
        try:
            with path.open("rb") as fh:
                head = fh.read(_SNIFF_BYTES)
        except OSError:
            return by_name
    return "html" if is_html(head) else by_name


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class InventoryEntry:
    """One distinct content under raw/ (the first file name found with it, and all of them)."""

    document_id: str
    sha256: str
    path: Path
    format: str | None
    size_bytes: int
    modified_at: datetime
    names: list[str] = field(default_factory=list)  # every file name with this content

    @property
    def source_file(self) -> str:
        """The file name the document goes by (the first one found with its content), as writable text."""
        return readable_file_name(self.path.name)

    @property
    def source_path(self) -> str:
        """The path of that file, as writable text."""
        return readable_file_name(str(self.path))


def _load_hash_cache(cache_path: Path | None) -> dict[str, list]:
    if cache_path is None or not cache_path.exists():
        return {}
    try:
        return json.loads(cache_path.read_text())
    except (OSError, ValueError):
        return {}


def _save_hash_cache(cache_path: Path | None, cache: dict[str, list]) -> None:
    if cache_path is None:
        return
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_path.with_name(f".{cache_path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(cache, sort_keys=True))
    tmp.replace(cache_path)


def take_inventory(raw_dir: Path, cache_path: Path | None = None) -> tuple[list[InventoryEntry], list[dict]]:
    """Files under raw_dir, one entry per distinct content (sha256); plus inventory rows per name.

    With cache_path, a file whose size and modification time (ns) are unchanged
    is not hashed (nor its format sniffed) again: a growing folder is scanned in milliseconds.
    """
    by_sha: dict[str, InventoryEntry] = {}
    rows: list[dict] = []
    cache = _load_hash_cache(cache_path)
    fresh: dict[str, list] = {}
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        stat = path.stat()
        cached = cache.get(str(path))
        if cached and len(cached) == 4 and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns:
            sha, fmt = cached[2], cached[3]
        else:
            sha, fmt = sha256_of(path), file_format(path)
        fresh[str(path)] = [stat.st_size, stat.st_mtime_ns, sha, fmt]
        modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
        entry = by_sha.get(sha)
        if entry is None:
            entry = by_sha[sha] = InventoryEntry(sha[:16], sha, path, fmt, stat.st_size, modified)
        name = readable_file_name(path.name)
        entry.names.append(name)
        rows.append({
            "document_id": sha[:16], "source_file": name, "source_path": readable_file_name(str(path)),
            "sha256": sha, "size_bytes": stat.st_size, "format": fmt, "modified_at": modified,
        })
    if fresh != cache:
        _save_hash_cache(cache_path, fresh)
    return list(by_sha.values()), rows
