"""What a run has to do, decided before it does anything.

Documents are content-addressed (document_id = sha256[:16]), so comparing raw/
with the outputs already written tells everything:

- new or changed content: a document id without finished extract/parse markers
  for the current code (``stages.is_pending``) — the only documents read;
- removed: outputs whose document id is no longer in raw/ (a changed file is its
  old content removed + its new content added);
- renamed or copied: the same id under other file names — nothing is read again,
  only the names in its outputs change (``load.outputs.relabel``);
- the warehouse is current when nothing is pending and the fingerprint of the
  inputs (file names + sha256, code versions, finished-document markers, dbt
  project) equals the one stored in the published warehouse (table
  ``warehouse_build``): then the dbt build is skipped entirely.

The Dagster sensor, the nightly schedule, the in-process CLI run and the
warehouse build all use this module, so they agree on what "changed" means.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..inventory.files import InventoryEntry, take_inventory
from ..load import parquet as store
from ..load.build_base import published_build_info
from ..load.markers import marker_path
from ..load.outputs import stale_ids
from ..settings import DBT_PROJECT_DIR, Settings
from . import stages

FINGERPRINT_FORMAT = "1"


def hash_cache_path(settings: Settings) -> Path:
    """The file the sha256 of raw files are cached in (by size + mtime)."""
    return settings.extract_dir / "_state" / "sha256_cache.json"


def current_entries(settings: Settings) -> tuple[list[InventoryEntry], list[dict]]:
    """The inventory of raw/ (sha256 cached by size + mtime); no other side effect."""
    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"the raw folder {settings.raw_dir} does not exist")
    return take_inventory(settings.raw_dir, hash_cache_path(settings))


def dbt_project_version() -> str:
    """A hash of the dbt project's sources: a change in a model, seed or test rebuilds the warehouse."""
    h = hashlib.sha256()
    files = [p for sub in ("models", "seeds", "macros", "tests") for p in (DBT_PROJECT_DIR / sub).rglob("*")]
    files += [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for f in sorted(p for p in files if p.is_file()):
        h.update(f.relative_to(DBT_PROJECT_DIR).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def _marker_state(extract_dir: Path, document_id: str) -> str:
    marker = marker_path(extract_dir, "parse", document_id)
    try:
        st = marker.stat()
    except FileNotFoundError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def fingerprint(settings: Settings, inventory_rows: list[dict]) -> str:
    """Everything the warehouse build reads, in one hash."""
    h = hashlib.sha256()
    versions = (FINGERPRINT_FORMAT, stages.parse_key(), dbt_project_version())
    h.update("|".join(versions).encode())
    for row in sorted(inventory_rows, key=lambda r: (r["source_file"], r["source_path"])):
        h.update(f"\n{row['source_path']}|{row['sha256']}".encode())
    for document_id in sorted({r["document_id"] for r in inventory_rows}):
        h.update(f"\n{document_id}|{_marker_state(settings.extract_dir, document_id)}".encode())
    return h.hexdigest()[:24]


def published_fingerprint(warehouse: Path) -> str | None:
    """The fingerprint stored in the published warehouse; None when missing or unreadable."""
    info = published_build_info(warehouse)
    return info.get("fingerprint") if info else None


def previous_names(extract_dir: Path) -> dict[str, set[str]]:
    """File names per document id at the last inventory."""
    names: dict[str, set[str]] = {}
    for row in store.read_rows(extract_dir, "inventory", "inventory"):
        names.setdefault(row["document_id"], set()).add(row["source_file"])
    return names


@dataclass
class RunPlan:
    """What a run has to do: documents to read, removed and renamed, and whether the warehouse is current."""

    entries: list[InventoryEntry]
    rows: list[dict]  # inventory rows, one per file name
    pending: list[InventoryEntry] = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # pending ids never read before (new or changed content)
    removed: list[str] = field(default_factory=list)  # ids with outputs that are gone from raw/
    changed_files: list[str] = field(default_factory=list)  # file names whose content changed
    renamed: list[str] = field(default_factory=list)  # ids whose file names changed (renamed / copied)
    fingerprint: str = ""
    published: str | None = None

    @property
    def files(self) -> int:
        """The number of files in raw/ (one inventory row per file name)."""
        return len(self.rows)

    @property
    def warehouse_current(self) -> bool:
        """Nothing to read, nothing to remove, and the published warehouse was built from exactly this."""
        return (not self.pending and not self.removed and not self.renamed
                and self.published is not None and self.published == self.fingerprint)

    def describe(self) -> str:
        """The plan in one line: documents and files, new or changed, re-read, removed, renamed, unchanged."""
        parts = [f"{len(self.entries)} documents in raw/ ({self.files} files)"]
        reread = len(self.pending) - len(self.new)
        parts.append(f"{len(self.new)} new or changed")
        if reread:
            parts.append(f"{reread} re-read (code changed)")
        parts.append(f"{len(self.removed)} removed")
        if self.renamed:
            parts.append(f"{len(self.renamed)} renamed or copied")
        parts.append(f"{len(self.entries) - len(self.pending)} unchanged")
        return ", ".join(parts)


def plan(settings: Settings) -> RunPlan:
    """Compare raw/ with the outputs already written; writes nothing but the hash cache."""
    entries, rows = current_entries(settings)
    extract_dir = settings.extract_dir
    current_ids = {e.document_id for e in entries}
    before = previous_names(extract_dir)
    removed = sorted(stale_ids(extract_dir, current_ids))
    pending = [e for e in entries if stages.is_pending(e, extract_dir)]
    had_outputs = store.keys(extract_dir, "documents") | store.keys(extract_dir, "pages")
    new = [e.document_id for e in pending if e.document_id not in had_outputs]
    pending_ids = {e.document_id for e in pending}
    renamed = sorted(e.document_id for e in entries
                     if e.document_id in before and e.document_id not in pending_ids
                     and before[e.document_id] != set(e.names))
    old_names = {name for doc in removed for name in before.get(doc, ())}
    changed_files = sorted(old_names & {r["source_file"] for r in rows})
    return RunPlan(
        entries=entries, rows=rows, pending=pending, new=new, removed=removed,
        changed_files=changed_files, renamed=renamed, fingerprint=fingerprint(settings, rows),
        published=published_fingerprint(settings.warehouse),
    )
