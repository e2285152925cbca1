"""Test corpora built in a temp folder: good seed texts and every kind of bad input.

The bad inputs are made here, not stored: a zero-byte file, a truncated PDF, a
corrupt PDF, a password-protected PDF, a PDF that is not a budget disclosure, an
image-only PDF (a scan), a GB18030/GBK-encoded text, a file type the pipeline
does not read, and a PDF that makes the reader hang (see ``slow_reader``).
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from pipeline.extract import extract
from pipeline.parse import checks
from pipeline.parse.document import parse
from tests import pdfbytes
from tests.conftest import RAW

SEEDS = sorted(p.name for p in RAW.glob("*.txt"))
SLOW_NAME = "slow_reader_hangs.pdf"


def document_id(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def copy_seed(raw: Path, seed: str, name: str | None = None) -> Path:
    target = raw / (name or seed)
    target.write_bytes((RAW / seed).read_bytes())
    return target


def truncated_pdf() -> bytes:
    """The first 40 % of a real disclosure PDF: the download broke off."""
    data = (RAW / "001_525ba3c66e401ae8.pdf").read_bytes()
    return data[: int(len(data) * 0.4)]


def corrupt_pdf() -> bytes:
    """A %PDF header followed by garbage."""
    return b"%PDF-1.7\n" + bytes((i * 97 + 13) % 256 for i in range(4000)) + b"\n%%EOF\n"


BAD_INPUTS: dict[str, bytes | None] = {
    # file name → content (None: made by a function below)
    "empty_file.pdf": b"",
    "truncated_download.pdf": None,
    "corrupt.pdf": None,
    "password_protected.pdf": None,
    "newsletter_not_a_budget.pdf": None,
    "scanned_image_only.pdf": None,
    "spreadsheet.xlsx": b"PK\x03\x04 not a format the pipeline reads",
    SLOW_NAME: None,
}


def write_bad_inputs(raw: Path) -> dict[str, Path]:
    contents = dict(BAD_INPUTS)
    contents["truncated_download.pdf"] = truncated_pdf()
    contents["corrupt.pdf"] = corrupt_pdf()
    contents["password_protected.pdf"] = pdfbytes.encrypted_pdf()
    contents["newsletter_not_a_budget.pdf"] = pdfbytes.text_pdf(
        ["Community newsletter, spring edition", "The library opens at 9:00 on weekdays.",
         "Volunteers meet every Tuesday."])
    contents["scanned_image_only.pdf"] = pdfbytes.image_only_pdf()
    contents[SLOW_NAME] = pdfbytes.text_pdf(["This file makes the (patched) reader hang."])
    paths = {}
    for name, data in contents.items():
        paths[name] = raw / name
        paths[name].write_bytes(data)
    return paths


def write_gbk_seed(raw: Path, seed: str, name: str) -> Path:
    """A seed text re-encoded in GB18030 (a superset of GBK), as older county sites publish them."""
    target = raw / name
    target.write_bytes((RAW / seed).read_text(encoding="utf-8").encode("gb18030"))
    return target


def slow_reader(original):
    """Wrap pipeline.extract.extract so that SLOW_NAME never finishes (as pdfplumber on a pathological PDF)."""
    def extract(path, sha256=None):
        if Path(path).name == SLOW_NAME:
            time.sleep(3600)
        return original(path, sha256)
    return extract


FACT_ROW_KINDS = {"account", "total", "total_personnel", "total_public_use"}


def expected_items(path: Path) -> tuple[int, int]:
    """(printed amount cells, line items of the contract) the parser reads from one file, outside the pipeline.

    All cells are in fct_line_items + fct_other_table_rows; the contract's line items
    (account-coded tables, account and total rows) are fct_line_items / line_items_flat.
    """
    parsed = parse(extract(path))
    types = {t.table_index: t.table_type for t in parsed.result.tables}
    facts = [i for i in parsed.result.items
             if types[i.table_index] in checks.ACCOUNT_TABLE_TYPES and i.row_kind in FACT_ROW_KINDS]
    return len(parsed.result.items), len(facts)
