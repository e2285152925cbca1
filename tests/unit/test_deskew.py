"""Straightening a scanned page before OCR (pipeline/extract/deskew.py)."""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from pipeline.extract.deskew import deskewed, skew_angle


def _table_page() -> Image.Image:
    """A grey page of ruled rows with text-like dark runs, as a scanned budget table prints."""
    page = Image.new("L", (1600, 2000), 255)
    draw = ImageDraw.Draw(page)
    for row in range(30):
        top = 100 + row * 55
        draw.line((80, top, 1520, top), fill=0, width=2)
        for x in (100, 400, 900, 1150, 1350):
            draw.rectangle((x, top + 15, x + 160, top + 38), fill=40)
    return page


@pytest.mark.parametrize("degrees", [1.36, -0.8, 2.5])
def test_a_page_scanned_askew_is_found_askew_by_its_angle(degrees):
    askew = _table_page().rotate(-degrees, resample=Image.BICUBIC, fillcolor=255)
    assert skew_angle(askew) == pytest.approx(degrees, abs=0.1)


def test_a_straight_page_is_left_as_it_is():
    page = _table_page()
    image, angle = deskewed(page)
    assert angle == 0.0 and image is page


def test_a_straightened_page_prints_its_rows_level_again():
    askew = _table_page().rotate(-1.2, resample=Image.BICUBIC, fillcolor=255)
    straight, angle = deskewed(askew)
    assert angle == pytest.approx(1.2, abs=0.1)
    assert abs(skew_angle(straight)) < 0.1
