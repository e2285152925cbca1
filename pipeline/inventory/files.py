"""Files under raw/ → inventory entries: content hash, format (by suffix), size, every file name.

Documents are content-addressed: document_id is the first 16 hex digits of the
file's sha256, so a renamed or copied file is the same document, and a changed
file is a new one.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
PDF_SUFFIXES = {".pdf": "pdf"}


def file_format(path: Path) -> str | None:
    """'pdf', 'text' or 'markdown' by the file's suffix; None for a format the pipeline does not read."""
    suffix = path.suffix.lower()
    return TEXT_SUFFIXES.get(suffix) or PDF_SUFFIXES.get(suffix)


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
        """The file name the document goes by (the first one found with its content)."""
        return self.path.name


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
    is not hashed again: a growing folder is scanned in milliseconds.
    """
    by_sha: dict[str, InventoryEntry] = {}
    rows: list[dict] = []
    cache = _load_hash_cache(cache_path)
    fresh: dict[str, list] = {}
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        stat = path.stat()
        cached = cache.get(str(path))
        if cached and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns:
            sha = cached[2]
        else:
            sha = sha256_of(path)
        fresh[str(path)] = [stat.st_size, stat.st_mtime_ns, sha]
        modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
        fmt = file_format(path)
        entry = by_sha.get(sha)
        if entry is None:
            entry = by_sha[sha] = InventoryEntry(sha[:16], sha, path, fmt, stat.st_size, modified)
        entry.names.append(path.name)
        rows.append({
            "document_id": sha[:16], "source_file": path.name, "source_path": str(path),
            "sha256": sha, "size_bytes": stat.st_size, "format": fmt, "modified_at": modified,
        })
    if fresh != cache:
        _save_hash_cache(cache_path, fresh)
    return list(by_sha.values()), rows
