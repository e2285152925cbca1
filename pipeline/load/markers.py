"""Done markers: a stage's output of one document is current for a content (sha256) and a cache key.

One small JSON file per document and stage under ``<extract_dir>/_done/``; a
marker is written last, after the stage's Parquet files, so a run that dies
half-way leaves the document pending.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..inventory.files import InventoryEntry


def marker_path(extract_dir: Path, stage: str, document_id: str) -> Path:
    """Where the marker of one document's stage lives."""
    return extract_dir / "_done" / f"{document_id}.{stage}.json"


def is_done(extract_dir: Path, stage: str, entry: InventoryEntry, key: str) -> bool:
    """True when the stage's output of this content was made under this cache key."""
    marker = marker_path(extract_dir, stage, entry.document_id)
    if not marker.exists():
        return False
    try:
        data = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    return data.get("sha256") == entry.sha256 and data.get("version") == key


def mark_done(extract_dir: Path, stage: str, entry: InventoryEntry, key: str, **extra) -> None:
    """Record that the stage's output of this content is current for this cache key."""
    marker = marker_path(extract_dir, stage, entry.document_id)
    marker.parent.mkdir(parents=True, exist_ok=True)
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"sha256": entry.sha256, "version": key, **extra}))
    tmp.replace(marker)


def remove_all(extract_dir: Path, document_id: str) -> None:
    """Delete every stage marker of a document (its outputs are gone)."""
    for marker in (extract_dir / "_done").glob(f"{document_id}.*.json"):
        marker.unlink()
