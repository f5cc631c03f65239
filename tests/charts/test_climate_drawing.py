"""The climate picture: its key names exactly what is drawn, thin bands follow the stated rule."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from bot.charts.climate import BAND, BAND_RULE, draw_climate
from bot.core.engine import Engine
from tests.conftest import ask

Box = tuple[float, float, float, float]  # x0, x1, top, bottom in data units


def drawn(line: str, engine: Engine) -> Figure:
    chart = ask(engine, line).chart
    assert chart is not None
    return draw_climate(chart)


def key_of(fig: Figure) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def boxes(fig: Figure) -> list[Box]:
    """Read every span's rectangle back from the picture's first collection."""
    out = []
    for path in fig.axes[0].collections[0].get_paths():
        vertices = np.asarray(path.vertices, dtype=float)
        xs, ys = vertices[:, 0], vertices[:, 1]
        out.append((float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())))
    return out


def test_thin_bands_are_exactly_the_spans_holding_a_narrower_one(engine: Engine) -> None:
    """A span is drawn thin if and only if a narrower span of its row lies inside it.

    (The tester saw 1947–1991 full height in one row and thin in another: the rule now says
    why, and holds for every span drawn.)
    """
    fig = drawn("climate", engine)
    spans = boxes(fig)
    assert BAND_RULE in key_of(fig)
    thin = 0
    for x0, x1, top, bottom in spans:
        row = round((top + bottom) / 2)
        inside = [
            s
            for s in spans
            if round((s[2] + s[3]) / 2) == row
            and x0 <= s[0]
            and s[1] <= x1
            and (s[0], s[1]) != (x0, x1)
        ]
        is_thin = abs((bottom - top) - BAND) < 1e-6
        thin += is_thin
        assert is_thin == bool(inside), (x0, x1, row)
    assert thin >= 1


def test_the_key_names_only_the_tones_drawn(engine: Engine) -> None:
    """`climate good` draws warm and cordial spans: its key names those two and no other tone."""
    key = key_of(drawn("climate good", engine))
    assert {"warm", "cordial"} <= set(key)
    assert not {"mixed", "cool", "hostile"} & set(key)


def test_a_chart_without_nested_spans_has_no_thin_band_in_its_key(engine: Engine) -> None:
    """Warm spans alone nest nowhere, so the key does not explain a thin band."""
    fig = drawn("climate warm", engine)
    assert all(abs((b - t) - BAND) > 1e-6 for _, _, t, b in boxes(fig))
    assert BAND_RULE not in key_of(fig)
