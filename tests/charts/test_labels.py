"""Chart labels say who did what: curated `label`s for every dated entry, a careful fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.charts.timeline import draw_timeline
from bot.core.chart import LABEL_LENGTH, short_label
from bot.core.engine import Engine
from bot.factbase.load.loader import check, load
from tests.conftest import KNOWLEDGE, ask

TESTER_FOUND = {  # the labels a user trial found misleading, and words each must keep
    "soviet-backs-india-1971-war": ("Moscow", "India"),
    "first-strategic-dialogue-2013": ("strategic dialogue",),
    "relations-warm-again-ayub-khan-1965": ("Ayub Khan", "warm"),
}


def test_every_dated_event_and_quote_has_a_short_label() -> None:
    """Whatever a timeline can draw (events, dated quotes) carries its own label, ≤ 40 chars."""
    dated = [
        f
        for f in load(KNOWLEDGE).facts.values()
        if f.date is not None and f.kind in ("event", "quote")
    ]
    assert len(dated) >= 30
    missing = [f.id for f in dated if not f.label]
    assert missing == []
    too_long = [(f.id, f.label) for f in dated if f.label and len(f.label) > LABEL_LENGTH]
    assert too_long == []


@pytest.mark.parametrize("fact_id", sorted(TESTER_FOUND))
def test_the_chart_writes_the_curated_label_with_its_subject(engine: Engine, fact_id: str) -> None:
    """The marks the tester found misleading now name who did what."""
    fact = engine.snapshot.fb.facts[fact_id]
    chart = ask(engine, f"timeline {fact.date.label if fact.date else ''} chart").chart
    assert chart is not None
    (mark,) = [m for m in chart.marks if m.fact_id == fact_id]
    assert mark.label == fact.label
    for words in TESTER_FOUND[fact_id]:
        assert words in mark.label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # More than a date before the comma: the opening stays, with Moscow and India in it.
        (
            "In the 1971 war Moscow gave India its full military, diplomatic and economic backing.",
            "In the 1971 war Moscow gave India its…",
        ),
        # A bare date goes, and only the date.
        ("In April 1965, Ayub Khan visited Moscow.", "Ayub Khan visited Moscow"),
        ("During the 1990s, ties were somewhat cold.", "Ties were somewhat cold"),
        ("In August 2013 Pakistan and Russia held talks.", "Pakistan and Russia held talks"),
        ("In the mid-1970s, ties improved.", "Ties improved"),
        # The subject after a date and a comma is never dropped with it.
        ("In 2002, in Musharraf's era, a group met.", "In Musharraf's era, a group met"),
    ],
)
def test_a_fact_without_a_label_keeps_its_subject(text: str, expected: str) -> None:
    """The fallback for chat-added facts drops a leading bare date and nothing more."""
    assert short_label(text) == expected


def test_a_label_longer_than_the_limit_is_refused(knowledge_copy: Path) -> None:
    """The schema holds labels to 40 characters, with the file and line of the entry."""
    path = knowledge_copy / "events.yaml"
    path.write_text(
        path.read_text().replace(
            "label: Pakistan comes into being", "label: " + "Pakistan comes into being " * 2, 1
        )
    )
    _, problems = check(knowledge_copy)
    assert any("events.yaml" in str(p) and "label" in str(p) for p in problems), problems


def test_a_crowded_chart_still_labels_the_key_events(engine: Engine) -> None:
    """`timeline cold war chart` (23 events) writes the key events' labels, leaving others out."""
    chart = ask(engine, "timeline cold war chart").chart
    assert chart is not None
    written = {t.get_text() for t in draw_timeline(chart).axes[0].texts}
    assert len(written) < len(chart.marks)  # crowded: some do go without a label
    facts = engine.snapshot.fb.facts
    for fact_id in (
        "soviet-backs-india-1971-war",
        "pakistan-dismembered-1971",
        "bhutto-visits-moscow-1972-1974",
        "soviet-union-dissolves-1991",
    ):
        assert facts[fact_id].label in written
