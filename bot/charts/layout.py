"""Where each mark's label goes, so that no two labels collide: pure arithmetic, no drawing.

A timeline chart gives each mark a row and writes its label beside it (to the right, or to the
left near the right edge). Rows are filled greedily in date order: a mark goes into the first
row where its mark-and-label box clears every box already there by `gap` pixels. A mark that
fits in no row is still drawn, on a strip of its own, but unlabelled: the picture counts it in
"+N more" rather than let two labels overlap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

GAP_PX = 8.0  # the least space between two boxes of one row
MARKER_PX = 8.0  # from a point marker's centre to its label
SPAN_PX = 3.0  # from a bar's start to its label, written over the faint bar


@dataclass(frozen=True, slots=True)
class Placed:
    """One mark's place: its row (None: drawn unlabelled), and which side its label is on."""

    index: int  # position in the chart's marks
    row: int | None
    left: float  # the box (mark and label) in pixels from the axis' left edge
    right: float
    text_x: float = 0.0  # where the label is anchored, in pixels
    label_left: bool = False  # the label ends at `text_x` instead of starting there
    label: str = ""  # the label as drawn: cut shorter where the plot is too narrow for it


def place(
    spans: Sequence[tuple[float, float]],
    labels: Sequence[str],
    measure: Callable[[str], float],
    width: float,
    rows: int,
    gap: float = GAP_PX,
) -> list[Placed]:
    """Give each mark a row and a label side; `spans` are (x0, x1) pixels, in date order."""
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed: list[Placed] = []
    for index, ((x0, x1), label) in enumerate(zip(spans, labels, strict=True)):
        label = fitted(label, measure, _room(x0, x1, width))
        box, anchor, on_left = _box(x0, x1, measure(label), width)
        row = _free_row(taken, box, gap)
        if row is None:
            placed.append(Placed(index, None, x0, x1))
            continue
        taken[row].append(box)
        placed.append(Placed(index, row, box[0], box[1], anchor, on_left, label))
    return placed


def _room(x0: float, x1: float, width: float) -> float:
    """Give the widest label the plot holds beside this mark, on its roomier side."""
    point = x1 - x0 < 1.0
    right = width - x0 - (MARKER_PX if point else SPAN_PX)
    return max(right, x0 - MARKER_PX)


def fitted(label: str, measure: Callable[[str], float], room: float) -> str:
    """Cut a label at a word until it fits `room` pixels, so none runs off the picture."""
    while measure(label) > room and " " in label:
        label = label.rstrip("…").rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return label


def _box(
    x0: float, x1: float, text: float, width: float
) -> tuple[tuple[float, float], float, bool]:
    """Give the box a mark and its label fill, the label's anchor, and whether it is on the left.

    A span's label starts at the span's start (written over its faint bar); a point's label
    starts after its marker. Near the right edge the label ends just before the mark instead.
    """
    point = x1 - x0 < 1.0
    start = x0 + (MARKER_PX if point else SPAN_PX)
    if start + text <= width:
        return (x0 - MARKER_PX / 2, max(x1, start + text)), start, False
    end = x0 - MARKER_PX
    return (max(0.0, end - text), max(x1, x0 + MARKER_PX / 2)), end, True


def _free_row(
    taken: list[list[tuple[float, float]]], box: tuple[float, float], gap: float
) -> int | None:
    """Give the first row whose boxes all clear `box` by `gap`, or None."""
    for row, boxes in enumerate(taken):
        if all(box[0] >= b[1] + gap or box[1] + gap <= b[0] for b in boxes):
            return row
    return None


def unlabelled(placed: Sequence[Placed]) -> int:
    """Count the marks drawn without a label: part of the picture's "+N more"."""
    return sum(1 for p in placed if p.row is None)


def nested(spans: Sequence[tuple[int, float, float]]) -> set[int]:
    """Give the spans (lane, start, end) that strictly contain another span of their lane.

    In the climate chart an article may characterise a whole era and then a spell inside it;
    the era is drawn as a thin band beneath, so the spell on top hides neither reading.
    """
    outer: set[int] = set()
    for i, (lane, a0, a1) in enumerate(spans):
        for j, (other, b0, b1) in enumerate(spans):
            if i != j and lane == other and a0 <= b0 and b1 <= a1 and (a0, a1) != (b0, b1):
                outer.add(i)
                break
    return outer


def year_ticks(first: float, last: float, most: int = 12) -> list[int]:
    """Give round years for the axis: every 1, 2, 5, 10 or 20 years, at most `most` of them."""
    for step in (1, 2, 5, 10, 20, 50):
        start = math.ceil(first / step) * step
        ticks = list(range(start, int(last) + 1, step))
        if len(ticks) <= most:
            return ticks
    return [int(first), int(last)]
