"""`topic <theme>` and `topics`: facts filed under a theme or country, and the theme list."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask, text_of


@pytest.mark.parametrize(
    ("arg", "entry"),
    [
        ("energy", "energy"),
        ("enrgy", "energy"),
        ("gas", "energy"),
        ("defence", "defence"),
        ("defense", "defence"),
        ("sco", "sco"),
        ("shanghai cooperation organization", "sco"),
        ("cpec", "cpec"),
        ("afghanistan", "afghanistan"),
        ("india", "india"),
        ("china", "china"),
        ("united states", "united-states"),
        ("usa", "united-states"),
    ],
)
def test_topic_lists_facts_filed_under_it(engine: Engine, arg: str, entry: str) -> None:
    """Every fact shown is filed under the theme, or concerns the country."""
    facts = engine.snapshot.fb.facts
    reply = ask(engine, f"topic {arg}")
    shown = [i.fact_id for i in reply.items if i.fact_id and i.heading is None]
    assert shown
    assert all(entry in facts[i].topics or entry in facts[i].parties for i in shown)


@pytest.mark.parametrize("line", ["topic", "topics"])
def test_topics_lists_every_theme_with_its_count(engine: Engine, line: str) -> None:
    """Each theme appears with the number of facts filed under it."""
    text = text_of(engine, line)
    fb = engine.snapshot.fb
    for topic in fb.topics.values():
        count = sum(topic.id in f.topics for f in fb.facts.values())
        assert f"{topic.name}: {count} fact" in text


def test_topics_lists_the_most_covered_themes_first(engine: Engine) -> None:
    """Themes come in order of how many facts they hold, so the big ones are seen first."""
    fb = engine.snapshot.fb
    count = {t.name: sum(t.id in f.topics for f in fb.facts.values()) for t in fb.topics.values()}
    listed = [i.text.split(":")[0] for i in ask(engine, "topics").items if not i.heading]
    assert sorted(listed) == sorted(count)
    assert [count[n] for n in listed] == sorted(count.values(), reverse=True)


@pytest.mark.parametrize("arg", ["cricket", "space race", "zzzz"])
def test_unknown_topic_is_not_invented(engine: Engine, arg: str) -> None:
    """An unknown theme is reported as such, without facts."""
    reply = ask(engine, f"topic {arg}")
    assert reply.kind == "not_found" and not reply.items
