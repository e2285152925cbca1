"""Decoys named like disclosures, made at test time, through the real path: extract → parse → the
failure decision. Each is refused, saying what it looks like; none yields a line item."""
from __future__ import annotations

import pytest

from pipeline.extract import extract, ocr
from pipeline.load.ledger import document_failure
from pipeline.orchestrate.stages import failure_issue
from pipeline.parse.document import parse
from tests import decoys


def _failure(path) -> tuple[dict | None, int]:
    """What the parse stage records for a file: its failure (or None) and its line item count."""
    try:
        doc = extract(path)
    except Exception as exc:  # noqa: BLE001 - as the extract stage does
        return document_failure([vars(failure_issue("extract", exc))], [], 0), 0
    parsed = parse(doc)
    items = len(parsed.result.items)
    return document_failure([vars(i) for i in doc.issues], [vars(i) for i in parsed.result.issues], items), items


@pytest.mark.parametrize("decoy", [d for d in decoys.decoys() if "scanned" not in d.looks_like],
                         ids=lambda d: d.looks_like)
def test_a_decoy_is_refused_saying_what_it_looks_like(decoy, tmp_path):
    path = tmp_path / decoy.name
    path.write_bytes(decoy.content)
    failure, items = _failure(path)
    assert items == 0
    assert failure["issue_code"] == "not_a_disclosure"
    assert failure["reason"].startswith(f"Refused: this file looks like {decoy.looks_like}")
    assert "not a budget or final-account disclosure" in failure["reason"]


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    content = decoys.scanned_letter()
    if content is None:
        pytest.skip("the seed PDFs' fonts cannot draw the letter")
    path = tmp_path_factory.mktemp("letter") / "东山市审计局2026年部门预算.pdf"
    path.write_bytes(content)
    return path


@pytest.mark.skipif(not ocr.ocr_status()[0], reason=f"OCR unavailable: {ocr.ocr_status()[1]}")
def test_a_scanned_letter_read_by_ocr_is_refused_as_a_scanned_letter(letter):
    failure, items = _failure(letter)
    assert items == 0 and failure["issue_code"] == "not_a_disclosure"
    assert failure["reason"].startswith("Refused: this file looks like a scanned letter")
    assert "OCR read its 1 page and found no budget table title or account code" in failure["reason"]
    assert "not available" not in failure["reason"]


def test_a_scanned_letter_without_ocr_says_ocr_is_not_available(letter, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_status", lambda: (False, "Tesseract is not installed"))
    failure, items = _failure(letter)
    assert items == 0 and failure["issue_code"] == "needs_ocr"
    assert failure["reason"].startswith("Its page is a scanned image without a text layer and OCR is not "
                                        "available here (Tesseract is not installed)")
