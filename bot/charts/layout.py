"""Where each mark's label goes, so that no two labels collide: pure arithmetic, no drawing.

A timeline chart gives each mark a row and writes its label beside it (to the right, or to the
left near the right edge). Rows are filled greedily, the most important marks first (date order
among equals): a mark goes into the first row where its mark-and-label box clears every box
already there by `gap` pixels. So when a crowded period cannot label everything, the marks left
unlabelled are the minor ones, never the war or the visit beside them. A mark that fits in no
row is still drawn, on a strip of its own, but unlabelled: the picture counts it in "+N more"
rather than let two labels overlap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

GAP_PX = 8.0  # the least space between two boxes of one row
MARKER_PX = 12.0  # from a point marker's centre to its label (a marker is ~15 px across)
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
    weights: Sequence[int] = (),
) -> list[Placed]:
    """Give each mark a row and a label side; `spans` are (x0, x1) pixels, in date order.

    Placed in date order when every label fits so, since rows then read top to bottom in time;
    else in the order of `weights` (one per mark, higher first), so that what goes unlabelled
    is the least important. The result is in the marks' own order.
    """
    pairs = list(zip(spans, labels, strict=True))
    in_time = _place(pairs, range(len(pairs)), measure, width, rows, gap)
    if not weights or unlabelled(in_time) == 0:
        return in_time
    return _place(pairs, _order(spans, weights), measure, width, rows, gap)


def _place(
    pairs: Sequence[tuple[tuple[float, float], str]],
    order: Iterable[int],
    measure: Callable[[str], float],
    width: float,
    rows: int,
    gap: float,
) -> list[Placed]:
    """Place the marks' labels one by one in `order`, each in the first row it fits."""
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed: dict[int, Placed] = {}
    for index in order:
        (x0, x1), label = pairs[index]
        label = fitted(label, measure, _room(x0, x1, width))
        found = _free_row(taken, _boxes(x0, x1, measure(label), width), gap)
        if found is None:
            placed[index] = Placed(index, None, x0, x1)
            continue
        row, (box, anchor, on_left) = found
        taken[row].append(box)
        placed[index] = Placed(index, row, box[0], box[1], anchor, on_left, label)
    return [placed[i] for i in range(len(pairs))]


def _order(spans: Sequence[tuple[float, float]], weights: Sequence[int]) -> list[int]:
    """Give the order labels are placed in: by weight, and among equals, spread out.

    Among marks of equal weight the next is the one farthest from every mark already taken,
    so a cluster (six events of 1965–69) does not take every row before an isolated event of
    the same weight (Bhutto's visits of 1972–74) gets one. Date order breaks exact ties.
    """
    if not weights:
        return list(range(len(spans)))
    centres = [(x0 + x1) / 2 for x0, x1 in spans]
    order: list[int] = []
    for weight in sorted(set(weights), reverse=True):
        group = [i for i in range(len(spans)) if weights[i] == weight]
        while group:
            best = max(group, key=lambda i: (_distance(centres[i], order, centres), -i))
            order.append(best)
            group.remove(best)
    return order


def _distance(x: float, taken: Sequence[int], centres: Sequence[float]) -> float:
    """Give how far `x` is from the nearest mark already taken (infinite when none is)."""
    return min((abs(x - centres[j]) for j in taken), default=math.inf)


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


Box = tuple[tuple[float, float], float, bool]  # (left, right), the label's anchor, on the left


def _boxes(x0: float, x1: float, text: float, width: float) -> list[Box]:
    """Give the boxes a mark and its label may fill, right of the mark first, then left of it.

    A span's label starts at the span's start (written over its faint bar, on a light ground);
    a point's label starts after its marker. On the left, the label ends just before the mark.
    Only the sides the label fits on inside the plot are offered (at least one, the roomier).
    """
    point = x1 - x0 < 1.0
    start = x0 + (MARKER_PX if point else SPAN_PX)
    end = x0 - MARKER_PX
    right: Box = ((x0 - MARKER_PX / 2, max(x1, start + text)), start, False)
    left: Box = ((max(0.0, end - text), max(x1, x0 + MARKER_PX / 2)), end, True)
    sides = [box for box, fits in ((right, start + text <= width), (left, end >= text)) if fits]
    return sides or [right if width - start >= end else left]


def _free_row(
    taken: list[list[tuple[float, float]]], boxes: list[Box], gap: float
) -> tuple[int, Box] | None:
    """Give the first row, and the first of `boxes`, that clears every box of the row by `gap`."""
    for row, others in enumerate(taken):
        for box in boxes:
            (left, right) = box[0]
            if all(left >= b[1] + gap or right + gap <= b[0] for b in others):
                return row, box
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
