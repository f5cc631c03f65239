"""Colours and sizes every chart shares, chosen to survive colour-blindness and a small preview.

Articles are told apart by the Okabe–Ito palette, designed to stay distinct under the common
colour-vision deficiencies (and each article also has its own marker shape, so colour is never
the only cue). Tones run on a diverging scale, blue (warm relations) through pale grey to
vermilion (hostile): a blue–orange diverging pair reads the same for deuteranopes and
protanopes, unlike the familiar green–red, and its lightness runs light in the middle, so the
order survives a greyscale print too.
"""

from __future__ import annotations

from bot.factbase.model import TONES

# Okabe & Ito (2008), without black (text) and yellow (too pale on white for thin marks).
ARTICLE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
ARTICLE_MARKERS = ("o", "s", "D", "^", "X", "P")  # five shapes told apart at 6 px
# warm → hostile: dark blue, light blue, pale grey, light orange, vermilion (ColorBrewer-like
# PuOr/RdBu ends, checked to keep neighbours apart under deuteranopia and protanopia).
TONE_COLOURS = dict(
    zip(TONES, ("#2166AC", "#92C5DE", "#D9D9D9", "#F4A582", "#B2182B"), strict=True)
)
TEXT = "#222222"
MUTED = "#666666"
GRID = "#DDDDDD"

WIDTH_IN, HEIGHT_IN, DPI = 6.4, 4.8, 100  # 640 × 480 px: Discord previews it at 400 × 300
# Sized for the preview: Discord fits an embed's image into about 400 × 300 px, so a 4:3
# picture fills that box at 5/8 of its size, where 16:9 at 800 px came out at half size and
# only 225 px tall. Labels are 12 pt (17 px here, ~10 px there), markers ~14 px here (~9 px
# there, enough to tell a square from a diamond), the small print no smaller than 9 pt.
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 14, 12, 9
MARKER_AREA = 110  # scatter size in points², ~10.5 pt across
LABEL_BOX = {  # a light ground under every label: text over a bar or a grid line stays readable
    "boxstyle": "round,pad=0.12",
    "facecolor": "white",
    "alpha": 0.85,
    "edgecolor": "none",
}
FONT = "DejaVu Sans"  # shipped with matplotlib: the same picture on every machine


def article_colour(index: int) -> str:
    """Give an article's colour by its place among the sources (stable across charts)."""
    return ARTICLE_COLOURS[index % len(ARTICLE_COLOURS)]


def article_marker(index: int) -> str:
    """Give an article's marker shape, so colour is never the only cue."""
    return ARTICLE_MARKERS[index % len(ARTICLE_MARKERS)]
