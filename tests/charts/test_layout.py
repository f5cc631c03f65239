"""Label placement: no two labels of a row collide, and what cannot be placed is counted."""

from __future__ import annotations

import itertools

import pytest

from bot.charts.layout import GAP_PX, nested, place, unlabelled, year_ticks


def width_of(text: str) -> float:
    return 7.0 * len(text)


def test_labels_of_one_row_never_overlap() -> None:
    """Forty crowded marks: every pair of boxes in a row is at least GAP_PX apart."""
    xs = [(i * 13.0, i * 13.0) for i in range(40)]
    labels = [f"event number {i}" for i in range(40)]
    placed = place(xs, labels, width_of, width=600, rows=8)
    for row in range(8):
        boxes = sorted((p.left, p.right) for p in placed if p.row == row)
        for (_, right), (left, _) in itertools.pairwise(boxes):
            assert left >= right + GAP_PX


def test_what_does_not_fit_is_drawn_unlabelled_and_counted() -> None:
    """Three rows cannot hold forty labels: the rest have no row, and are counted."""
    xs = [(i * 13.0, i * 13.0) for i in range(40)]
    placed = place(xs, ["a long label of an event"] * 40, width_of, width=600, rows=3)
    assert len(placed) == 40 and [p.index for p in placed] == list(range(40))
    assert unlabelled(placed) == sum(1 for p in placed if p.row is None) > 0


def test_a_label_near_the_right_edge_goes_left_of_its_mark() -> None:
    """A mark at the right edge is labelled to its left, inside the axis."""
    (near_edge,) = place([(590.0, 590.0)], ["late event"], width_of, width=600, rows=2)
    assert near_edge.label_left and near_edge.left >= 0 and near_edge.text_x < 590


def test_a_label_too_long_for_either_side_is_cut_at_a_word_to_fit() -> None:
    """In the middle of a narrow plot a long label is shortened, never drawn off the picture."""
    long = "Relations between Pakistan and the Soviet Union improved after the visit"
    (middle,) = place([(300.0, 300.0)], [long], width_of, width=600, rows=2)
    assert middle.label.endswith("…") and long.startswith(middle.label.removesuffix("…"))
    room = 300.0 - 8.0  # left of the mark, less the marker's gap (the roomier side here)
    assert width_of(middle.label) <= room
    start = middle.text_x - width_of(middle.label) if middle.label_left else middle.text_x
    assert start >= 0 and start + width_of(middle.label) <= 600
    (short,) = place([(300.0, 300.0)], ["Tashkent"], width_of, width=600, rows=2)
    assert short.label == "Tashkent"


def test_a_span_holding_another_of_its_lane_is_an_era() -> None:
    """1947–1991 holding 1965 in one row is an era; the same span in another row is not."""
    spans = [(0, 1947.0, 1992.0), (0, 1965.0, 1966.0), (1, 1947.0, 1992.0), (1, 1992.0, 2000.0)]
    assert nested(spans) == {0}


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (1959.8, 1970.2, list(range(1960, 1971))),
        (1946.5, 2026.9, [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]),
        (1964.9, 1966.1, [1965, 1966]),
    ],
)
def test_year_ticks_are_round_and_inside(first: float, last: float, expected: list[int]) -> None:
    assert year_ticks(first, last) == expected


def test_when_labels_crowd_the_important_ones_are_kept() -> None:
    """Ten marks at one spot, two rows: the two of weight 2 are labelled, wherever they fall."""
    xs = [(100.0, 100.0)] * 10
    weights = [0, 0, 0, 2, 0, 0, 0, 0, 2, 0]
    labels = [f"event {i}" for i in range(10)]
    placed = place(xs, labels, width_of, width=600, rows=2, weights=weights)
    assert {p.index for p in placed if p.row is not None} == {3, 8}


def test_among_equals_a_lone_mark_is_labelled_before_a_crowd() -> None:
    """Six marks crowd the left, one stands alone at the right: with two rows, it gets one."""
    xs = [(20.0 + i, 20.0 + i) for i in range(6)] + [(400.0, 400.0)]
    placed = place(xs, ["crowded event"] * 6 + ["lone"], width_of, 600, rows=2, weights=[1] * 7)
    assert placed[6].row is not None


def test_when_every_label_fits_rows_follow_the_dates() -> None:
    """Enough rows for all: the earliest mark is on the top row, whatever the weights say."""
    xs = [(i * 40.0, i * 40.0) for i in range(4)]
    placed = place(xs, ["an event label"] * 4, width_of, 600, rows=6, weights=[0, 0, 0, 5])
    assert [p.row for p in placed] == [0, 1, 2, 3]


def test_a_label_goes_left_of_its_mark_when_the_right_is_taken() -> None:
    """One row, two close marks: the weightier is labelled to its right, the other to its left."""
    spans = [(250.0, 250.0), (300.0, 300.0)]
    placed = place(spans, ["aaaa", "bbbb"], width_of, 600, rows=1, weights=[0, 1])
    assert [p.row for p in placed] == [0, 0]
    assert placed[0].label_left and not placed[1].label_left
    assert placed[0].right + GAP_PX <= placed[1].left
