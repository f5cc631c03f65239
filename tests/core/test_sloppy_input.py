"""Input as people really type it: odd case, punctuation, quotes, aliases, spelt-out periods."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import ask

SAME_ANSWER = [
    ("!Timeline 1970S", "timeline 1970s"),
    ("!TIMELINE seventies", "timeline 1970s"),
    ("timeline 70's", "timeline 1970s"),
    ("timline sevnties", "timeline 1970s"),
    ("timeline sixtys", "timeline 1960s"),
    ("timeline eightees", "timeline 1980s"),
    ("timeline late ninetees", "timeline late 1990s"),
    ('!timeline "1970s"', "timeline 1970s"),
    ("timeline 1970s?", "timeline 1970s"),
    ("timeline the 70s", "timeline 1970s"),
    ("!interests: russia", "interests russia"),
    ("!interests:russia", "interests russia"),
    ("interests 'moscow'", "interests russia"),
    ("interests ussr", "interests russia"),
    ("interests soviet", "interests russia"),
    ("interests kremlin", "interests russia"),
    ("interests islamabad", "interests pakistan"),
    ("interests paksitan", "interests pakistan"),
    ("interests both countries", "interests shared"),
    ("/who bhutto", "who bhutto"),
    ('who "bhutto"', "who bhutto"),
    ("who bhutto?", "who bhutto"),
    ("who: ZAB", "who bhutto"),
    ("topic SCO", "topic sco"),
    ("topic shanghai", "topic sco"),
    ("topic millitary", "topic defence"),
    ("search india?", "search india"),
    ("timeline 9/11", "timeline after 9/11"),
    ("timeline 1947 to now", "timeline since 1947"),
    ("timeline from 1965 till 1972", "timeline 1965-1972"),
    ("help me", "help"),
    ("timeline circa 1965", "timeline 1965"),
    ("timeline c. 1971", "timeline 1971"),
    ("timeline ~1971", "timeline 1971"),
    ("timeline 1991-1965", "timeline 1965-1991"),
    ("timeline 1991 to 1965", "timeline 1965-1991"),
    ("wat did bhutto do", "what did bhutto do"),
    ("wen did musharraf visit moscow", "when did musharraf visit moscow"),
    ("hw much trade is there", "how much trade is there"),
    ("hello, who was kosygin", "who was kosygin"),
]


@pytest.mark.parametrize(("sloppy", "tidy"), SAME_ANSWER)
def test_sloppy_input_gets_the_tidy_answer(engine: Engine, sloppy: str, tidy: str) -> None:
    """Case, quotes, colons, trailing `?` and aliases change nothing in the answer."""
    reply, expected = ask(engine, sloppy), ask(engine, tidy)
    assert reply.kind == "answer" and reply.items and reply.items == expected.items
