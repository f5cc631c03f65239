"""Check a PNG the way a viewer would: a real image, of the stated size, with something drawn."""

from __future__ import annotations

import io
import struct

import numpy as np
from matplotlib import image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTH, HEIGHT = 640, 480  # 6.4 × 4.8 in at 100 dpi, as bot/charts/style.py states


def png_size(data: bytes) -> tuple[int, int]:
    """Read width and height from the IHDR chunk, which a valid PNG puts first."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def assert_picture(data: bytes) -> None:
    """Assert a decodable PNG of the house size that is not one flat colour."""
    assert png_size(data) == (WIDTH, HEIGHT)
    pixels = image.imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (HEIGHT, WIDTH)
    assert float(np.std(pixels[..., :3])) > 0.05, "the picture is (nearly) blank"
    dark = np.mean(pixels[..., :3], axis=2) < 0.5
    assert dark.mean() > 0.005, "nothing dark enough to be text or marks"
