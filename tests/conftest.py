from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


def seed_text(stem: str) -> str:
    return (RAW / f"{stem}.txt").read_text(encoding="utf-8")
