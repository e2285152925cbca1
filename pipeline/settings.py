"""Paths and limits in one place: CLI flags override environment variables override defaults.

| setting        | environment variable     | default                          |
|----------------|--------------------------|----------------------------------|
| raw_dir        | BUDGET_RAW_DIR           | raw/                             |
| warehouse      | BUDGET_WAREHOUSE         | warehouse/warehouse.duckdb       |
| extract_dir    | BUDGET_EXTRACT_DIR       | <warehouse folder>/extract       |
| workers        | BUDGET_WORKERS           | number of CPU cores              |
| doc_timeout_s  | BUDGET_DOC_TIMEOUT       | 600 (seconds per document)       |

Reader settings (they change what extraction reads, so they are part of the
extract cache key: a run with another value re-reads every document):

| setting        | environment variable     | default                          |
|----------------|--------------------------|----------------------------------|
| pdf engine     | BUDGET_PDF_ENGINE        | pdfplumber (or pdfium)           |
| OCR engine     | BUDGET_OCR_ENGINE        | rapidocr (or tesseract)          |
| OCR languages  | BUDGET_OCR_LANGUAGES     | chi_sim+eng                      |
| OCR resolution | BUDGET_OCR_DPI           | 300                              |
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
# dbt installed beside this Python (the project's .venv), found even when .venv/bin is not on PATH
_VENV_DBT = Path(sys.executable).parent / "dbt"
DBT_EXECUTABLE = str(_VENV_DBT) if _VENV_DBT.exists() else "dbt"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


@dataclass
class Settings:
    """Folders, worker count and per-document time limit of a run (arguments over environment over defaults)."""

    raw_dir: Path = field(default_factory=lambda: _env_path("BUDGET_RAW_DIR", PROJECT_ROOT / "raw"))
    warehouse: Path = field(
        default_factory=lambda: _env_path("BUDGET_WAREHOUSE", PROJECT_ROOT / "warehouse" / "warehouse.duckdb")
    )
    extract_dir: Path | None = None
    workers: int = field(default_factory=lambda: int(os.environ.get("BUDGET_WORKERS", os.cpu_count() or 1)))
    doc_timeout_s: float = field(default_factory=lambda: float(os.environ.get("BUDGET_DOC_TIMEOUT", 600)))
    full_refresh: bool = False  # build the warehouse from nothing, not from the published one

    def __post_init__(self) -> None:
        self.raw_dir = Path(self.raw_dir).resolve()
        self.warehouse = Path(self.warehouse).resolve()
        if self.extract_dir is None:
            self.extract_dir = _env_path("BUDGET_EXTRACT_DIR", self.warehouse.parent / "extract")
        self.extract_dir = Path(self.extract_dir).resolve()
        self.workers = max(1, int(self.workers))

    @property
    def build_dir(self) -> Path:
        """Where the next warehouse is built before it is published (same file name)."""
        return self.warehouse.parent / ".build"

    @property
    def log_dir(self) -> Path:
        """Where `python -m pipeline run` writes each run's full log (dbt's and Dagster's output)."""
        return self.warehouse.parent / "logs"

    @property
    def build_warehouse(self) -> Path:
        """The scratch warehouse file in build_dir that dbt builds into by default."""
        return self.build_dir / self.warehouse.name

    def env(self, build_path: Path | None = None) -> dict[str, str]:
        """Environment the dbt project reads its paths from (the file dbt builds, not the published one)."""
        return {
            "BUDGET_PARQUET_DIR": str(self.extract_dir),
            "BUDGET_WAREHOUSE": str(build_path or self.build_warehouse),
        }


PDF_ENGINES = ("pdfplumber", "pdfium")


def pdf_engine() -> str:
    """Which engine reads PDF table pages: BUDGET_PDF_ENGINE=pdfplumber (default) or pdfium."""
    engine = os.environ.get("BUDGET_PDF_ENGINE", "pdfplumber").strip().lower() or "pdfplumber"
    if engine not in PDF_ENGINES:
        raise ValueError(f"BUDGET_PDF_ENGINE must be one of {', '.join(PDF_ENGINES)}, not {engine!r}")
    return engine


OCR_ENGINES = ("tesseract", "rapidocr")
DEFAULT_OCR_ENGINE = "rapidocr"  # the better F1 on the scanned variants (docs/benchmarks.md)


def ocr_engine_name() -> str:
    """Which OCR engine reads scanned pages: BUDGET_OCR_ENGINE=rapidocr (default) or tesseract."""
    engine = os.environ.get("BUDGET_OCR_ENGINE", "").strip().lower() or DEFAULT_OCR_ENGINE
    if engine not in OCR_ENGINES:
        raise ValueError(f"BUDGET_OCR_ENGINE must be one of {', '.join(OCR_ENGINES)}, not {engine!r}")
    return engine


def ocr_languages() -> str:
    """Tesseract's languages for scanned pages (BUDGET_OCR_LANGUAGES, default chi_sim+eng)."""
    return os.environ.get("BUDGET_OCR_LANGUAGES", "").strip() or "chi_sim+eng"


def ocr_dpi() -> int:
    """The resolution scanned pages are rendered at for OCR (BUDGET_OCR_DPI, default 300)."""
    return int(os.environ.get("BUDGET_OCR_DPI", "").strip() or 300)


def reader_settings() -> dict[str, str]:
    """Every setting that changes what the readers extract (part of the extract cache key)."""
    return {"pdf_engine": pdf_engine(), "ocr_engine_name": ocr_engine_name(), "ocr_languages": ocr_languages(),
            "ocr_dpi": str(ocr_dpi())}
