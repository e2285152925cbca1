"""Straighten a scanned page before OCR.

A page fed to a scanner slightly askew (half a degree to a few degrees) prints its table
rows as slanted lines: OCR then reads words of one row at the heights of the next, and
rows drift into each other. The skew is found the way document scanners do it: the
page's dark pixels are projected onto the vertical axis at a range of candidate angles,
and the angle whose profile is sharpest (text lines and rules collapse into narrow
peaks) is the page's skew. The page is rotated back by it.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

MAX_DEGREES = 3.0  # a scan skewed by more than this is left as it is (rotated pages are another matter)
MIN_DEGREES = 0.1  # below this, rows stay apart: not worth a resampling
_WORK_WIDTH = 1000  # the angle is searched on a copy this wide (pixels)


def _sharpness(dark: Image.Image, degrees: float) -> float:
    """How peaked the horizontal projection of the dark pixels is once rotated by `degrees`."""
    rotated = dark.rotate(degrees, resample=Image.NEAREST, fillcolor=0)
    profile = np.asarray(rotated, dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(profile)).sum())


def skew_angle(image: Image.Image, max_degrees: float = MAX_DEGREES) -> float:
    """The rotation (degrees, counter-clockwise as PIL rotates) that straightens the page."""
    grey = image.convert("L")
    if grey.width > _WORK_WIDTH:
        grey = grey.resize((_WORK_WIDTH, max(1, round(grey.height * _WORK_WIDTH / grey.width))))
    dark = grey.point(lambda v: 255 if v < 128 else 0)
    if not np.asarray(dark).any():
        return 0.0
    best, step = 0.0, 0.5
    candidates = np.arange(-max_degrees, max_degrees + 1e-9, step)
    for _ in range(3):  # coarse to fine: 0.5°, then 0.1°, then 0.02° around the best
        best = max(candidates, key=lambda a: _sharpness(dark, float(a)))
        step /= 5
        candidates = np.arange(best - 5 * step, best + 5 * step + 1e-9, step)
    return round(float(best), 2)


def deskewed(image: Image.Image) -> tuple[Image.Image, float]:
    """The page rotated straight, and the angle it was rotated by (0.0 when it was straight)."""
    angle = skew_angle(image)
    if abs(angle) < MIN_DEGREES:
        return image, 0.0
    fill = 255 if image.mode in ("L", "1") else (255,) * len(image.getbands())
    return image.rotate(angle, resample=Image.BICUBIC, fillcolor=fill), angle
