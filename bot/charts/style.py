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

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 4.5, 100  # 800 × 450 px: Discord previews at ~400 px wide
# Sized for the preview: Discord shows an embed's image about 400 px wide, half this size, so
# labels are 11 pt (15 px here, ~8 px there) and the small print no smaller than 8.5 pt.
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 15, 11, 8.5
FONT = "DejaVu Sans"  # shipped with matplotlib: the same picture on every machine


def article_colour(index: int) -> str:
    """Give an article's colour by its place among the sources (stable across charts)."""
    return ARTICLE_COLOURS[index % len(ARTICLE_COLOURS)]


def article_marker(index: int) -> str:
    """Give an article's marker shape, so colour is never the only cue."""
    return ARTICLE_MARKERS[index % len(ARTICLE_MARKERS)]
